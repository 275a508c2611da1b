/**
 * SPEC §3 rules 2, 3, 4 and 6 for one checkout, decided before anything is written.
 */
import { applyInOrder, pour, type Applied, type Owed } from './allocation'
import { insufficientAdvance, RuleError } from './errors'
import { sum, type Minor } from './money'

export type Target<Id> = { kind: 'bill' } | { kind: 'invoice'; id: Id } | { kind: 'advance' }

export interface CheckoutPlanInput<Id, DepositId> {
  billTotal: Minor
  /** Amounts of the payment lines, in the order given. */
  payments: Minor[]
  useAdvance: Minor
  /** Active deposits of the customer, oldest first. */
  deposits: readonly Owed<DepositId>[]
  /** The customer's other posted invoices with something due, oldest first. */
  openInvoices: readonly Owed<Id>[]
  keepExcessAsAdvance: boolean
  /** How amounts read in messages: the store's formatter (₹700.00), never bare minor units. */
  format?: (minor: Minor) => string
}

export interface CheckoutPlan<Id, DepositId> {
  advanceUses: Applied<DepositId>[]
  /** paymentIndex → target, amount. */
  splits: { payment: number; target: Target<Id>; amount: Minor }[]
  paidOnBill: Minor
  appliedToPending: Minor
  keptAsAdvance: Minor
  billDue: Minor
}

export function planCheckout<Id, DepositId>(input: CheckoutPlanInput<Id, DepositId>): CheckoutPlan<Id, DepositId> {
  const advanceHeld = sum(input.deposits.map((deposit) => deposit.amount))
  if (input.useAdvance > advanceHeld) throw insufficientAdvance()
  if (input.useAdvance > input.billTotal) {
    throw new RuleError('useAdvance cannot be more than the bill total', 'useAdvance')
  }
  const { applied: advanceUses } = applyInOrder(input.useAdvance, input.deposits)

  const dueAfterAdvance = input.billTotal - input.useAdvance
  const pending = sum(input.openInvoices.map((invoice) => invoice.amount))
  const paid = sum(input.payments)
  const excess = Math.max(0, paid - dueAfterAdvance - pending)
  if (excess > 0 && !input.keepExcessAsAdvance) {
    const format = input.format ?? String
    throw new RuleError(
      `Payments exceed the bill and everything the customer owes by ${format(excess)}; lower them, give cash back as change, or keep the excess as an advance`,
      'payments',
    )
  }

  const targets: { key: Target<Id>; amount: Minor }[] = [
    { key: { kind: 'bill' }, amount: dueAfterAdvance },
    ...input.openInvoices.map((invoice) => ({ key: { kind: 'invoice', id: invoice.id } as Target<Id>, amount: invoice.amount })),
    { key: { kind: 'advance' }, amount: excess },
  ]
  const splits = pour(
    input.payments.map((amount, index) => ({ key: index, amount })),
    targets,
  )
  const total = (kind: Target<Id>['kind']) => sum(splits.filter((split) => split.target.kind === kind).map((split) => split.amount))
  const paidOnBill = total('bill')
  return {
    advanceUses,
    splits,
    paidOnBill,
    appliedToPending: total('invoice'),
    keptAsAdvance: total('advance'),
    billDue: dueAfterAdvance - paidOnBill,
  }
}

export interface PreviewPayment {
  method: string
  amount: Minor
  /** cash handed over (cash lines only) */
  tendered?: Minor | null
}

export interface CheckoutPreview {
  /** The payment lines as they are sent: cash beyond everything owed is change, not payment. */
  payments: PreviewPayment[]
  paidNow: Minor
  /** paid on this bill (after the advance used) */
  toBill: Minor
  /** paid on the customer's earlier bills, oldest first */
  toEarlier: Minor
  keptAsAdvance: Minor
  changeDue: Minor
  /** what stays pending on this bill */
  billDue: Minor
  /** the customer's total pending after the checkout */
  newOwed: Minor
  /** money by card, UPI… beyond everything owed and not kept as an advance: it would be refused */
  excess: Minor
}

/**
 * What a checkout will do, shown before the cashier completes it (issue 13): the same rules
 * as planCheckout, on the customer's pending total. A cash overpayment beyond everything
 * owed is change to give back — unless the cashier keeps it as an advance.
 */
export function previewCheckout(input: { billTotal: Minor; useAdvance: Minor; pending: Minor; payments: PreviewPayment[]; keepExcessAsAdvance: boolean }): CheckoutPreview {
  const dueNow = Math.max(0, input.billTotal - input.useAdvance)
  let room = dueNow + input.pending
  let changeDue = 0
  const payments = input.payments
    .filter((payment) => payment.amount > 0)
    .map((payment) => {
      if (payment.method !== 'cash') {
        room = Math.max(0, room - payment.amount)
        return { method: payment.method, amount: payment.amount }
      }
      const amount = input.keepExcessAsAdvance ? payment.amount : Math.min(payment.amount, room)
      const tendered = Math.max(payment.tendered ?? 0, payment.amount)
      room = Math.max(0, room - amount)
      changeDue += tendered - amount
      return tendered > amount ? { method: 'cash', amount, tendered } : { method: 'cash', amount }
    })
    .filter((payment) => payment.amount > 0)
  const paidNow = sum(payments.map((payment) => payment.amount))
  const excess = input.keepExcessAsAdvance ? 0 : Math.max(0, paidNow - dueNow - input.pending)
  const plan = planCheckout({
    billTotal: input.billTotal,
    payments: payments.map((payment) => payment.amount),
    useAdvance: Math.min(input.useAdvance, input.billTotal),
    deposits: [{ id: 'held', amount: input.useAdvance }],
    openInvoices: input.pending > 0 ? [{ id: 'earlier', amount: input.pending }] : [],
    keepExcessAsAdvance: input.keepExcessAsAdvance || excess > 0,
  })
  return {
    payments,
    paidNow,
    toBill: plan.paidOnBill,
    toEarlier: plan.appliedToPending,
    keptAsAdvance: excess > 0 ? 0 : plan.keptAsAdvance,
    changeDue,
    billDue: plan.billDue,
    newOwed: input.pending - plan.appliedToPending + plan.billDue,
    excess,
  }
}
