import type { PayloadRequest } from 'payload'

import { sql, type Db } from '@/ledger/db'
import { setCustomerTrashed } from '@/ledger/write'

/**
 * The one rule for deleting a customer (SPEC §5), whichever route asks: the ledger is
 * append-only, so a customer with a posted bill or invoice, a transaction or a deposit is
 * kept — moved to the trash (hidden from lists, restorable in the admin) — and only one
 * without any history is deleted for good.
 */
export async function customerHasHistory(db: Db, customerId: number): Promise<boolean> {
  const { rows } = await db.execute(sql`
    SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_id = ${customerId} AND status <> 'draft')
        OR EXISTS (SELECT 1 FROM transactions WHERE customer_id = ${customerId})
        OR EXISTS (SELECT 1 FROM advance_payments WHERE customer_id = ${customerId}) AS has_history`)
  return Boolean(rows[0]?.has_history)
}

/** Trashes a customer with history, deletes one without (through Payload, as the requester); true when trashed. */
export async function removeCustomer(db: Db, req: PayloadRequest, customerId: number): Promise<boolean> {
  if (await customerHasHistory(db, customerId)) {
    await setCustomerTrashed(db, customerId, true)
    return true
  }
  await req.payload.delete({ collection: 'customers', id: customerId, req, user: req.user, overrideAccess: false })
  return false
}
