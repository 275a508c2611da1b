import { APIError, type CollectionBeforeDeleteHook } from 'payload'

import { sql, sqlFor } from '@/ledger/db'

/**
 * The ledger is append-only, so a customer with bills or payments cannot vanish from it.
 * Customers without history may be deleted (typos, duplicates).
 */
export const guardCustomerDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const db = await sqlFor(req)
  const { rows } = await db.execute(sql`
    SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_id = ${id} AND status <> 'draft')
        OR EXISTS (SELECT 1 FROM transactions WHERE customer_id = ${id})
        OR EXISTS (SELECT 1 FROM advance_payments WHERE customer_id = ${id}) AS has_history`)
  if (rows[0]?.has_history) {
    throw new APIError('This customer has bills or payments in the ledger and cannot be deleted', 422, null, true)
  }
}
