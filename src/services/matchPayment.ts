import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import { isOpenStatus } from '@/domain/invoice'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertAllocation } from '@/ledger/write'

/**
 * Reconciliation's "Match to invoice": applies the unmatched part of a payment (or `amount`
 * of it) to an open invoice of the same customer, through a new allocation row.
 *
 * Scope before kind: an id the requester may not see — transaction or invoice — is 404
 * exactly like an id that does not exist, before anything else is said about it. What is
 * left of the payment comes from payment_figures (0 once it is reversed: SPEC §9a).
 */
export async function matchPayment(db: Db, req: PayloadRequest, input: { transactionId: number; invoiceId: number; amount?: number }) {
  const { rows: found } = await db.execute(sql`SELECT store_id, customer_id, kind FROM transactions WHERE id = ${input.transactionId}`)
  const payment = found[0]
  if (!payment || !mayUseStore(req, Number(payment.store_id))) throw notFound('transaction')
  const { rows: invoiceScope } = await db.execute(sql`SELECT store_id FROM invoices WHERE id = ${input.invoiceId}`)
  if (!invoiceScope[0] || !mayUseStore(req, Number(invoiceScope[0].store_id))) throw notFound('invoice')
  if (payment.kind !== 'payment' || !payment.customer_id) throw new RuleError('only customer payments can be matched to invoices', 'transaction')

  const customer = await lockCustomer(db, req, Number(payment.customer_id), { field: 'transaction' })
  const { rows: figures } = await db.execute(sql`SELECT reversed, unmatched FROM payment_figures WHERE id = ${input.transactionId}`)
  if (figures[0]!.reversed) throw new RuleError('this payment was reversed: nothing of it is left to match', 'transaction')
  const unmatched = toMinor(figures[0]!.unmatched)
  const { rows: invoices } = await db.execute(sql`SELECT customer_id, status, amount_due, number FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const invoice = invoices[0]!
  if (Number(invoice.customer_id) !== customer.id) throw new RuleError('the invoice must belong to the same customer', 'invoice')
  if (!isOpenStatus(String(invoice.status))) throw new RuleError(`the invoice is ${String(invoice.status)}`, 'invoice')
  if (unmatched === 0) throw new RuleError('nothing of this payment is left unmatched', 'transaction')
  const amount = input.amount ?? Math.min(unmatched, toMinor(invoice.amount_due))
  if (amount <= 0 || amount > unmatched) throw new RuleError(`amount must be between 1 and the unmatched ${unmatched}`, 'amount')
  if (amount > toMinor(invoice.amount_due)) throw new RuleError(`amount is more than the amount due (${toMinor(invoice.amount_due)})`, 'amount')
  await insertAllocation(db, customer.storeId, input.transactionId, input.invoiceId, amount)
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  return {
    transaction: input.transactionId,
    invoice: { id: input.invoiceId, number: invoice.number },
    matched: amount,
    unmatched: unmatched - amount,
    customer: { id: customer.id, ...balances },
  }
}
