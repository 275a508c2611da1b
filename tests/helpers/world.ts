/**
 * A fresh store with its people, logged in over HTTP — the starting point of every ledger
 * test. Each call makes new rows, so tests never share balances.
 */
import { expect } from 'vitest'

import type { Store, User } from '@/payload-types'
import { verifyLedger } from '@/services/verifyLedger'

import { Api } from './api'
import { createStore, createUser, unique } from './factories'
import { testPayload } from './payload'
import { testServer } from './server'

export interface World {
  api: Api
  store: Store
  owner: User
  tokens: { admin: string; owner: string; cashier: string; otherOwner: string }
  otherStore: Store
}

let adminToken: Promise<string> | undefined
let phoneSequence = 0

export async function newWorld(overrides: Partial<Store> = {}): Promise<World> {
  const payload = await testPayload()
  const api = new Api((await testServer()).url)
  const store = await createStore(payload, { invoicePrefix: 'SAL', ...overrides })
  const otherStore = await createStore(payload, { invoicePrefix: 'OTH' })
  const [owner, cashier, otherOwner] = await Promise.all([
    createUser(payload, 'owner', [store]),
    createUser(payload, 'cashier', [store]),
    createUser(payload, 'owner', [otherStore]),
  ])
  adminToken ??= createUser(payload, 'admin').then((admin) => api.login(admin.email))
  const [ownerToken, cashierToken, otherToken, admin] = await Promise.all([api.login(owner.email), api.login(cashier.email), api.login(otherOwner.email), adminToken])
  return { api, store, owner, otherStore, tokens: { admin, owner: ownerToken, cashier: cashierToken, otherOwner: otherToken } }
}

/** A valid, unused Indian mobile number. */
export function newPhone(): string {
  phoneSequence += 1
  const tail = String((Date.now() % 100_000) * 1000 + phoneSequence)
    .padStart(8, '0')
    .slice(-8)
  return `+9198${tail}`
}

export async function newCustomer(world: World, name = unique('Customer')): Promise<{ id: number; phone: string }> {
  const phone = newPhone()
  const { status, body } = await world.api.post('/api/customers/resolve', {
    token: world.tokens.cashier,
    body: { store: world.store.id, phone, name },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return { id: body.customer.id, phone: body.customer.phone }
}

export async function getCustomer(world: World, id: number) {
  const { status, body } = await world.api.get(`/api/customers/${id}?depth=0`, { token: world.tokens.owner })
  expect(status).toBe(200)
  return body as { pendingBalance: number; advanceBalance: number; totalBilled: number; totalPaid: number; visits: number; servicesCount: number; activeRentals: number }
}

export async function checkoutAs(world: World, token: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return world.api.post('/api/pos/checkout', { token, body: { store: world.store.id, ...body }, headers })
}

/** SPEC §3.10 after every test that moves money: the ledger recomputes to what is stored. */
export async function expectLedgerClean() {
  const payload = await testPayload()
  const { drifts } = await verifyLedger(payload.db.drizzle as never)
  expect(drifts).toEqual([])
}

export async function ledgerCounts() {
  const payload = await testPayload()
  return (await verifyLedger(payload.db.drizzle as never)).counts
}
