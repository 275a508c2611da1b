import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { sql, sqlFor } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'

const idOf = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null
  return Number(typeof value === 'object' ? (value as { id?: unknown }).id : value)
}

/** Collections whose rows belong to one store (their table has a store_id). */
export const STORE_OWNED = new Set([
  'customers',
  'invoices',
  'transactions',
  'allocations',
  'advance-payments',
  'advance-utilizations',
  'bookings',
  'assets',
  'credit-cards',
  'credit-card-invoices',
  'payment-statuses',
  'services',
])

const storeChangeOf = (data: Record<string, unknown>, originalDoc: Record<string, unknown> | undefined, operation: string) => ({
  storeId: idOf(data.store ?? originalDoc?.store),
  storeChanged: operation === 'update' && idOf(data.store) !== null && idOf(data.store) !== idOf(originalDoc?.store),
})

/**
 * SPEC §5, first of all for a store-owned document: its store (new, or changed) is one of the
 * requester's — else 400 `store`, as the field itself says — before any other hook looks at
 * the data, so none of them can answer differently about another store's rows (a phone
 * "already exists" there, say).
 */
export const storeInOwnStores: CollectionBeforeValidateHook = ({ collection, data, originalDoc, operation, req }) => {
  if (!data || !STORE_OWNED.has(collection.slug)) return data
  const { storeId, storeChanged } = storeChangeOf(data, originalDoc, operation)
  if ((operation === 'create' || storeChanged) && storeId !== null && Number.isSafeInteger(storeId) && !mayUseStore(req, storeId)) {
    throw new ValidationError({ collection: collection.slug, errors: [{ label: 'Store', path: 'store', message: 'store must be one of your stores' }] })
  }
  return data
}

/**
 * SPEC §5, one rule for every store-owned collection: each relation a client sends (a
 * transaction's payable, an invoice's customer, a payable's statement…) names a record of the
 * document's own store. A record the requester cannot see — unknown, or another store's — is
 * 404 naming the field (the same answer for both); one of another of their own stores is 400.
 *
 * Which kinds a relation accepts (payables are paid by expenses) is the owning collection's
 * rule (recordThroughLedger). Checked on create, and on update for the relations that change
 * (all of them when the store does).
 */
export const relationsInOwnStore: CollectionBeforeValidateHook = async ({ collection, data, originalDoc, operation, req }) => {
  if (!data || !STORE_OWNED.has(collection.slug)) return data
  const { storeId, storeChanged } = storeChangeOf(data, originalDoc, operation)
  let db: Awaited<ReturnType<typeof sqlFor>> | undefined
  for (const field of collection.flattenedFields) {
    if (field.type !== 'relationship' || field.name === 'store' || typeof field.relationTo !== 'string' || field.hasMany) continue
    if (!STORE_OWNED.has(field.relationTo)) continue
    const target = idOf(data[field.name])
    if (target === null) continue
    if (operation === 'update' && !storeChanged && target === idOf(originalDoc?.[field.name])) continue
    if (!Number.isSafeInteger(target) || target <= 0) {
      throw new ValidationError({ collection: collection.slug, errors: [{ path: field.name, message: `${field.name} must be a numeric id` }] })
    }
    db ??= await sqlFor(req)
    const { rows } = await db.execute(sql`SELECT store_id FROM ${sql.raw(field.relationTo.replaceAll('-', '_'))} WHERE id = ${target}`)
    const owner = rows[0] ? Number(rows[0].store_id) : null
    if (owner === null || !mayUseStore(req, owner)) throw notFound(field.name)
    if (storeId !== null && owner !== storeId) {
      throw new ValidationError({ collection: collection.slug, errors: [{ path: field.name, message: `${field.name} belongs to another store` }] })
    }
  }
  return data
}
