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
