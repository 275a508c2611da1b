import type { Access } from 'payload'

import { hasRole, type AccessUser, type Role } from './roles'

/** Grants when the user has one of the roles (store scope is a separate predicate). */
export const hasAnyRole =
  (...roles: Role[]): Access =>
  ({ req }) =>
    hasRole(req.user as AccessUser | null, ...roles)
