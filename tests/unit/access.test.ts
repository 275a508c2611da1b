import type { Access, AccessArgs } from 'payload'
import { describe, expect, it } from 'vitest'

import { allOf, anyOf } from '@/access/compose'
import { inOwnStores } from '@/access/inOwnStores'
import { storeIdsOf } from '@/access/roles'

const argsFor = (user: unknown) => ({ req: { user } }) as unknown as AccessArgs
const where =
  (field: string): Access =>
  () => ({ [field]: { equals: 1 } })

describe('access composition', () => {
  it('anyOf grants when any predicate grants, ORs the filters otherwise', async () => {
    expect(
      await anyOf(
        () => false,
        () => true,
      )(argsFor(null)),
    ).toBe(true)
    expect(
      await anyOf(
        () => false,
        () => false,
      )(argsFor(null)),
    ).toBe(false)
    expect(await anyOf(where('a'), () => false, where('b'))(argsFor(null))).toEqual({ or: [{ a: { equals: 1 } }, { b: { equals: 1 } }] })
    expect(await anyOf(where('a'))(argsFor(null))).toEqual({ a: { equals: 1 } })
  })

  it('allOf denies when any predicate denies, ANDs the filters otherwise', async () => {
    expect(
      await allOf(
        () => true,
        () => false,
      )(argsFor(null)),
    ).toBe(false)
    expect(
      await allOf(
        () => true,
        () => true,
      )(argsFor(null)),
    ).toBe(true)
    expect(await allOf(where('a'), () => true, where('b'))(argsFor(null))).toEqual({ and: [{ a: { equals: 1 } }, { b: { equals: 1 } }] })
  })
})

describe('store scope', () => {
  it('admins are not filtered', async () => {
    expect(await inOwnStores()(argsFor({ id: 1, role: 'admin', stores: [] }))).toBe(true)
  })

  it('others are limited to their stores, populated or not', async () => {
    expect(await inOwnStores()(argsFor({ id: 1, role: 'cashier', stores: [3, { id: 4 }] }))).toEqual({ store: { in: [3, 4] } })
  })

  it('a user without stores and an anonymous request see nothing', async () => {
    expect(await inOwnStores()(argsFor({ id: 1, role: 'owner', stores: [] }))).toBe(false)
    expect(await inOwnStores()(argsFor(null))).toBe(false)
  })

  it('storeIdsOf skips missing relations', () => {
    expect(storeIdsOf({ id: 1, stores: [null, 2, { id: 5 }] })).toEqual([2, 5])
  })
})
