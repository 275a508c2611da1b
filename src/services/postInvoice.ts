import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

import { applyHeldCredits } from './applyHeldCredits'
import { sql, toMinor, type Db } from './db'
import { lockCustomer, nextInvoiceNumber, refreshCustomerLedger } from './ledger'

/**
 * SPEC §3.1: posting makes the customer owe the invoice. Assigns the next gap-free number
 * of the store and year, then recomputes the invoice and the customer from the ledger.
 * With stores.autoApplyCredits (SPEC §9a) the money already held for the customer pays it
 * in the same transaction.
 */
export async function postInvoice(db: Db, req: PayloadRequest, invoiceId: number) {
  const { rows } = await db.execute(sql`SELECT customer_id, status FROM invoices WHERE id = ${invoiceId}`)
  const found = rows[0]
  if (!found) throw new RuleError('invoice not found', 'invoice', 404)
  const customer = await lockCustomer(db, req, Number(found.customer_id))
  const { rows: locked } = await db.execute(sql`
    SELECT status, total, EXTRACT(YEAR FROM coalesce(issue_date AT TIME ZONE 'UTC', now() AT TIME ZONE ${customer.store.timezone}))::int AS year
      FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
  if (locked[0]!.status !== 'draft') throw new RuleError(`invoice is already ${locked[0]!.status}`, 'status')
  const number = await nextInvoiceNumber(db, customer.storeId, customer.store.invoicePrefix, Number(locked[0]!.year))
  await db.execute(sql`
    UPDATE invoices SET number = ${number}, status = 'open', posted_at = now(), issue_date = coalesce(issue_date, now()),
                        amount_paid = 0, amount_due = total
     WHERE id = ${invoiceId}`)
  const total = toMinor(locked[0]!.total)
  const autoApplied =
    customer.store.autoApplyCredits && total > 0 ? await applyHeldCredits(db, customer.storeId, customer.id, [{ id: invoiceId, amount: total }]) : null
  await refreshCustomerLedger(db, customer.id, [invoiceId])
  return { number, autoApplied }
}
