import { Forbidden, type CollectionBeforeChangeHook } from 'payload'

import { hasRole, storeIdsOf, type AccessUser } from '@/access/roles'

/**
 * An owner may add or edit cashiers and owners of their own stores, but never grant admin
 * or reach into another store. The very first user (created from the admin's
 * "create first user" screen) becomes the admin.
 */
export const guardRoleGrants: CollectionBeforeChangeHook = async ({ data, operation, originalDoc, req }) => {
  const actor = req.user as AccessUser | null
  if (!actor) {
    // Only the admin's "create first user" screen (REST) — never trusted Local API calls.
    if (operation === 'create' && req.payloadAPI !== 'local') {
      const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
      if (totalDocs === 0) return { ...data, role: 'admin' }
    }
    return data
  }
  if (!hasRole(actor, 'owner')) return data

  const role = data.role ?? originalDoc?.role
  if (role === 'admin') throw new Forbidden(req.t)

  const own = new Set(storeIdsOf(actor))
  const requested = storeIdsOf({ id: 0, stores: data.stores ?? originalDoc?.stores })
  if (requested.length === 0 || requested.some((store) => !own.has(store))) throw new Forbidden(req.t)
  return data
}
