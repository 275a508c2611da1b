import type { Access } from 'payload'

import { hasRole, storeIdsOf, type AccessUser } from './roles'

/**
 * The store scope every store-owned collection reuses: admins see every store, everyone
 * else only rows whose `field` (default `store`) is one of their stores. Anonymous: nothing.
 */
export const inOwnStores =
  (field = 'store'): Access =>
  ({ req }) => {
    const user = req.user as AccessUser | null
    if (!user) return false
    if (hasRole(user, 'admin')) return true
    const stores = storeIdsOf(user)
    if (stores.length === 0) return false
    return { [field]: { in: stores } }
  }
