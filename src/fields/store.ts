import type { RelationshipField } from 'payload'

import { hasRole, storeIdsOf, type AccessUser } from '@/access/roles'

/**
 * The tenant of a record. Required, indexed, and only one of the requester's own stores
 * (admins: any). Internal service calls without a user skip the check.
 */
export function storeField(): RelationshipField {
  return {
    name: 'store',
    type: 'relationship',
    relationTo: 'stores',
    required: true,
    index: true,
    admin: { position: 'sidebar' },
    validate: (value, { req }) => {
      if (value === null || value === undefined) return 'store is required'
      const user = req.user as AccessUser | null
      if (!user || hasRole(user, 'admin')) return true
      const id = typeof value === 'object' && value !== null && 'id' in value ? Number((value as { id: unknown }).id) : Number(value)
      return storeIdsOf(user).includes(id) || 'store must be one of your stores'
    },
  }
}
