import type { PayloadRequest } from 'payload'

import { notFound, RuleError } from '@/domain/errors'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertAllocation, insertUtilization, markVoid } from '@/ledger/write'

/**
 * Voids an invoice: it no longer counts as owed. Its allocations are reversed by negative
 * rows (the payments become unmatched credit, shown in reconciliation) and its advance
 * uses are reversed (the deposits get their money back). Nothing is updated or deleted.
 */
export async function voidInvoice(db: Db, req: PayloadRequest, invoiceId: number, reason?: string | null) {
  const { rows: found } = await db.execute(sql`SELECT customer_id FROM invoices WHERE id = ${invoiceId}`)
  if (!found[0]) throw notFound('invoice')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id))
  const { rows } = await db.execute(sql`SELECT status, number FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
  if (rows[0]!.status === 'void') throw new RuleError('the invoice is already void', 'status', 409)

  const allocations = await db.execute(sql`
    SELECT a.id, a.transaction_id, a.amount FROM allocations a
     WHERE a.invoice_id = ${invoiceId} AND a.amount > 0
       AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reversal_of_id = a.id)`)
  let unmatched = 0
  for (const row of allocations.rows) {
    const amount = toMinor(row.amount)
    unmatched += amount
    await insertAllocation(db, customer.storeId, Number(row.transaction_id), invoiceId, -amount, Number(row.id), reason ? `invoice voided: ${reason}` : 'invoice voided')
  }
  const uses = await db.execute(sql`
    SELECT u.id, u.advance_payment_id, u.amount FROM advance_utilizations u
     WHERE u.invoice_id = ${invoiceId} AND u.amount > 0
       AND NOT EXISTS (SELECT 1 FROM advance_utilizations r WHERE r.reversal_of_id = u.id)`)
  let returnedToAdvance = 0
  for (const row of uses.rows) {
    const amount = toMinor(row.amount)
    returnedToAdvance += amount
    await insertUtilization(db, customer.storeId, Number(row.advance_payment_id), invoiceId, -amount, Number(row.id))
  }
  await markVoid(db, invoiceId, reason)
  const balances = await refreshCustomerLedger(db, customer.id, [invoiceId])
  return {
    invoice: { id: invoiceId, number: rows[0]!.number as string | null, status: 'void' },
    unmatchedCredit: unmatched,
    returnedToAdvance,
    customer: { id: customer.id, ...balances },
  }
}
