import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

import { sql, type Db } from './db'
import { lockCustomer, nextInvoiceNumber, refreshCustomerLedger } from './ledger'

/**
 * SPEC §3.1: posting makes the customer owe the invoice. Assigns the next gap-free number
 * of the store and year, then recomputes the invoice and the customer from the ledger.
 */
export async function postInvoice(db: Db, req: PayloadRequest, invoiceId: number): Promise<{ number: string }> {
  const { rows } = await db.execute(sql`SELECT customer_id, status FROM invoices WHERE id = ${invoiceId}`)
  const found = rows[0]
  if (!found) throw new RuleError('invoice not found', 'invoice', 404)
  const customer = await lockCustomer(db, req, Number(found.customer_id))
  const { rows: locked } = await db.execute(sql`
    SELECT status, EXTRACT(YEAR FROM coalesce(issue_date AT TIME ZONE 'UTC', now() AT TIME ZONE ${customer.store.timezone}))::int AS year
      FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
  if (locked[0]!.status !== 'draft') throw new RuleError(`invoice is already ${locked[0]!.status}`, 'status')
  const number = await nextInvoiceNumber(db, customer.storeId, customer.store.invoicePrefix, Number(locked[0]!.year))
  await db.execute(sql`
    UPDATE invoices SET number = ${number}, status = 'open', posted_at = now(), issue_date = coalesce(issue_date, now()),
                        amount_paid = 0, amount_due = total
     WHERE id = ${invoiceId}`)
  await refreshCustomerLedger(db, customer.id, [invoiceId])
  return { number }
}
