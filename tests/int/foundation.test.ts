import { beforeAll, describe, expect, it } from 'vitest'

import type { Store, User } from '@/payload-types'

import { Api } from '../helpers/api'
import { createStore, createUser, unique } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { testServer } from '../helpers/server'

let api: Api
let salon: Store
let rentals: Store
let admin: User
let owner: User
let cashier: User
let rentalsOwner: User
const tokens: Record<'admin' | 'owner' | 'cashier' | 'rentalsOwner', string> = { admin: '', owner: '', cashier: '', rentalsOwner: '' }

beforeAll(async () => {
  const payload = await testPayload()
  api = new Api((await testServer()).url)
  salon = await createStore(payload, { invoicePrefix: 'SAL' })
  rentals = await createStore(payload, { invoicePrefix: 'RNT' })
  admin = await createUser(payload, 'admin')
  owner = await createUser(payload, 'owner', [salon])
  cashier = await createUser(payload, 'cashier', [salon])
  rentalsOwner = await createUser(payload, 'owner', [rentals])
  tokens.admin = await api.login(admin.email)
  tokens.owner = await api.login(owner.email)
  tokens.cashier = await api.login(cashier.email)
  tokens.rentalsOwner = await api.login(rentalsOwner.email)
})

describe('GET /api/health', () => {
  it('answers ok with the database mode and version', async () => {
    const { status, body } = await api.get('/api/health')
    expect(status).toBe(200)
    expect(body).toEqual({ ok: true, db: 'embedded', version: expect.stringMatching(/^\d+\.\d+\.\d+/), ledgerSql: 'current' })
  })
})

describe('anonymous requests', () => {
  // SPEC §4: 401 when not logged in (issue 12 #11; Payload's own answer was 403)
  it.each(['/api/stores', '/api/users'])('%s lists nothing without a login', async (path) => {
    const { status } = await api.get(path)
    expect(status).toBe(401)
  })

  it('cannot create a store or a user', async () => {
    expect((await api.post('/api/stores', { body: { name: 'x', invoicePrefix: 'XX' } })).status).toBe(401)
    expect((await api.post('/api/users', { body: { email: 'a@b.c', password: 'x', name: 'x', role: 'admin' } })).status).toBe(401)
  })

  it('gets nothing from GraphQL', async () => {
    const { body } = await api.graphql('{ Stores { docs { id name } } }')
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
  })
})

