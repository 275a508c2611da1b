import type { PayloadRequest } from 'payload'

import { hasRole, storeIdsOf, type AccessUser } from './roles'

/** Admins use every store; everyone else only their own. Internal calls (no user) pass. */
export function mayUseStore(req: PayloadRequest, storeId: number): boolean {
  const user = req.user as AccessUser | null
  if (!user || hasRole(user, 'admin')) return true
  return storeIdsOf(user).includes(storeId)
}
