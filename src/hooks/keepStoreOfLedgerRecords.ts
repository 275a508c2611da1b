import type { CollectionBeforeDeleteHook, CollectionBeforeValidateHook } from 'payload'

import { RuleError } from '@/domain/errors'
import { sql, sqlFor, type SQL } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'

import { STORE_OWNED } from './relationsInOwnStore'

const idOf = (value: unknown): number | null =>
  value === null || value === undefined || value === '' ? null : Number(typeof value === 'object' ? (value as { id?: unknown }).id : value)

/** Per collection: what ties a record to its store's ledger (a row of it exists → the store is fixed). */
const LEDGER_TIES: Record<string, { what: string; query: (id: number) => SQL }> = {
  customers: {
    what: 'a customer with bills, payments, deposits or bookings',
    query: (id) => sql`
      SELECT 1 FROM invoices WHERE customer_id = ${id} UNION ALL SELECT 1 FROM transactions WHERE customer_id = ${id}
      UNION ALL SELECT 1 FROM advance_payments WHERE customer_id = ${id} UNION ALL SELECT 1 FROM bookings WHERE customer_id = ${id} LIMIT 1`,
  },
  invoices: {
    what: 'a posted or paid invoice',
    query: (id) => sql`
      SELECT 1 FROM invoices WHERE id = ${id} AND status <> 'draft' UNION ALL SELECT 1 FROM allocations WHERE invoice_id = ${id}
      UNION ALL SELECT 1 FROM advance_utilizations WHERE invoice_id = ${id} UNION ALL SELECT 1 FROM transactions WHERE invoice_id = ${id} LIMIT 1`,
  },
  assets: { what: 'an asset billed on timesheets', query: (id) => sql`SELECT 1 FROM invoices WHERE asset_id = ${id} LIMIT 1` },
  'credit-cards': {
    what: 'a card with statements or charges',
    query: (id) => sql`SELECT 1 FROM credit_card_invoices WHERE credit_card_id = ${id} UNION ALL SELECT 1 FROM transactions WHERE credit_card_id = ${id} LIMIT 1`,
  },
  'payment-statuses': {
    what: 'a payable with payments or a statement',
    query: (id) => sql`
      SELECT 1 FROM transactions WHERE payment_status_id = ${id}
      UNION ALL SELECT 1 FROM payment_statuses WHERE id = ${id} AND credit_card_invoice_id IS NOT NULL LIMIT 1`,
  },
  services: { what: 'a service on bills', query: (id) => sql`SELECT 1 FROM invoices_items WHERE service_id = ${id} LIMIT 1` },
  bookings: {
    what: 'a booking (it belongs to its customer and deposit)',
    query: (id) => sql`SELECT 1 FROM bookings WHERE id = ${id} AND (customer_id IS NOT NULL OR advance_payment_id IS NOT NULL)`,
  },
}

/**
 * The store of anything with ledger rows is fixed: moving a customer, card, payable, asset or
 * booking to another store would split its ledger (the other store reading this one's bills
 * in a statement, statements left behind). 422 naming `store`; a record without history may
 * still move. Runs after storeInOwnStores, so a move to a store the requester does not work in
 * stays a 400.
 */
export const keepStoreOfLedgerRecords: CollectionBeforeValidateHook = async ({ collection, data, originalDoc, operation, req }) => {
  const tie = LEDGER_TIES[collection.slug]
  if (operation !== 'update' || !tie || !data || !originalDoc?.id) return data
  const from = idOf(originalDoc.store)
  const to = idOf(data.store)
  if (to === null || to === from) return data
  const { rows } = await (await sqlFor(req)).execute(tie.query(Number(originalDoc.id)))
  if (rows.length > 0) throw new RuleError(`the store of ${tie.what} cannot change: its ledger stays in its store`, 'store')
  return data
}

/** A store that still has customers or ledger rows cannot be deleted (422, not a foreign-key 500). */
export const refuseStoreDeleteWithRows: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (!mayUseStore(req, Number(id))) return
  const db = await sqlFor(req)
  const tables = [...STORE_OWNED].map((slug) => sql`SELECT 1 FROM ${sql.raw(slug.replaceAll('-', '_'))} WHERE store_id = ${Number(id)}`)
  const { rows } = await db.execute(sql`SELECT EXISTS (${sql.join(tables, sql` UNION ALL `)}) AS used`)
  if (rows[0]?.used) throw new RuleError('a store with customers or ledger rows cannot be deleted', 'store')
}
