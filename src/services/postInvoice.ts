import type { PayloadRequest } from 'payload'

import { notFound, RuleError } from '@/domain/errors'
import { invoiceNumbering } from '@/domain/references'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { markCreditOverride, markPosted, nextReference } from '@/ledger/write'
import type { CreditOverride } from '@/domain/credit'

import { enforceCreditLimit } from './creditControl'

import { applyHeldCredits } from './applyHeldCredits'

/**
 * SPEC §3.1: posting makes the customer owe the invoice. Assigns the next gap-free number
 * of the store and year, then recomputes the invoice and the customer from the ledger.
 * With stores.autoApplyCredits (SPEC §9a) the money already held for the customer pays it
 * in the same transaction. SPEC §9 credit control: a posting that takes the customer above
 * the credit limit is refused (and nothing of it stays) unless an owner overrides it with a
 * reason, kept on the invoice.
 */
export async function postInvoice(db: Db, req: PayloadRequest, invoiceId: number, options: { creditOverride?: CreditOverride | null } = {}) {
  const { rows } = await db.execute(sql`SELECT customer_id, status FROM invoices WHERE id = ${invoiceId}`)
  const found = rows[0]
  if (!found) throw notFound('invoice')
  const customer = await lockCustomer(db, req, Number(found.customer_id))
  const { rows: locked } = await db.execute(sql`
    SELECT status, total, EXTRACT(YEAR FROM coalesce(issue_date AT TIME ZONE 'UTC', now() AT TIME ZONE ${customer.store.timezone}))::int AS year
      FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
  if (locked[0]!.status !== 'draft') throw new RuleError(`invoice is already ${locked[0]!.status}`, 'status')
  const number = await nextReference(db, customer.storeId, invoiceNumbering(customer.store.invoicePrefix, Number(locked[0]!.year)))
  await markPosted(db, invoiceId, number)
  const total = toMinor(locked[0]!.total)
  const autoApplied = customer.store.autoApplyCredits && total > 0 ? await applyHeldCredits(db, customer.storeId, customer.id, [{ id: invoiceId, amount: total }]) : null
  const { pendingBalance } = await refreshCustomerLedger(db, customer.id, [invoiceId])
  const overrideReason = enforceCreditLimit(req, customer, customer.pendingBalance, pendingBalance, options.creditOverride)
  if (overrideReason) await markCreditOverride(db, invoiceId, overrideReason, req.user?.id)
  return { number, autoApplied }
}