describe('store scope over REST', () => {
  it('a cashier sees only their own store', async () => {
    const { status, body } = await api.get('/api/stores?limit=100', { token: tokens.cashier })
    expect(status).toBe(200)
    expect(body.docs.map((store: Store) => store.id)).toEqual([salon.id])
  })

  it("another store's record answers 404", async () => {
    expect((await api.get(`/api/stores/${rentals.id}`, { token: tokens.cashier })).status).toBe(404)
    expect((await api.get(`/api/stores/${salon.id}`, { token: tokens.rentalsOwner })).status).toBe(404)
    expect((await api.patch(`/api/stores/${salon.id}`, { token: tokens.rentalsOwner, body: { name: 'Taken over' } })).status).toBe(404)
  })

  it('an admin sees every store', async () => {
    const { body } = await api.get('/api/stores?limit=1000', { token: tokens.admin })
    const ids = body.docs.map((store: Store) => store.id)
    expect(ids).toEqual(expect.arrayContaining([salon.id, rentals.id]))
  })

  it('an owner may rename their store; a cashier may not', async () => {
    const renamed = await api.patch(`/api/stores/${salon.id}`, { token: tokens.owner, body: { name: 'Salon Renamed' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body.doc.name).toBe('Salon Renamed')
    expect((await api.patch(`/api/stores/${salon.id}`, { token: tokens.cashier, body: { name: 'Nope' } })).status).toBe(403)
  })
})

describe('store scope over GraphQL', () => {
  it('a cashier reads only their own store and users', async () => {
    const { body } = await api.graphql('{ Stores(limit: 100) { docs { id } } Users(limit: 100) { docs { id email } } }', tokens.cashier)
    expect(body.errors).toBeUndefined()
    expect(body.data.Stores.docs.map((store: { id: number }) => store.id)).toEqual([salon.id])
    expect(body.data.Users.docs.map((user: { email: string }) => user.email)).toEqual([cashier.email])
  })

  it("another store's record is not found", async () => {
    const { body } = await api.graphql(`{ Store(id: ${rentals.id}) { id name } }`, tokens.cashier)
    expect(body.data?.Store ?? null).toBeNull()
    expect(body.errors?.[0]?.message).toMatch(/not found/i)
  })
})

describe('users and roles', () => {
  it('a cashier cannot create users or stores', async () => {
    const user = await api.post('/api/users', {
      token: tokens.cashier,
      body: { email: `${unique('x')}@test.tally`, password: 'pass-12345', name: 'X', role: 'cashier', stores: [salon.id] },
    })
    expect(user.status).toBe(403)
    const store = await api.post('/api/stores', { token: tokens.cashier, body: { name: 'Mine', invoicePrefix: 'MIN' } })
    expect(store.status).toBe(403)
  })

  it('a cashier cannot promote themselves', async () => {
    const { status, body } = await api.patch(`/api/users/${cashier.id}`, { token: tokens.cashier, body: { role: 'admin', stores: [salon.id, rentals.id] } })
    expect(status).toBe(200) // Payload drops fields the user may not write
    expect(body.doc.role).toBe('cashier')
    expect(body.doc.stores.map((store: Store | number) => (typeof store === 'number' ? store : store.id))).toEqual([salon.id])
  })

  it('an owner can add a cashier to their own store', async () => {
    const { status, body } = await api.post('/api/users', {
      token: tokens.owner,
      body: { email: `${unique('new-cashier')}@test.tally`, password: 'pass-12345', name: 'New', role: 'cashier', stores: [salon.id] },
    })
    expect(status).toBe(201)
    expect(body.doc.role).toBe('cashier')
  })

  it('an owner cannot create an admin or a user of another store', async () => {
    const asAdmin = await api.post('/api/users', {
      token: tokens.owner,
      body: { email: `${unique('sneaky')}@test.tally`, password: 'pass-12345', name: 'S', role: 'admin', stores: [salon.id] },
    })
    expect(asAdmin.status).toBe(403)
    const elsewhere = await api.post('/api/users', {
      token: tokens.owner,
      body: { email: `${unique('sneaky')}@test.tally`, password: 'pass-12345', name: 'S', role: 'cashier', stores: [rentals.id] },
    })
    expect(elsewhere.status).toBe(403)
  })

  it('an owner sees the users of their store, not those of another store', async () => {
    const { body } = await api.get('/api/users?limit=100', { token: tokens.owner })
    const emails = body.docs.map((user: User) => user.email)
    expect(emails).toEqual(expect.arrayContaining([owner.email, cashier.email]))
    expect(emails).not.toContain(rentalsOwner.email)
    expect(emails).not.toContain(admin.email)
  })

  it('only admins may create stores', async () => {
    const byOwner = await api.post('/api/stores', { token: tokens.owner, body: { name: 'Second', invoicePrefix: 'SEC' } })
    expect(byOwner.status).toBe(403)
    const byAdmin = await api.post('/api/stores', { token: tokens.admin, body: { name: unique('Admin store'), invoicePrefix: 'ADM' } })
    expect(byAdmin.status).toBe(201)
  })

  it('rejects a store with bad settings, naming each field', async () => {
    const { status, body } = await api.post('/api/stores', {
      token: tokens.admin,
      body: { name: 'Bad', currency: 'RUPEES', locale: 'not a locale!', timezone: 'Mars/Base', invoicePrefix: 'x' },
    })
    expect(status).toBe(400)
    const fields = body.errors[0].data.errors.map((error: { path: string }) => error.path).sort()
    expect(fields).toEqual(['currency', 'invoicePrefix', 'locale', 'timezone'])
  })
})
