import type { PayloadRequest } from 'payload'

import { planCheckout } from '@/domain/checkout'
import { todayIn } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import { invoiceNumber, invoiceTotals, type LineItem } from '@/domain/invoice'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import { receiptText } from '@/domain/receipt'

import { sql, toMinor, type Db } from './db'
import {
  activeDepositsOldestFirst,
  paymentReference,
  takeCounters,
  insertAllocation,
  insertDeposit,
  insertTransaction,
  insertUtilization,
  lockCustomer,
  openInvoicesOldestFirst,
  refreshCustomerLedger,
} from './ledger'
import { insertInvoice } from './insertInvoice'
import { resolveCustomer, type ResolveInput } from './resolveCustomer'

export interface CheckoutInput {
  store: number
  customer?: number
  newCustomer?: Omit<ResolveInput, 'store'>
  items: LineItem[]
  discount: number
  complimentary: boolean
  payments: { method: PaymentMethod; amount: number; reference?: string | null }[]
  useAdvance: number
  keepExcessAsAdvance: boolean
  notes?: string | null
}

/**
 * SPEC §3 rules 1–4 and 6 as one atomic checkout: the bill is posted, advances are used
 * FIFO, payments cover the new bill first and then older bills oldest first; an excess
 * beyond everything owed is refused unless kept as an advance.
 */
export async function checkout(db: Db, req: PayloadRequest, input: CheckoutInput) {
  const customerId =
    input.customer ?? (await resolveCustomer(db, req, { ...input.newCustomer!, store: input.store })).customer.id
  const customer = await lockCustomer(db, req, customerId)
  if (customer.storeId !== input.store) throw new RuleError('customer belongs to another store', 'customer', 404)

  const totals = invoiceTotals(input.items, input.discount, input.complimentary)
  if (!input.complimentary && input.discount > totals.subtotal) {
    throw new RuleError(`discount (${input.discount}) cannot exceed the subtotal (${totals.subtotal})`, 'discount', 400)
  }
  const deposits = await activeDepositsOldestFirst(db, customer.id)
  const openInvoices = await openInvoicesOldestFirst(db, customer.id)
  const plan = planCheckout({
    billTotal: totals.total,
    payments: input.payments.map((payment) => payment.amount),
    useAdvance: input.useAdvance,
    deposits,
    openInvoices,
    keepExcessAsAdvance: input.keepExcessAsAdvance,
  })

  const createdBy = req.user?.id ?? null
  const billId = await insertInvoice(db, {
    storeId: customer.storeId,
    customerId: customer.id,
    kind: 'bill',
    items: input.items,
    subtotal: totals.subtotal,
    discount: totals.discount,
    total: totals.total,
    complimentary: input.complimentary,
    notes: input.notes,
    createdBy,
  })
  for (const use of plan.advanceUses) await insertUtilization(db, customer.storeId, use.id, billId, use.amount)

  // What each payment line becomes: a payment applied to invoices, and/or a deposit.
  const lines = input.payments.map((payment, index) => {
    const toInvoices = plan.splits.filter((split) => split.payment === index && split.target.kind !== 'advance')
    const applied = toInvoices.reduce((total, split) => total + split.amount, 0)
    const given = payment.reference?.trim() || null
    return { payment, toInvoices, applied, kept: payment.amount - applied, given }
  })
  const autoReferences = lines.reduce(
    (count, line) => count + (line.applied > 0 && !line.given ? 1 : 0) + (line.kept > 0 && !(line.applied === 0 && line.given) ? 1 : 0),
    0,
  )
  // The store's numbering rows are taken last and together: they stay locked until COMMIT.
  const year = Number(todayIn(customer.store.timezone).slice(0, 4))
  const counters = await takeCounters(db, customer.storeId, [
    { name: `invoice:${year}`, count: 1 },
    { name: 'payment', count: autoReferences },
  ])
  const number = invoiceNumber(customer.store.invoicePrefix, year, counters.get(`invoice:${year}`)!)
  let nextReference = (counters.get('payment') ?? 0) - autoReferences + 1
  const referenceFor = (given: string | null) => given ?? paymentReference(nextReference++)
  await db.execute(sql`
    UPDATE invoices SET number = ${number}, status = 'open', posted_at = now(), amount_paid = 0, amount_due = total WHERE id = ${billId}`)

  const transactions: { id: number; reference: string; method: PaymentMethod; amount: number }[] = []
  const touched = new Set<number>([billId])
  for (const line of lines) {
    if (line.applied > 0) {
      const tx = await insertTransaction(db, {
        storeId: customer.storeId,
        type: 'income',
        kind: 'payment',
        amount: line.applied,
        method: line.payment.method,
        customerId: customer.id,
        invoiceId: billId,
        reference: referenceFor(line.given),
        notes: `Checkout ${number}`,
        createdBy,
      })
      transactions.push({ id: tx.id, reference: tx.reference, method: line.payment.method, amount: line.applied })
      for (const split of line.toInvoices) {
        const invoiceId = split.target.kind === 'invoice' ? split.target.id : billId
        touched.add(invoiceId)
        await insertAllocation(db, customer.storeId, tx.id, invoiceId, split.amount)
      }
    }
    if (line.kept > 0) {
      const deposit = await insertDeposit(db, {
        storeId: customer.storeId,
        customerId: customer.id,
        amount: line.kept,
        method: line.payment.method,
        referenceType: 'direct',
        referenceId: number,
        paymentReference: line.applied > 0 ? null : line.given,
        transactionReference: referenceFor(line.applied > 0 ? null : line.given),
        notes: `Excess kept as advance at checkout ${number}`,
        createdBy,
      })
      transactions.push({ id: deposit.transactionId, reference: deposit.reference, method: line.payment.method, amount: line.kept })
    }
  }

  const balances = await refreshCustomerLedger(db, customer.id, [...touched])
  const { rows } = await db.execute(sql`
    SELECT id, number, status, subtotal, discount, total, amount_paid, amount_due, complimentary, issue_date
      FROM invoices WHERE id = ${billId}`)
  const row = rows[0]!
  const bill = {
    id: billId,
    number,
    status: String(row.status),
    subtotal: toMinor(row.subtotal),
    discount: toMinor(row.discount),
    total: toMinor(row.total),
    amountPaid: toMinor(row.amount_paid),
    amountDue: toMinor(row.amount_due),
    complimentary: Boolean(row.complimentary),
  }
  const text = receiptText({
    store: customer.store,
    bill: { ...bill, issueDate: todayIn(customer.store.timezone) },
    customer: { name: customer.name, phone: customer.phone },
    items: input.items,
    payments: input.payments,
    advanceUsed: input.useAdvance,
    appliedToPending: plan.appliedToPending,
    keptAsAdvance: plan.keptAsAdvance,
    pendingBalance: balances.pendingBalance,
    advanceBalance: balances.advanceBalance,
    notes: input.notes,
  })
  return {
    bill,
    appliedToPending: plan.appliedToPending,
    advanceUsed: input.useAdvance,
    keptAsAdvance: plan.keptAsAdvance,
    customer: { id: customer.id, name: customer.name, phone: customer.phone, ...balances },
    transactions,
    receipt: { text },
  }
}
