import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import { isOpenStatus } from '@/domain/invoice'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertAllocation, insertTransaction } from '@/ledger/write'

import { invoiceAnswer } from './afterSale'

/**
 * SPEC §9 write-off: what is still due on a posted invoice becomes bad debt — a write_off
 * transaction (WO-…, no money moves, so no method) allocated to the invoice; the invoice is
 * `written_off`, the customer's pendingBalance falls, and the dashboard reports it as bad
 * debt. Nothing due is 422.
 */
export async function writeOffInvoice(db: Db, req: PayloadRequest, input: { invoiceId: number; reason: string }) {
  const { rows: found } = await db.execute(sql`SELECT store_id, customer_id FROM invoices WHERE id = ${input.invoiceId}`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('invoice')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id), { field: 'invoice' })
  const { rows } = await db.execute(sql`SELECT status, number, amount_due FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const status = String(rows[0]!.status)
  const due = toMinor(rows[0]!.amount_due)
  if (!isOpenStatus(status) || due === 0) {
    throw new RuleError(status === 'draft' ? 'a draft owes nothing yet: delete it instead' : `nothing is due on this invoice (${status})`, 'invoice')
  }
  const transaction = await insertTransaction(db, {
    storeId: customer.storeId,
    type: 'expense',
    kind: 'write_off',
    amount: due,
    method: null,
    customerId: customer.id,
    invoiceId: input.invoiceId,
    notes: input.reason,
    createdBy: req.user?.id ?? null,
  })
  await insertAllocation(db, customer.storeId, transaction.id, input.invoiceId, due)
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  return {
    invoice: await invoiceAnswer(db, input.invoiceId),
    transaction: { id: transaction.id, reference: transaction.reference, kind: 'write_off', amount: due, date: transaction.date, reason: input.reason },
    customer: { id: customer.id, ...balances },
  }
}
