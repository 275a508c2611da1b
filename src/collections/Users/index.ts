import type { Access, CollectionConfig, FieldAccess } from 'payload'

import { anyOf } from '@/access/compose'
import { inOwnStores } from '@/access/inOwnStores'
import { isAdmin } from '@/access/isAdmin'
import { hasRole, ROLES, type AccessUser } from '@/access/roles'
import { secureCookies } from '@/env'

import { guardRoleGrants } from './hooks/guardRoleGrants'
import { userStrategies } from './sessionStrategy'

const isSelf: Access = ({ req }) => (req.user ? { id: { equals: req.user.id } } : false)

/** Owners manage the users of their own stores (never admins: see guardRoleGrants). */
const ownerOfTheirStores: Access = (args) => (hasRole(args.req.user as AccessUser | null, 'owner') ? inOwnStores('stores')(args) : false)

const adminOrOwner: FieldAccess = ({ req }) => hasRole(req.user as AccessUser | null, 'admin', 'owner')

/**
 * Unlocking an account locked after failed logins: admins any, owners their own stores'
 * cashiers and owners (never an admin). Anyone else unlocking would undo the brute-force
 * protection of accounts they cannot otherwise touch.
 */
const unlockAccess: Access = async (args) => {
  if (hasRole(args.req.user as AccessUser | null, 'admin')) return true
  const scope = await ownerOfTheirStores(args)
  if (!scope || scope === true) return scope
  return { and: [scope, { role: { not_equals: 'admin' } }] }
}

export const Users: CollectionConfig = {
  slug: 'users',
  auth: {
    // The user on every request carries its stores as ids (access reads ids or objects):
    // populating them cost a query and Payload's read hooks per request (bench: +13 %).
    depth: 0,
    useAPIKey: true,
    tokenExpiration: 60 * 60 * 12,
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    cookies: { secure: secureCookies(), sameSite: 'Lax' },
    // The user, its stores and its live session in one query (Payload's JWT strategy, API keys
    // and login stay as they are; see sessionStrategy.ts).
    strategies: userStrategies(),
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['name', 'email', 'role', 'stores'],
    group: 'Settings',
  },
  access: {
    admin: ({ req }) => hasRole(req.user as AccessUser | null, 'admin', 'owner'),
    read: anyOf(isAdmin, isSelf, ownerOfTheirStores),
    create: anyOf(isAdmin, ({ req }) => hasRole(req.user as AccessUser | null, 'owner')),
    update: anyOf(isAdmin, isSelf, ownerOfTheirStores),
    delete: anyOf(isAdmin, ownerOfTheirStores),
    unlock: unlockAccess,
  },
  hooks: {
    beforeChange: [guardRoleGrants],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'cashier',
      options: ROLES.map((role) => ({ label: role[0]!.toUpperCase() + role.slice(1), value: role })),
      saveToJWT: true,
      access: { create: adminOrOwner, update: adminOrOwner },
    },
    {
      name: 'stores',
      type: 'relationship',
      relationTo: 'stores',
      hasMany: true,
      saveToJWT: true,
      access: { create: adminOrOwner, update: adminOrOwner },
      admin: { description: 'Stores this user works in (admins see every store).' },
    },
    // Payload's own login sessions (ids of live JWTs): read by its auth code from the database
    // directly, never sent to anyone — not in a populated `createdBy`, not to the user.
    { name: 'sessions', type: 'array', access: { read: () => false, create: () => false, update: () => false }, admin: { disabled: true }, fields: [] },
  ],
}
