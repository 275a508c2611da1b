import type { PayloadRequest } from 'payload'

import { notFound, RuleError } from '@/domain/errors'
import { isOpenStatus } from '@/domain/invoice'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertAllocation } from '@/ledger/write'

/**
 * Reconciliation's "Match to invoice": applies the unmatched part of a payment (or `amount`
 * of it) to an open invoice of the same customer, through a new allocation row.
 */
export async function matchPayment(db: Db, req: PayloadRequest, input: { transactionId: number; invoiceId: number; amount?: number }) {
  const { rows: found } = await db.execute(sql`SELECT customer_id, kind FROM transactions WHERE id = ${input.transactionId}`)
  if (!found[0] || !found[0].customer_id) throw notFound('transaction')
  if (found[0].kind !== 'payment') throw new RuleError('only customer payments can be matched to invoices', 'transaction')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id), { field: 'transaction' })
  const { rows: tx } = await db.execute(sql`
    SELECT t.amount, coalesce((SELECT sum(amount) FROM allocations WHERE transaction_id = t.id), 0) AS allocated
      FROM transactions t WHERE t.id = ${input.transactionId}`)
  const unmatched = toMinor(tx[0]!.amount) - toMinor(tx[0]!.allocated)
  const { rows: invoices } = await db.execute(sql`SELECT customer_id, status, amount_due, number FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const invoice = invoices[0]
  if (!invoice) throw notFound('invoice')
  if (Number(invoice.customer_id) !== customer.id) throw new RuleError('the invoice must belong to the same customer', 'invoice')
  if (!isOpenStatus(String(invoice.status))) throw new RuleError(`the invoice is ${String(invoice.status)}`, 'invoice')
  const amount = input.amount ?? Math.min(unmatched, toMinor(invoice.amount_due))
  if (amount <= 0 || amount > unmatched) throw new RuleError(`amount must be between 1 and the unmatched ${unmatched}`, 'amount')
  if (amount > toMinor(invoice.amount_due)) throw new RuleError(`amount is more than the amount due (${toMinor(invoice.amount_due)})`, 'amount')
  await insertAllocation(db, customer.storeId, input.transactionId, input.invoiceId, amount)
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  return { transaction: input.transactionId, invoice: { id: input.invoiceId, number: invoice.number }, matched: amount, unmatched: unmatched - amount, customer: { id: customer.id, ...balances } }
}
