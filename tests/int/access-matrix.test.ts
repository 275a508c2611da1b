/**
 * SPEC §5 as a table: every collection and every custom endpoint × role × operation, over
 * real HTTP (REST and GraphQL) on real Postgres.
 *
 * Roles: admin, owner (of store A), cashier (of store A), other (owner of store B only),
 * anon (no login). Every fixture lives in store A unless its name ends in B.
 *
 * A row is [role, method, path, expected status(es), extra?]. `:name` in a path is a fixture
 * id; `:new.kind` makes a fresh row first (for operations that consume their target: delete,
 * post, mark-paid, void). Whatever a row expects, every refused request (4xx) is also checked
 * to have written nothing: no collection gained or lost a row, the targeted record is
 * byte-for-byte the same, and the body is Payload's error shape without leaking the record.
 */
import type { CollectionSlug, Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { unique } from '../helpers/factories'
import { startSmtp, type TestSmtp } from '../helpers/smtp'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newPhone, newWorld, type World } from '../helpers/world'
import type { ApiResponse } from '../helpers/api'

type Role = 'admin' | 'owner' | 'cashier' | 'other' | 'anon'
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
type Expected = number | readonly number[]
type Fx = Record<string, number>
interface Extra {
  /** Request body; defaults to BODIES[`${method} ${slug}`] for REST rows. */
  body?: (fx: Fx) => unknown
  /** Extra assertions on a response that had the expected status. */
  check?: (res: ApiResponse, fx: Fx, role: Role) => Promise<void> | void
}
type Row = readonly [role: Role, method: Method, path: string, expected: Expected, extra?: Extra]

/** Not logged in: 401, on Payload's REST as on the custom endpoints (SPEC §4; issue 12 #11). */
const ANON = 401
/** A create aimed at another store's id: refused as invalid, forbidden or unknown — never written. */
const FOREIGN_CREATE = [400, 403, 404] as const

const SLUGS = [
  'customers',
  'invoices',
  'transactions',
  'allocations',
  'advance-payments',
  'advance-utilizations',
  'credit-notes',
  'bookings',
  'assets',
  'services',
  'stores',
  'users',
] as const satisfies readonly CollectionSlug[]
type Slug = (typeof SLUGS)[number]
/** SPEC §10's collections: counted before and after every refused request too. */
const DOCUMENT_SLUGS = ['share-links', 'store-logos'] as const satisfies readonly CollectionSlug[]

let world: World
let payload: Payload
const fx: Fx = {}
const phones: { customer: string } = { customer: '' }
const tokenOf = (role: Role) => (role === 'anon' ? undefined : world.tokens[role === 'other' ? 'otherOwner' : role])
const item = (unitPrice: number) => ({ description: 'Service', quantity: 1, unitPrice })

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

async function ok<T = any>(res: Promise<ApiResponse<T>> | ApiResponse<T>, status: number): Promise<T> {
  const { status: got, body } = await res
  expect(got, JSON.stringify(body)).toBe(status)
  return body
}

async function firstId(collection: Slug, where: Record<string, unknown>): Promise<number> {
  const { docs } = await payload.find({ collection, where: where as never, overrideAccess: true, depth: 0, limit: 1, sort: 'id' })
  expect(docs[0], `${collection} ${JSON.stringify(where)}`).toBeDefined()
  return docs[0]!.id as number
}

/** A store's full set of rows: customer, posted bill paid partly in cash and partly from a deposit, expense, booking, asset. */
async function seedStore(token: string, store: number, suffix: '' | 'B') {
  const resolved = await ok(world.api.post('/api/customers/resolve', { token, body: { store, phone: newPhone(), name: unique('Matrix') } }), 201)
  const customer = resolved.customer.id as number
  if (suffix === '') phones.customer = resolved.customer.phone
  const deposit = await ok(world.api.post(`/api/customers/${customer}/advances`, { token, body: { amount: 50_000, method: 'cash' } }), 201)
  const sale = await ok(
    world.api.post('/api/pos/checkout', {
      token,
      body: { store, customer, items: [item(10_000_000)], payments: [{ method: 'cash', amount: 400_000 }], useAdvance: 20_000 },
    }),
    201,
  )
  const transaction = sale.transactions[0].id as number
  const expense = await ok(
    world.api.post('/api/transactions', { token, body: { store, type: 'expense', kind: 'expense', amount: 12_345, method: 'bank_transfer', notes: 'Rent' } }),
    201,
  )
  const booking = await ok(
    world.api.post('/api/bookings', { token, body: { store, kind: 'appointment', phone: newPhone(), customerName: 'Booked', scheduledAt: '2030-01-01T10:00:00.000Z' } }),
    201,
  )
  const asset = await ok(world.api.post('/api/assets', { token, body: { store, name: unique('Crane'), kind: 'crane', rate: 150_000 } }), 201)
  // SPEC §9: a credit note on the sale (a price corrected)
  const note = await ok(world.api.post(`/api/invoices/${sale.bill.id}/credit-notes`, { token, body: { amount: 1_000, reason: 'matrix' } }), 201)
  const service = await ok(world.api.post('/api/services', { token, body: { store, name: unique('Haircut'), sac: '999721', price: 50_000, taxRate: 1800 } }), 201)
  Object.assign(fx, {
    [`customer${suffix}`]: customer,
    [`deposit${suffix}`]: deposit.advancePayment.id,
    [`invoice${suffix}`]: sale.bill.id,
    [`transaction${suffix}`]: transaction,
    [`allocation${suffix}`]: await firstId('allocations', { transaction: { equals: transaction } }),
    [`utilization${suffix}`]: await firstId('advance-utilizations', { invoice: { equals: sale.bill.id } }),
    [`expense${suffix}`]: expense.doc.id,
    [`booking${suffix}`]: booking.doc.id,
    [`creditNote${suffix}`]: note.creditNote.id,
    [`asset${suffix}`]: asset.doc.id,
    [`service${suffix}`]: service.doc.id,
  })
}

const me = async (role: Role) => (await ok(world.api.get('/api/users/me', { token: tokenOf(role) }), 200)).user.id as number

async function newInvoice(status: 'draft' | 'open', total = 100_000): Promise<number> {
  const body = await ok(world.api.post('/api/invoices', { token: world.tokens.owner, body: { store: fx.store, customer: fx.customer, items: [item(total)], status } }), 201)
  return body.doc.id
}

/** Fresh rows for operations that consume their target (`:new.<kind>` in a path). */
const FRESH: Record<string, () => Promise<number>> = {
  customer: async () =>
    (await ok(world.api.post('/api/customers/resolve', { token: world.tokens.owner, body: { store: fx.store, phone: newPhone(), name: 'Fresh' } }), 201)).customer.id,
  pendingCustomer: async () => {
    const { id } = await newCustomer(world)
    await ok(checkoutAs(world, world.tokens.cashier, { customer: id, items: [item(60_000)], payments: [{ method: 'cash', amount: 10_000 }] }), 201)
    return id
  },
  draft: () => newInvoice('draft'),
  /** A ₹10 deposit (a refund consumes it). */
  deposit: async () =>
    (await ok(world.api.post(`/api/customers/${fx.customer}/advances`, { token: world.tokens.owner, body: { amount: 1_000, method: 'cash' } }), 201)).advancePayment.id,
  open: () => newInvoice('open'),
  /** A ₹10 payment on a fresh invoice: its allocation (unapply consumes it). */
  allocation: async () => {
    const invoice = await newInvoice('open', 5_000)
    const paid = await ok(world.api.post(`/api/invoices/${invoice}/payments`, { token: world.tokens.owner, body: { amount: 1_000, method: 'cash' } }), 201)
    return firstId('allocations', { transaction: { equals: paid.transaction.id } })
  },
  /** A payment received before its invoice (unmatched); fx.matchInvoice is that invoice. */
  unmatchedPayment: async () => {
    const { id } = await newCustomer(world)
    const logged = await ok(
      world.api.post('/api/transactions', { token: world.tokens.owner, body: { store: fx.store, type: 'income', kind: 'payment', amount: 1_000, method: 'cash', customer: id } }),
      201,
    )
    fx.matchInvoice = (
      await ok(world.api.post('/api/invoices', { token: world.tokens.owner, body: { store: fx.store, customer: id, items: [item(5_000)], status: 'open' } }), 201)
    ).doc.id
    return logged.doc.id
  },
  /** A ₹10 payment of a fresh sale (reverse consumes it). */
  payment: async () => {
    const { id } = await newCustomer(world)
    const sale = await ok(checkoutAs(world, world.tokens.cashier, { customer: id, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] }), 201)
    return sale.transactions[0].id
  },
  shareLink: async () => (await ok(world.api.post('/api/share-links', { token: world.tokens.owner, body: { document: 'invoice', id: fx.invoice } }), 201)).id,
  booking: async () =>
    (await ok(world.api.post('/api/bookings', { token: world.tokens.owner, body: { store: fx.store, kind: 'enquiry', phone: newPhone(), customerName: 'Fresh' } }), 201)).doc.id,
  asset: async () => (await ok(world.api.post('/api/assets', { token: world.tokens.owner, body: { store: fx.store, name: 'Fresh', rate: 100 } }), 201)).doc.id,
  service: async () =>
    (await ok(world.api.post('/api/services', { token: world.tokens.owner, body: { store: fx.store, name: unique('Fresh'), price: 100, taxRate: 0 } }), 201)).doc.id,
  store: async () =>
    (
      await payload.create({
        collection: 'stores',
        overrideAccess: true,
        data: { name: unique('Fresh'), currency: 'INR', locale: 'en-IN', timezone: 'Asia/Kolkata', invoicePrefix: 'FRS' },
      })
    ).id,
  user: async () =>
    (
      await payload.create({
        collection: 'users',
        overrideAccess: true,
        data: { name: 'Fresh', email: `${unique('fresh')}@test.tally`.toLowerCase(), password: 'pass-12345', role: 'cashier', stores: [fx.store!] },
      })
    ).id,
}

async function resolvePath(template: string): Promise<string> {
  let path = template
  for (const [token, name] of template.matchAll(/:([a-zA-Z.]+)/g)) {
    let value: number | undefined
    if (name!.startsWith('new.')) value = await FRESH[name!.slice(4)]!()
    else value = fx[name!]
    if (value === undefined) throw new Error(`no fixture ${name} for ${template}`)
    path = path.replace(token, String(value))
  }
  return path
}

beforeAll(async () => {
  world = await newWorld()
  payload = await testPayload()
  fx.store = world.store.id
  fx.storeB = world.otherStore.id
  await seedStore(world.tokens.owner, world.store.id, '')
  await seedStore(world.tokens.otherOwner, world.otherStore.id, 'B')
  fx.draft = await newInvoice('draft')
  fx.openInvoice = await newInvoice('open', 50_000_000)
  fx.ownerUser = world.owner.id
  fx.cashierUser = await me('cashier')
  fx.otherUser = await me('other')
  fx.shareLink = await FRESH.shareLink!()
  fx.shareLinkB = (await ok(world.api.post('/api/share-links', { token: world.tokens.otherOwner, body: { document: 'invoice', id: fx.invoiceB } }), 201)).id
})

afterAll(async () => {
  await expectLedgerClean()
})

// ---------------------------------------------------------------------------------------------
// Who sees what: the rows each role must see in lists (and nothing else of stores A and B)
// ---------------------------------------------------------------------------------------------

/** Fixture names of store A and store B per collection. */
const OWN: Record<Slug, { A: string[]; B: string[] }> = {
  customers: { A: ['customer'], B: ['customerB'] },
  invoices: { A: ['invoice', 'draft', 'openInvoice'], B: ['invoiceB'] },
  transactions: { A: ['transaction', 'expense'], B: ['transactionB', 'expenseB'] },
  allocations: { A: ['allocation'], B: ['allocationB'] },
  'advance-payments': { A: ['deposit'], B: ['depositB'] },
  'advance-utilizations': { A: ['utilization'], B: ['utilizationB'] },
  'credit-notes': { A: ['creditNote'], B: ['creditNoteB'] },
  bookings: { A: ['booking'], B: ['bookingB'] },
  assets: { A: ['asset'], B: ['assetB'] },
  services: { A: ['service'], B: ['serviceB'] },
  stores: { A: ['store'], B: ['storeB'] },
  users: { A: ['ownerUser', 'cashierUser'], B: ['otherUser'] },
}

/** SPEC §5: admins every store; owners and cashiers store A; other store B; cashiers no expenses. */
function visibleTo(role: Role, slug: Slug): string[] {
  const { A, B } = OWN[slug]
  if (role === 'admin') return [...A, ...B]
  if (role === 'other') return slug === 'users' ? ['otherUser'] : B
  if (role === 'cashier') {
    if (slug === 'transactions') return ['transaction'] // never the expense
    if (slug === 'users') return ['cashierUser'] // themselves
  }
  return A
}

function expectSeesExactly(role: Role, slug: Slug, ids: number[]) {
  const { A, B } = OWN[slug]
  const visible = visibleTo(role, slug)
  for (const name of [...A, ...B]) {
    const shouldSee = visible.includes(name)
    expect(ids.includes(fx[name]!), `${role} ${shouldSee ? 'must' : 'must not'} see ${slug} ${name} (#${fx[name]})`).toBe(shouldSee)
  }
}

const listCheck =
  (slug: Slug): Extra['check'] =>
  (res, _fx, role) => {
    expect(Array.isArray(res.body.docs)).toBe(true)
    expect(res.body.totalDocs).toBeLessThan(1000) // the page holds every row the role may see
    expectSeesExactly(
      role,
      slug,
      res.body.docs.map((doc: { id: number }) => doc.id),
    )
    if (slug !== 'stores' && slug !== 'users' && role !== 'admin') {
      const allowed = role === 'other' ? [fx.storeB] : [fx.store]
      for (const doc of res.body.docs) expect(allowed, `${slug} #${doc.id} of store ${doc.store}`).toContain(doc.store)
    }
  }

/** `?where[store][equals]=A` asked by store B's owner: nothing, not an error. */
const emptyList: Extra = { check: (res) => expect(res.body.docs).toEqual([]) }

const readCheck =
  (name: string): Extra['check'] =>
  (res) =>
    expect(res.body.id).toBe(fx[name])

/** After a granted delete the row is gone for good. */
const goneAfter =
  (slug: Slug): Extra['check'] =>
  async (res) => {
    const id = res.body.doc?.id ?? res.body.id
    expect(id, JSON.stringify(res.body)).toBeDefined()
    const found = await payload.find({ collection: slug, where: { id: { equals: id } }, overrideAccess: true, depth: 0 })
    expect(found.docs).toEqual([])
  }

// ---------------------------------------------------------------------------------------------
// Bodies of REST creates and updates
// ---------------------------------------------------------------------------------------------

const BODIES: Record<string, (fx: Fx) => unknown> = {
  'POST customers': (f) => ({ store: f.store, name: unique('New'), phone: newPhone() }),
  'POST invoices': (f) => ({ store: f.store, customer: f.customer, items: [item(1_000)] }),
  'POST transactions': (f) => ({ store: f.store, type: 'expense', kind: 'expense', amount: 1_000, method: 'cash', notes: 'matrix' }),
  'POST allocations': (f) => ({ store: f.store, transaction: f.transaction, invoice: f.openInvoice, amount: 1 }),
  'POST advance-payments': (f) => ({ store: f.store, customer: f.customer, amount: 1_000, method: 'cash' }),
  'POST advance-utilizations': (f) => ({ store: f.store, advancePayment: f.deposit, invoice: f.openInvoice, amount: 1 }),
  'POST bookings': (f) => ({ store: f.store, kind: 'enquiry', phone: newPhone(), customerName: unique('Caller') }),
  'POST assets': (f) => ({ store: f.store, name: unique('Truck'), kind: 'tow_truck', rate: 90_000 }),
  'POST services': (f) => ({ store: f.store, name: unique('Facial'), sac: '999722', price: 150_000, taxRate: 1800 }),
  'POST stores': () => ({ name: unique('Branch'), invoicePrefix: 'BRN' }),
  'POST users': (f) => ({ name: 'New hire', email: `${unique('hire')}@test.tally`.toLowerCase(), password: 'pass-12345', role: 'cashier', stores: [f.store] }),
  'PATCH customers': () => ({ notes: unique('note') }),
  'PATCH invoices': () => ({ notes: unique('note') }),
  'PATCH transactions': () => ({ amount: 1, notes: 'rewritten' }),
  'PATCH allocations': () => ({ amount: 1 }),
  'PATCH advance-payments': () => ({ notes: unique('note') }),
  'PATCH advance-utilizations': () => ({ amount: 1 }),
  'POST credit-notes': (f) => ({ store: f.store, invoice: f.openInvoice, customer: f.customer, number: 'CN-99-0001', amount: 1, reason: 'x', date: '2026-01-01' }),
  'PATCH credit-notes': () => ({ amount: 1, reason: 'rewritten' }),
  'PATCH bookings': () => ({ notes: unique('note') }),
  'PATCH assets': () => ({ name: unique('Renamed') }),
  'PATCH services': () => ({ price: 55_000 }),
  'PATCH stores': () => ({ name: unique('Renamed') }),
  'PATCH users': () => ({ name: unique('Renamed') }),
}

const created: Extra['check'] = (res) => expect(res.body.doc?.id, JSON.stringify(res.body)).toEqual(expect.any(Number))
const updated: Extra['check'] = (res) => expect(res.body.doc?.id, JSON.stringify(res.body)).toEqual(expect.any(Number))

// ---------------------------------------------------------------------------------------------
// The matrix: REST collections
// ---------------------------------------------------------------------------------------------

/** list, list filtered to store A, read — generated for every collection from `visibleTo`. */
function readRows(slug: Slug, row: string, rowB: string): Row[] {
  const rows: Row[] = []
  for (const role of ['admin', 'owner', 'cashier', 'other'] as const) {
    rows.push([role, 'GET', `/api/${slug}?limit=1000&depth=0`, 200, { check: listCheck(slug) }])
  }
  rows.push(['anon', 'GET', `/api/${slug}?limit=1000&depth=0`, ANON])
  if (slug !== 'stores' && slug !== 'users') {
    rows.push(['other', 'GET', `/api/${slug}?where[store][equals]=:store&limit=1000&depth=0`, 200, emptyList])
    rows.push(['cashier', 'GET', `/api/${slug}?where[store][equals]=:storeB&limit=1000&depth=0`, 200, emptyList])
  }
  rows.push(
    ['admin', 'GET', `/api/${slug}/:${row}?depth=0`, 200, { check: readCheck(row) }],
    ['admin', 'GET', `/api/${slug}/:${rowB}?depth=0`, 200, { check: readCheck(rowB) }],
    ['owner', 'GET', `/api/${slug}/:${row}?depth=0`, 200, { check: readCheck(row) }],
    ['owner', 'GET', `/api/${slug}/:${rowB}?depth=0`, 404],
    ['other', 'GET', `/api/${slug}/:${row}?depth=0`, 404],
    ['other', 'GET', `/api/${slug}/:${rowB}?depth=0`, 200, { check: readCheck(rowB) }],
    ['anon', 'GET', `/api/${slug}/:${row}?depth=0`, ANON],
  )
  if (slug !== 'users') {
    rows.push(['cashier', 'GET', `/api/${slug}/:${row}?depth=0`, 200, { check: readCheck(row) }])
    rows.push(['cashier', 'GET', `/api/${slug}/:${rowB}?depth=0`, 404])
  }
  return rows
}

const REST: Row[] = [
  // customers — cashiers create and read; only owners/admins change or delete (SPEC §5)
  ...readRows('customers', 'customer', 'customerB'),
  ['admin', 'POST', '/api/customers', 201, { check: created }],
  ['owner', 'POST', '/api/customers', 201, { check: created }],
  ['cashier', 'POST', '/api/customers', 201, { check: created }],
  ['other', 'POST', '/api/customers', FOREIGN_CREATE],
  ['anon', 'POST', '/api/customers', ANON],
  ['admin', 'PATCH', '/api/customers/:customer', 200, { check: updated }],
  ['owner', 'PATCH', '/api/customers/:customer', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/customers/:customer', 403],
  ['other', 'PATCH', '/api/customers/:customer', 404],
  ['anon', 'PATCH', '/api/customers/:customer', ANON],
  ['admin', 'DELETE', '/api/customers/:new.customer', 200, { check: goneAfter('customers') }],
  ['owner', 'DELETE', '/api/customers/:new.customer', 200, { check: goneAfter('customers') }],
  // SPEC §5: "owner: everything in their stores, including deleting customers (with pending balances)"
  ['owner', 'DELETE', '/api/customers/:new.pendingCustomer', 200, { check: goneAfter('customers') }],
  ['cashier', 'DELETE', '/api/customers/:customer', 403],
  ['cashier', 'DELETE', '/api/customers/:new.customer', 403],
  ['other', 'DELETE', '/api/customers/:customer', 404],
  ['other', 'DELETE', '/api/customers/:new.customer', 404],
  ['anon', 'DELETE', '/api/customers/:new.customer', ANON],

  // invoices — cashiers bill through the POS only: no REST create, update or delete
  ...readRows('invoices', 'invoice', 'invoiceB'),
  ['admin', 'POST', '/api/invoices', 201, { check: created }],
  ['owner', 'POST', '/api/invoices', 201, { check: created }],
  ['cashier', 'POST', '/api/invoices', 403],
  ['other', 'POST', '/api/invoices', FOREIGN_CREATE],
  ['anon', 'POST', '/api/invoices', ANON],
  ['admin', 'PATCH', '/api/invoices/:invoice', 200, { check: updated }],
  ['owner', 'PATCH', '/api/invoices/:invoice', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/invoices/:invoice', 403],
  ['cashier', 'PATCH', '/api/invoices/:draft', 403],
  ['cashier', 'PATCH', '/api/invoices/:invoice', 403, { body: () => ({ status: 'void' }) }],
  ['cashier', 'PATCH', '/api/invoices/:openInvoice', 403, { body: () => ({ status: 'paid' }) }],
  ['other', 'PATCH', '/api/invoices/:invoice', 404],
  ['other', 'PATCH', '/api/invoices/:openInvoice', 404, { body: () => ({ status: 'void' }) }],
  ['anon', 'PATCH', '/api/invoices/:invoice', ANON],
  ['admin', 'DELETE', '/api/invoices/:new.draft', 200, { check: goneAfter('invoices') }],
  ['owner', 'DELETE', '/api/invoices/:new.draft', 200, { check: goneAfter('invoices') }],
  ['cashier', 'DELETE', '/api/invoices/:draft', 403],
  ['cashier', 'DELETE', '/api/invoices/:invoice', 403],
  ['other', 'DELETE', '/api/invoices/:draft', 404],
  ['anon', 'DELETE', '/api/invoices/:draft', ANON],

  // transactions — the ledger: append-only for everyone; cashiers never see expenses
  ...readRows('transactions', 'transaction', 'transactionB'),
  ['cashier', 'GET', '/api/transactions/:expense?depth=0', 404],
  ['cashier', 'GET', '/api/transactions?where[type][equals]=expense&limit=1000&depth=0', 200, emptyList],
  ['admin', 'POST', '/api/transactions', 201, { check: created }],
  ['owner', 'POST', '/api/transactions', 201, { check: created }],
  ['cashier', 'POST', '/api/transactions', 403],
  ['other', 'POST', '/api/transactions', FOREIGN_CREATE],
  ['anon', 'POST', '/api/transactions', ANON],
  ['admin', 'PATCH', '/api/transactions/:transaction', 403],
  ['admin', 'PATCH', '/api/transactions/:expense', 403],
  ['admin', 'PATCH', '/api/transactions/:transactionB', 403],
  ['owner', 'PATCH', '/api/transactions/:transaction', 403],
  ['owner', 'PATCH', '/api/transactions/:expense', 403],
  ['cashier', 'PATCH', '/api/transactions/:transaction', 403],
  ['other', 'PATCH', '/api/transactions/:transaction', 404],
  ['anon', 'PATCH', '/api/transactions/:transaction', ANON],
  ['admin', 'DELETE', '/api/transactions/:transaction', 403],
  ['admin', 'DELETE', '/api/transactions/:expenseB', 403],
  ['owner', 'DELETE', '/api/transactions/:transaction', 403],
  ['owner', 'DELETE', '/api/transactions/:expense', 403],
  ['cashier', 'DELETE', '/api/transactions/:transaction', 403],
  ['other', 'DELETE', '/api/transactions/:transaction', 404],
  ['anon', 'DELETE', '/api/transactions/:transaction', ANON],

  // allocations — ledger rows: written only by the services (§3), never changed (§5)
  ...readRows('allocations', 'allocation', 'allocationB'),
  ['admin', 'POST', '/api/allocations', 403],
  ['owner', 'POST', '/api/allocations', 403],
  ['cashier', 'POST', '/api/allocations', 403],
  ['other', 'POST', '/api/allocations', FOREIGN_CREATE],
  ['anon', 'POST', '/api/allocations', ANON],
  ['admin', 'PATCH', '/api/allocations/:allocation', 403],
  ['admin', 'PATCH', '/api/allocations/:allocationB', 403],
  ['owner', 'PATCH', '/api/allocations/:allocation', 403],
  ['cashier', 'PATCH', '/api/allocations/:allocation', 403],
  ['other', 'PATCH', '/api/allocations/:allocation', 404],
  ['anon', 'PATCH', '/api/allocations/:allocation', ANON],
  ['admin', 'DELETE', '/api/allocations/:allocation', 403],
  ['owner', 'DELETE', '/api/allocations/:allocation', 403],
  ['cashier', 'DELETE', '/api/allocations/:allocation', 403],
  ['other', 'DELETE', '/api/allocations/:allocation', 404],
  ['anon', 'DELETE', '/api/allocations/:allocation', ANON],

  // advance-payments — deposits are taken by POST /api/customers/:id/advances, bookings and
  // checkout (§4); a raw REST write would move a balance outside the ledger (§3)
  ...readRows('advance-payments', 'deposit', 'depositB'),
  ['admin', 'POST', '/api/advance-payments', 403],
  ['owner', 'POST', '/api/advance-payments', 403],
  ['cashier', 'POST', '/api/advance-payments', 403],
  ['other', 'POST', '/api/advance-payments', FOREIGN_CREATE],
  ['anon', 'POST', '/api/advance-payments', ANON],
  ['admin', 'PATCH', '/api/advance-payments/:deposit', 403, { body: () => ({ amount: 1 }) }],
  ['owner', 'PATCH', '/api/advance-payments/:deposit', 403, { body: () => ({ amount: 1 }) }],
  ['cashier', 'PATCH', '/api/advance-payments/:deposit', 403],
  ['cashier', 'PATCH', '/api/advance-payments/:deposit', 403, { body: () => ({ amount: 1 }) }],
  ['other', 'PATCH', '/api/advance-payments/:deposit', 404],
  ['anon', 'PATCH', '/api/advance-payments/:deposit', ANON],
  ['admin', 'DELETE', '/api/advance-payments/:deposit', 403],
  ['owner', 'DELETE', '/api/advance-payments/:deposit', 403],
  ['cashier', 'DELETE', '/api/advance-payments/:deposit', 403],
  ['other', 'DELETE', '/api/advance-payments/:deposit', 404],
  ['anon', 'DELETE', '/api/advance-payments/:deposit', ANON],

  // advance-utilizations — ledger rows
  ...readRows('advance-utilizations', 'utilization', 'utilizationB'),
  ['admin', 'POST', '/api/advance-utilizations', 403],
  ['owner', 'POST', '/api/advance-utilizations', 403],
  ['cashier', 'POST', '/api/advance-utilizations', 403],
  ['other', 'POST', '/api/advance-utilizations', FOREIGN_CREATE],
  ['anon', 'POST', '/api/advance-utilizations', ANON],
  ['admin', 'PATCH', '/api/advance-utilizations/:utilization', 403],
  ['admin', 'PATCH', '/api/advance-utilizations/:utilizationB', 403],
  ['owner', 'PATCH', '/api/advance-utilizations/:utilization', 403],
  ['cashier', 'PATCH', '/api/advance-utilizations/:utilization', 403],
  ['other', 'PATCH', '/api/advance-utilizations/:utilization', 404],
  ['anon', 'PATCH', '/api/advance-utilizations/:utilization', ANON],
  ['admin', 'DELETE', '/api/advance-utilizations/:utilization', 403],
  ['owner', 'DELETE', '/api/advance-utilizations/:utilization', 403],
  ['cashier', 'DELETE', '/api/advance-utilizations/:utilization', 403],
  ['other', 'DELETE', '/api/advance-utilizations/:utilization', 404],
  ['anon', 'DELETE', '/api/advance-utilizations/:utilization', ANON],

  // bookings — cashiers take them (create/read); they never delete
  ...readRows('bookings', 'booking', 'bookingB'),
  ['admin', 'POST', '/api/bookings', 201, { check: created }],
  ['owner', 'POST', '/api/bookings', 201, { check: created }],
  ['cashier', 'POST', '/api/bookings', 201, { check: created }],
  ['other', 'POST', '/api/bookings', FOREIGN_CREATE],
  ['anon', 'POST', '/api/bookings', ANON],
  ['admin', 'PATCH', '/api/bookings/:booking', 200, { check: updated }],
  ['owner', 'PATCH', '/api/bookings/:booking', 200, { check: updated }],
  // SPEC §5 lists create/read for cashiers; editing a booking's notes is not settled either way
  ['cashier', 'PATCH', '/api/bookings/:booking', [200, 403]],
  ['other', 'PATCH', '/api/bookings/:booking', 404],
  ['anon', 'PATCH', '/api/bookings/:booking', ANON],
  ['admin', 'DELETE', '/api/bookings/:new.booking', 200, { check: goneAfter('bookings') }],
  ['owner', 'DELETE', '/api/bookings/:new.booking', 200, { check: goneAfter('bookings') }],
  ['cashier', 'DELETE', '/api/bookings/:booking', 403],
  ['other', 'DELETE', '/api/bookings/:booking', 404],
  ['anon', 'DELETE', '/api/bookings/:booking', ANON],

  // assets — owners' equipment; cashiers only read
  ...readRows('assets', 'asset', 'assetB'),
  ['admin', 'POST', '/api/assets', 201, { check: created }],
  ['owner', 'POST', '/api/assets', 201, { check: created }],
  ['cashier', 'POST', '/api/assets', 403],
  ['other', 'POST', '/api/assets', FOREIGN_CREATE],
  ['anon', 'POST', '/api/assets', ANON],
  ['admin', 'PATCH', '/api/assets/:asset', 200, { check: updated }],
  ['owner', 'PATCH', '/api/assets/:asset', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/assets/:asset', 403],
  ['other', 'PATCH', '/api/assets/:asset', 404],
  ['anon', 'PATCH', '/api/assets/:asset', ANON],
  ['admin', 'DELETE', '/api/assets/:new.asset', 200, { check: goneAfter('assets') }],
  ['owner', 'DELETE', '/api/assets/:new.asset', 200, { check: goneAfter('assets') }],
  ['cashier', 'DELETE', '/api/assets/:asset', 403],
  ['other', 'DELETE', '/api/assets/:asset', 404],
  ['anon', 'DELETE', '/api/assets/:asset', ANON],

  // credit-notes — ledger rows (SPEC §9): issued only by POST /api/invoices/:id/credit-notes, never changed
  ...readRows('credit-notes', 'creditNote', 'creditNoteB'),
  ['admin', 'POST', '/api/credit-notes', 403],
  ['owner', 'POST', '/api/credit-notes', 403],
  ['cashier', 'POST', '/api/credit-notes', 403],
  ['other', 'POST', '/api/credit-notes', FOREIGN_CREATE],
  ['anon', 'POST', '/api/credit-notes', ANON],
  ['admin', 'PATCH', '/api/credit-notes/:creditNote', 403],
  ['owner', 'PATCH', '/api/credit-notes/:creditNote', 403],
  ['cashier', 'PATCH', '/api/credit-notes/:creditNote', 403],
  ['other', 'PATCH', '/api/credit-notes/:creditNote', 404],
  ['anon', 'PATCH', '/api/credit-notes/:creditNote', ANON],
  ['admin', 'DELETE', '/api/credit-notes/:creditNote', 403],
  ['owner', 'DELETE', '/api/credit-notes/:creditNote', 403],
  ['cashier', 'DELETE', '/api/credit-notes/:creditNote', 403],
  ['other', 'DELETE', '/api/credit-notes/:creditNote', 404],
  ['anon', 'DELETE', '/api/credit-notes/:creditNote', ANON],
  // services — the catalogue (SPEC §12): cashiers read it at the POS; owners keep it
  ...readRows('services', 'service', 'serviceB'),
  ['admin', 'POST', '/api/services', 201, { check: created }],
  ['owner', 'POST', '/api/services', 201, { check: created }],
  ['cashier', 'POST', '/api/services', 403],
  ['other', 'POST', '/api/services', FOREIGN_CREATE],
  ['anon', 'POST', '/api/services', ANON],
  ['admin', 'PATCH', '/api/services/:service', 200, { check: updated }],
  ['owner', 'PATCH', '/api/services/:service', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/services/:service', 403],
  ['other', 'PATCH', '/api/services/:service', 404],
  ['anon', 'PATCH', '/api/services/:service', ANON],
  ['admin', 'DELETE', '/api/services/:new.service', 200, { check: goneAfter('services') }],
  ['owner', 'DELETE', '/api/services/:new.service', 200, { check: goneAfter('services') }],
  ['cashier', 'DELETE', '/api/services/:service', 403],
  ['other', 'DELETE', '/api/services/:service', 404],
  ['anon', 'DELETE', '/api/services/:service', ANON],

  // stores — admins create and delete tenants; owners edit their own
  ...readRows('stores', 'store', 'storeB'),
  ['admin', 'POST', '/api/stores', 201, { check: created }],
  ['owner', 'POST', '/api/stores', 403],
  ['cashier', 'POST', '/api/stores', 403],
  ['other', 'POST', '/api/stores', 403],
  ['anon', 'POST', '/api/stores', ANON],
  ['admin', 'PATCH', '/api/stores/:store', 200, { check: updated }],
  ['owner', 'PATCH', '/api/stores/:store', 200, { check: updated }],
  // SPEC §9: owners set their store's terms, limits and expiry policy; nobody else
  ['owner', 'PATCH', '/api/stores/:store', 200, { body: () => ({ creditTermsDays: 0, advanceExpiryMonths: null }), check: updated }],
  ['cashier', 'PATCH', '/api/stores/:store', 403, { body: () => ({ creditTermsDays: 30, defaultCreditLimit: 0 }) }],
  ['other', 'PATCH', '/api/stores/:store', 404, { body: () => ({ advanceExpiryMonths: 1 }) }],
  ['cashier', 'PATCH', '/api/stores/:store', 403],
  ['other', 'PATCH', '/api/stores/:store', 404],
  ['anon', 'PATCH', '/api/stores/:store', ANON],
  ['admin', 'DELETE', '/api/stores/:new.store', 200, { check: goneAfter('stores') }],
  ['owner', 'DELETE', '/api/stores/:store', 403],
  ['cashier', 'DELETE', '/api/stores/:store', 403],
  ['other', 'DELETE', '/api/stores/:store', 404],
  ['anon', 'DELETE', '/api/stores/:store', ANON],

  // users — owners manage their store's staff; a cashier only themselves
  ...readRows('users', 'cashierUser', 'otherUser'),
  ['cashier', 'GET', '/api/users/:cashierUser?depth=0', 200, { check: readCheck('cashierUser') }],
  ['cashier', 'GET', '/api/users/:otherUser?depth=0', 404],
  ['admin', 'POST', '/api/users', 201, { check: created }],
  ['owner', 'POST', '/api/users', 201, { check: created }],
  ['cashier', 'POST', '/api/users', 403],
  ['other', 'POST', '/api/users', FOREIGN_CREATE],
  ['anon', 'POST', '/api/users', ANON],
  ['admin', 'PATCH', '/api/users/:cashierUser', 200, { check: updated }],
  ['owner', 'PATCH', '/api/users/:cashierUser', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/users/:cashierUser', 200, { check: updated }],
  ['cashier', 'PATCH', '/api/users/:ownerUser', [403, 404]],
  ['other', 'PATCH', '/api/users/:cashierUser', 404],
  ['anon', 'PATCH', '/api/users/:cashierUser', ANON],
  ['admin', 'DELETE', '/api/users/:new.user', 200, { check: goneAfter('users') }],
  ['owner', 'DELETE', '/api/users/:new.user', 200, { check: goneAfter('users') }],
  ['cashier', 'DELETE', '/api/users/:cashierUser', 403],
  ['cashier', 'DELETE', '/api/users/:new.user', [403, 404]],
  ['other', 'DELETE', '/api/users/:cashierUser', 404],
  ['anon', 'DELETE', '/api/users/:cashierUser', ANON],
]

/**
 * Reaching into the other store through a create or update of one's own: a record of store A
 * pointed at store B or at B's rows (or B's owner billing A's customer) is refused and unwritten.
 */
const REFUSED = [400, 403, 404] as const
const CROSS_STORE: Row[] = [
  ['other', 'POST', '/api/invoices', 404, { body: (f) => ({ store: f.storeB, customer: f.customer, items: [item(1_000)] }) }],
  ['other', 'POST', '/api/invoices', 404, { body: (f) => ({ store: f.storeB, customer: f.customer, items: [item(1_000)], status: 'open' }) }],
  ['other', 'POST', '/api/transactions', 404, { body: (f) => ({ store: f.storeB, type: 'income', kind: 'payment', amount: 100, method: 'cash', customer: f.customer }) }],
  [
    'other',
    'POST',
    '/api/transactions',
    404,
    { body: (f) => ({ store: f.storeB, type: 'income', kind: 'payment', amount: 100, method: 'cash', customer: f.customerB, invoice: f.openInvoice }) },
  ],
  ['owner', 'POST', '/api/invoices', 404, { body: (f) => ({ store: f.store, customer: f.customerB, items: [item(1_000)] }) }],
  ['owner', 'PATCH', '/api/invoices/:new.draft', REFUSED, { body: (f) => ({ customer: f.customerB }) }],
  ['owner', 'PATCH', '/api/invoices/:new.draft', REFUSED, { body: (f) => ({ store: f.storeB }) }],
  ['owner', 'PATCH', '/api/customers/:new.pendingCustomer', REFUSED, { body: (f) => ({ store: f.storeB }) }],
  ['owner', 'PATCH', '/api/bookings/:new.booking', REFUSED, { body: (f) => ({ store: f.storeB }) }],
  ['owner', 'PATCH', '/api/assets/:new.asset', REFUSED, { body: (f) => ({ store: f.storeB }) }],
  ['owner', 'PATCH', '/api/services/:new.service', REFUSED, { body: (f) => ({ store: f.storeB }) }],
  ['other', 'POST', '/api/services', REFUSED, { body: (f) => ({ store: f.store, name: 'Planted', price: 1, taxRate: 0 }) }],
  // a line naming the other store's catalogue entry is as unknown as a missing one
  ['owner', 'POST', '/api/invoices', 404, { body: (f) => ({ store: f.store, customer: f.customer, items: [{ service: f.serviceB, quantity: 1 }] }) }],
  ['owner', 'PATCH', '/api/users/:new.user', 403, { body: (f) => ({ stores: [f.storeB] }) }],
  ['owner', 'PATCH', '/api/users/:new.user', 403, { body: () => ({ role: 'admin' }) }],
  ['owner', 'PATCH', '/api/stores/:store', REFUSED, { body: () => ({ invoicePrefix: 'bad prefix' }) }],
]

// ---------------------------------------------------------------------------------------------
// The matrix: custom endpoints (anonymous → 401; a foreign id → 404)
// ---------------------------------------------------------------------------------------------

const CHECKOUT = (f: Fx) => ({ store: f.store, customer: f.customer, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] })
const MONEY = () => ({ amount: 100, method: 'cash' })
const RESOLVE = (f: Fx) => ({ store: f.store, phone: newPhone(), name: unique('Walk-in') })
const EMPTY = () => ({})
const METHOD = () => ({ method: 'upi' })
const SMALL = () => ({ amount: 100 })
const REASON = () => ({ reason: 'paid for another bill' })
const REFUND = () => ({ amount: 100, method: 'cash', reason: 'cancelled' })
const CREDIT = () => ({ amount: 100, reason: 'price corrected' })
/** The stores have no expiry policy: the run answers and expires nothing. */
const expiredNothing: Extra['check'] = (res) => expect(res.body.expired).toEqual([])

const statementOf: Extra['check'] = (res, f) => {
  expect(res.body.customer.id).toBe(f.customer)
  expect(res.body.closingBalance).toBe(res.body.customer.pendingBalance)
}
const taxOf: Extra['check'] = (res, f) => {
  expect(res.body.store.id).toBe(f.store)
  // store A is not registered for GST: its bills are bills of supply, counted apart
  expect(res.body.billsOfSupply.invoices).toBeGreaterThan(0)
}
const EMAIL = () => ({ email: 'matrix@example.com' })
const textOf =
  (expected: string): Extra['check'] =>
  (res) => {
    expect(String(res.body)).toContain(expected)
  }
const pdfOf: Extra['check'] = (res) => {
  expect(String(res.body).startsWith('%PDF-')).toBe(true)
}
const paymentsOf: Extra['check'] = (res) => {
  expect(res.body.docs.length).toBeGreaterThan(0)
}

const ENDPOINTS: Row[] = [
  ['admin', 'POST', '/api/pos/checkout', 201, { body: CHECKOUT }],
  ['owner', 'POST', '/api/pos/checkout', 201, { body: CHECKOUT }],
  ['cashier', 'POST', '/api/pos/checkout', 201, { body: CHECKOUT }],
  ['other', 'POST', '/api/pos/checkout', 404, { body: CHECKOUT }],
  ['other', 'POST', '/api/pos/checkout', 404, { body: (f) => ({ ...CHECKOUT(f), store: f.storeB }) }],
  ['other', 'POST', '/api/pos/checkout', 404, { body: (f) => ({ store: f.store, newCustomer: { phone: newPhone() }, items: [item(1_000)] }) }],
  ['anon', 'POST', '/api/pos/checkout', 401, { body: CHECKOUT }],
  // SPEC §12: a line from the catalogue — the store's own (201), the other store's (404)
  ['cashier', 'POST', '/api/pos/checkout', 201, { body: (f) => ({ ...CHECKOUT(f), items: [{ service: f.service }], payments: [] }) }],
  ['cashier', 'POST', '/api/pos/checkout', 404, { body: (f) => ({ ...CHECKOUT(f), items: [{ service: f.serviceB }], payments: [] }) }],
  ['other', 'POST', '/api/pos/checkout', 404, { body: (f) => ({ store: f.storeB, customer: f.customerB, items: [{ service: f.service }] }) }],

  ['admin', 'POST', '/api/customers/resolve', 201, { body: RESOLVE }],
  ['owner', 'POST', '/api/customers/resolve', 201, { body: RESOLVE }],
  ['cashier', 'POST', '/api/customers/resolve', 201, { body: RESOLVE }],
  ['other', 'POST', '/api/customers/resolve', 404, { body: RESOLVE }],
  ['other', 'POST', '/api/customers/resolve', 404, { body: (f) => ({ store: f.store, phone: phones.customer }) }],
  ['anon', 'POST', '/api/customers/resolve', 401, { body: RESOLVE }],

  ['admin', 'POST', '/api/customers/:customer/collect', 201, { body: MONEY }],
  ['owner', 'POST', '/api/customers/:customer/collect', 201, { body: MONEY }],
  ['cashier', 'POST', '/api/customers/:customer/collect', 201, { body: MONEY }],
  ['other', 'POST', '/api/customers/:customer/collect', 404, { body: MONEY }],
  ['anon', 'POST', '/api/customers/:customer/collect', 401, { body: MONEY }],

  ['admin', 'POST', '/api/customers/:customer/advances', 201, { body: MONEY }],
  ['owner', 'POST', '/api/customers/:customer/advances', 201, { body: MONEY }],
  ['cashier', 'POST', '/api/customers/:customer/advances', 201, { body: MONEY }],
  ['other', 'POST', '/api/customers/:customer/advances', 404, { body: MONEY }],
  ['anon', 'POST', '/api/customers/:customer/advances', 401, { body: MONEY }],

  ['admin', 'GET', '/api/customers/:customer/payments', 200, { check: paymentsOf }],
  ['owner', 'GET', '/api/customers/:customer/payments', 200, { check: paymentsOf }],
  ['cashier', 'GET', '/api/customers/:customer/payments', 200, { check: paymentsOf }],
  ['other', 'GET', '/api/customers/:customer/payments', 404],
  ['anon', 'GET', '/api/customers/:customer/payments', 401],

  ['admin', 'POST', '/api/customers/:customer/payments', 201, { body: MONEY }],
  ['owner', 'POST', '/api/customers/:customer/payments', 201, { body: MONEY }],
  ['cashier', 'POST', '/api/customers/:customer/payments', 201, { body: MONEY }],
  ['other', 'POST', '/api/customers/:customer/payments', 404, { body: MONEY }],
  ['anon', 'POST', '/api/customers/:customer/payments', 401, { body: MONEY }],

  ['admin', 'GET', '/api/customers/:customer/statement', 200, { check: statementOf }],
  ['owner', 'GET', '/api/customers/:customer/statement', 200, { check: statementOf }],
  ['cashier', 'GET', '/api/customers/:customer/statement', 200, { check: statementOf }],
  ['other', 'GET', '/api/customers/:customer/statement', 404],
  ['anon', 'GET', '/api/customers/:customer/statement', 401],

  ['admin', 'POST', '/api/invoices/:new.draft/post', 200, { body: EMPTY }],
  ['owner', 'POST', '/api/invoices/:new.draft/post', 200, { body: EMPTY }],
  ['cashier', 'POST', '/api/invoices/:draft/post', 403, { body: EMPTY }],
  ['other', 'POST', '/api/invoices/:draft/post', 404, { body: EMPTY }],
  ['anon', 'POST', '/api/invoices/:draft/post', 401, { body: EMPTY }],

  ['admin', 'POST', '/api/invoices/:openInvoice/payments', 201, { body: MONEY }],
  ['owner', 'POST', '/api/invoices/:openInvoice/payments', 201, { body: MONEY }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/payments', 403, { body: MONEY }],
  ['other', 'POST', '/api/invoices/:openInvoice/payments', 404, { body: MONEY }],
  ['anon', 'POST', '/api/invoices/:openInvoice/payments', 401, { body: MONEY }],

  ['admin', 'POST', '/api/invoices/:new.open/mark-paid', 201, { body: METHOD }],
  ['owner', 'POST', '/api/invoices/:new.open/mark-paid', 201, { body: METHOD }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/mark-paid', 403, { body: METHOD }],
  ['other', 'POST', '/api/invoices/:openInvoice/mark-paid', 404, { body: METHOD }],
  ['anon', 'POST', '/api/invoices/:openInvoice/mark-paid', 401, { body: METHOD }],

  ['admin', 'POST', '/api/invoices/:new.open/void', 200, { body: EMPTY }],
  ['owner', 'POST', '/api/invoices/:new.open/void', 200, { body: EMPTY }],
  ['cashier', 'POST', '/api/invoices/:invoice/void', 403, { body: EMPTY }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/void', 403, { body: EMPTY }],
  ['other', 'POST', '/api/invoices/:invoice/void', 404, { body: EMPTY }],
  ['anon', 'POST', '/api/invoices/:invoice/void', 401, { body: EMPTY }],

  // SPEC §9a: cashiers pay an invoice from the customer's deposits too
  ['admin', 'POST', '/api/invoices/:openInvoice/apply-advance', 201, { body: SMALL }],
  ['owner', 'POST', '/api/invoices/:openInvoice/apply-advance', 201, { body: SMALL }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/apply-advance', 201, { body: SMALL }],
  ['other', 'POST', '/api/invoices/:openInvoice/apply-advance', 404, { body: SMALL }],
  ['other', 'POST', '/api/invoices/:invoice/apply-advance', 404, { body: EMPTY }],
  ['cashier', 'POST', '/api/invoices/:invoiceB/apply-advance', 404, { body: SMALL }],
  ['anon', 'POST', '/api/invoices/:openInvoice/apply-advance', 401, { body: SMALL }],

  // SPEC §9a: only owners take a payment off an invoice
  ['admin', 'POST', '/api/allocations/:new.allocation/unapply', 201, { body: REASON }],
  ['owner', 'POST', '/api/allocations/:new.allocation/unapply', 201, { body: REASON }],
  ['cashier', 'POST', '/api/allocations/:allocation/unapply', 403, { body: REASON }],
  ['other', 'POST', '/api/allocations/:allocation/unapply', 404, { body: REASON }],
  ['owner', 'POST', '/api/allocations/:allocationB/unapply', 404, { body: REASON }],
  ['anon', 'POST', '/api/allocations/:allocation/unapply', 401, { body: REASON }],

  // SPEC §9, after the sale: owners only; another store's record answers like an unknown one
  ['admin', 'POST', '/api/advance-payments/:new.deposit/refund', 201, { body: REFUND }],
  ['owner', 'POST', '/api/advance-payments/:new.deposit/refund', 201, { body: REFUND }],
  ['cashier', 'POST', '/api/advance-payments/:deposit/refund', 403, { body: REFUND }],
  ['other', 'POST', '/api/advance-payments/:deposit/refund', 404, { body: REFUND }],
  ['owner', 'POST', '/api/advance-payments/:depositB/refund', 404, { body: REFUND }],
  ['anon', 'POST', '/api/advance-payments/:deposit/refund', 401, { body: REFUND }],
  ['admin', 'POST', '/api/advance-payments/expire', 200, { body: EMPTY, check: expiredNothing }],
  ['owner', 'POST', '/api/advance-payments/expire', 200, { body: EMPTY, check: expiredNothing }],
  ['owner', 'POST', '/api/advance-payments/expire', 200, { body: (f) => ({ store: f.store }), check: expiredNothing }],
  ['cashier', 'POST', '/api/advance-payments/expire', 403, { body: EMPTY }],
  ['other', 'POST', '/api/advance-payments/expire', 404, { body: (f) => ({ store: f.store }) }],
  ['anon', 'POST', '/api/advance-payments/expire', 401, { body: EMPTY }],
  ['admin', 'POST', '/api/invoices/:new.open/write-off', 201, { body: REASON }],
  ['owner', 'POST', '/api/invoices/:new.open/write-off', 201, { body: REASON }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/write-off', 403, { body: REASON }],
  ['other', 'POST', '/api/invoices/:openInvoice/write-off', 404, { body: REASON }],
  ['owner', 'POST', '/api/invoices/:invoiceB/write-off', 404, { body: REASON }],
  ['anon', 'POST', '/api/invoices/:openInvoice/write-off', 401, { body: REASON }],
  ['admin', 'POST', '/api/invoices/:openInvoice/credit-notes', 201, { body: CREDIT }],
  ['owner', 'POST', '/api/invoices/:openInvoice/credit-notes', 201, { body: CREDIT }],
  ['cashier', 'POST', '/api/invoices/:openInvoice/credit-notes', 403, { body: CREDIT }],
  ['other', 'POST', '/api/invoices/:openInvoice/credit-notes', 404, { body: CREDIT }],
  ['owner', 'POST', '/api/invoices/:invoiceB/credit-notes', 404, { body: CREDIT }],
  ['anon', 'POST', '/api/invoices/:openInvoice/credit-notes', 401, { body: CREDIT }],

  // reconciliation's match and the reversing entry (owner)
  ['admin', 'POST', '/api/transactions/:new.unmatchedPayment/match', 201, { body: (f) => ({ invoice: f.matchInvoice }) }],
  ['owner', 'POST', '/api/transactions/:new.unmatchedPayment/match', 201, { body: (f) => ({ invoice: f.matchInvoice }) }],
  ['cashier', 'POST', '/api/transactions/:transaction/match', 403, { body: (f) => ({ invoice: f.openInvoice }) }],
  ['other', 'POST', '/api/transactions/:transaction/match', 404, { body: (f) => ({ invoice: f.openInvoice }) }],
  // another store's invoice answers like an unknown one (issue 12, item 7)
  ['other', 'POST', '/api/transactions/:transactionB/match', 404, { body: (f) => ({ invoice: f.openInvoice }) }],
  ['anon', 'POST', '/api/transactions/:transaction/match', 401, { body: (f) => ({ invoice: f.openInvoice }) }],
  // SPEC §12: the month's tax (owners), JSON and CSV
  ['admin', 'GET', '/api/reports/tax?store=:store', 200, { check: taxOf }],
  ['owner', 'GET', '/api/reports/tax?store=:store', 200, { check: taxOf }],
  ['owner', 'GET', '/api/reports/tax?store=:store&format=csv&section=b2cs', 200],
  ['cashier', 'GET', '/api/reports/tax?store=:store', 403],
  ['cashier', 'GET', '/api/reports/tax?store=:store&format=csv', 403],
  ['other', 'GET', '/api/reports/tax?store=:store', 404],
  ['other', 'GET', '/api/reports/tax?store=:store&format=csv&section=b2b', 404],
  ['owner', 'GET', '/api/reports/tax?store=:storeB', 404],
  ['other', 'GET', '/api/reports/tax?store=:storeB', 200],
  ['anon', 'GET', '/api/reports/tax?store=:store', 401],

  ['admin', 'POST', '/api/transactions/:new.payment/reverse', 201, { body: REASON }],
  ['owner', 'POST', '/api/transactions/:new.payment/reverse', 201, { body: REASON }],
  ['cashier', 'POST', '/api/transactions/:transaction/reverse', 403, { body: REASON }],
  ['other', 'POST', '/api/transactions/:transaction/reverse', 404, { body: REASON }],
  ['anon', 'POST', '/api/transactions/:transaction/reverse', 401, { body: REASON }],

  // SPEC §10: receipts, PDFs, share links, email (owners), store settings
  ...(['admin', 'owner', 'cashier'] as const).flatMap((role): Row[] => [
    [role, 'GET', '/api/invoices/:invoice/receipt', 200, { check: textOf('PENDING BALANCE') }],
    [role, 'GET', '/api/invoices/:invoice/receipt?width=32&format=escpos', 200],
    [role, 'GET', '/api/invoices/:invoice/pdf', 200, { check: pdfOf }],
    [role, 'GET', '/api/customers/:customer/statement.pdf', 200, { check: pdfOf }],
    [role, 'POST', '/api/share-links', 201, { body: (f) => ({ document: 'invoice', id: f.invoice }) }],
    [role, 'POST', '/api/share-links', 201, { body: (f) => ({ document: 'statement', id: f.customer }) }],
    [role, 'DELETE', '/api/share-links/:new.shareLink', 200],
    [role, 'GET', '/api/share-links/:shareLink', 200],
    [role, 'PATCH', '/api/share-links/:shareLink', 403, { body: () => ({ expiresAt: '2099-01-01T00:00:00.000Z' }) }],
  ]),
  ['other', 'GET', '/api/invoices/:invoice/receipt', 404],
  ['other', 'GET', '/api/invoices/:invoice/pdf', 404],
  ['other', 'GET', '/api/customers/:customer/statement.pdf', 404],
  ['other', 'POST', '/api/share-links', 404, { body: (f) => ({ document: 'invoice', id: f.invoice }) }],
  ['other', 'POST', '/api/share-links', 404, { body: (f) => ({ document: 'statement', id: f.customer }) }],
  ['other', 'DELETE', '/api/share-links/:shareLink', 404],
  ['other', 'GET', '/api/share-links/:shareLink', 404],
  ['owner', 'GET', '/api/share-links/:shareLinkB', 404],
  ['owner', 'DELETE', '/api/share-links/:shareLinkB', 404],
  ['anon', 'GET', '/api/invoices/:invoice/receipt', 401],
  ['anon', 'GET', '/api/invoices/:invoice/pdf', 401],
  ['anon', 'GET', '/api/customers/:customer/statement.pdf', 401],
  ['anon', 'POST', '/api/share-links', 401, { body: (f) => ({ document: 'invoice', id: f.invoice }) }],
  ['anon', 'DELETE', '/api/share-links/:shareLink', 401],
  ['anon', 'GET', '/api/share-links/:shareLink', ANON],
  // Email: owners and admins (the SMTP server of this file takes the message), never cashiers.
  ['admin', 'POST', '/api/invoices/:invoice/email', 200, { body: EMAIL }],
  ['owner', 'POST', '/api/invoices/:invoice/email', 200, { body: EMAIL }],
  ['cashier', 'POST', '/api/invoices/:invoice/email', 403, { body: EMAIL }],
  ['other', 'POST', '/api/invoices/:invoice/email', 404, { body: EMAIL }],
  ['anon', 'POST', '/api/invoices/:invoice/email', 401, { body: EMAIL }],
  ['admin', 'POST', '/api/customers/:customer/statement/email', 200, { body: EMAIL }],
  ['owner', 'POST', '/api/customers/:customer/statement/email', 200, { body: EMAIL }],
  ['cashier', 'POST', '/api/customers/:customer/statement/email', 403, { body: EMAIL }],
  ['other', 'POST', '/api/customers/:customer/statement/email', 404, { body: EMAIL }],
  ['anon', 'POST', '/api/customers/:customer/statement/email', 401, { body: EMAIL }],
  // The owner edits what customers see of the store; a cashier cannot; another store's owner does not see it.
  ['owner', 'PATCH', '/api/stores/:store', 200, { body: () => ({ address: '1 Main Road', phone: '+91 80 1234 5678', upiId: 'shop@okaxis' }) }],
  ['cashier', 'PATCH', '/api/stores/:store', 403, { body: () => ({ upiId: 'thief@okaxis' }) }],
  ['other', 'PATCH', '/api/stores/:store', [403, 404], { body: () => ({ upiId: 'thief@okaxis' }) }],
]

// ---------------------------------------------------------------------------------------------
// Running a row
// ---------------------------------------------------------------------------------------------

const statuses = (expected: Expected) => (typeof expected === 'number' ? [expected] : [...expected])

/** Everything a refused request must leave as it was: row counts and the targeted record. */
async function snapshot(path: string) {
  const counts = Object.fromEntries(
    await Promise.all([...SLUGS, ...DOCUMENT_SLUGS].map(async (slug) => [slug, (await payload.count({ collection: slug, overrideAccess: true })).totalDocs])),
  )
  const match = path.match(/^\/api\/([a-z-]+)\/(\d+)/)
  const slug = match?.[1] as Slug | undefined
  const target =
    slug && (SLUGS as readonly string[]).includes(slug)
      ? await payload.findByID({ collection: slug, id: Number(match![2]), overrideAccess: true, depth: 0, disableErrors: true })
      : undefined
  return { counts, target }
}

function slugOf(path: string) {
  return path.split('?')[0]!.split('/')[2]!
}

async function run([role, method, template, expected, extra]: Row) {
  const path = await resolvePath(template)
  const slug = slugOf(path)
  const bodyOf = extra?.body ?? (method === 'POST' || method === 'PATCH' ? BODIES[`${method} ${slug}`] : undefined)
  const body = bodyOf?.(fx)
  const before = await snapshot(path)
  const res = await world.api.request(method, path, { token: tokenOf(role), body })
  const allowed = statuses(expected)
  expect(allowed, `${role} ${method} ${path} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`).toContain(res.status)

  if (res.status >= 400) {
    expect(res.body?.errors?.[0]?.message, `Payload error shape: ${JSON.stringify(res.body)}`).toEqual(expect.any(String))
    const text = JSON.stringify(res.body)
    expect(text, 'a refused request must not leak the customer').not.toContain(phones.customer)
    expect(await snapshot(path), `${role} ${method} ${path} was refused but changed the database`).toEqual(before)
  }
  await extra?.check?.(res, fx, role)
}

const title = ([role, method, path, expected]: Row) => `${role.padEnd(7)} ${method.padEnd(6)} ${path} → ${statuses(expected).join('|')}`

describe('REST collections × role × operation (SPEC §4, §5)', () => {
  it.each(REST.map((row) => [title(row), row] as const))('%s', async (_title, row) => {
    await run(row)
  })
})

describe('no route reaches into the other store (SPEC §5)', () => {
  it.each(CROSS_STORE.map((row) => [`${title(row)} ${JSON.stringify(row[4]?.body?.(new Proxy({}, { get: (_t, key) => `:${String(key)}` })))}`, row] as const))(
    '%s',
    async (_title, row) => {
      await run(row)
    },
  )
})

describe('custom endpoints × role (SPEC §4, §5)', () => {
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp.close()
  })

  it.each(ENDPOINTS.map((row) => [title(row), row] as const))('%s', async (_title, row) => {
    await run(row)
  })
})

/** SPEC §9 opening balances: a multipart upload, owners of the store only; refusals write nothing. */
const IMPORTS: readonly [role: Role, store: 'store' | 'storeB', expected: number][] = [
  ['admin', 'store', 200],
  ['owner', 'store', 200],
  ['cashier', 'store', 403],
  ['other', 'store', 404],
  ['owner', 'storeB', 404],
  ['anon', 'store', 401],
]

describe('POST /api/customers/import × role (SPEC §9, multipart)', () => {
  it.each(IMPORTS.map((row) => [`${row[0].padEnd(7)} POST   /api/customers/import?store=:${row[1]} → ${row[2]}`, row] as const))('%s', async (_title, [role, store, expected]) => {
    const path = `/api/customers/import?store=${fx[store]}`
    const before = await snapshot(path)
    const res = await world.api.upload(path, { token: tokenOf(role), content: `name,phone,pending,advance,notes\nMatrix import,${newPhone()},100,50,\n` })
    expect(res.status, JSON.stringify(res.body)).toBe(expected)
    if (expected === 200) expect(res.body).toMatchObject({ created: 1, updated: 0, skipped: 0, errors: [] })
    else {
      expect(res.body?.errors?.[0]?.message).toEqual(expect.any(String))
      expect(await snapshot(path)).toEqual(before)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Derived fields are never written by clients (SPEC §2, §5)
// ---------------------------------------------------------------------------------------------

const CUSTOMER_DERIVED = {
  pendingBalance: 1,
  advanceBalance: 2,
  totalBilled: 3,
  totalPaid: 4,
  visits: 99,
  lastVisitAt: '2001-01-01T00:00:00.000Z',
  servicesCount: 5,
  activeRentals: 6,
  unmatchedCredit: 7,
}
const INVOICE_DERIVED = {
  number: 'HACK-00-0001',
  subtotal: 1,
  total: 1,
  amountPaid: 999_999,
  amountDue: 0,
  postedAt: '2001-01-01T00:00:00.000Z',
  // SPEC §12: the tax is worked out from the lines, never taken from the client
  taxTotal: 5,
  cgst: 3,
  sgst: 2,
  igst: 7,
  taxTreatment: 'inter',
  supplierGstin: '27AAPFU0939F1ZV',
  customerGstin: '29AAGCB7383J1Z4',
  placeOfSupply: '29',
}
const DEPOSIT_DERIVED = { status: 'refunded', utilizedAmount: 1, refundedAmount: 1, reversedAmount: 1, remainingAmount: 999_999, fromPayment: 1 }

type DerivedRow = readonly [role: Role, method: 'PATCH' | 'POST', path: string, body: (f: Fx) => Record<string, unknown>, fields: readonly string[], expected: Expected]

/** The named fields, relationships reduced to their ids (responses are populated, the Local API read is not). */
const pick = (doc: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(
    fields.map((field) => {
      const value = doc[field] ?? null
      return [field, value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value]
    }),
  )

/** PATCH: the fields keep their stored values. POST: they hold what the server derives, not what was sent. */
const DERIVED: DerivedRow[] = [
  ['admin', 'PATCH', '/api/customers/:customer', () => ({ ...CUSTOMER_DERIVED, notes: 'derived?' }), Object.keys(CUSTOMER_DERIVED), 200],
  ['owner', 'PATCH', '/api/customers/:customer', () => ({ ...CUSTOMER_DERIVED, notes: 'derived?' }), Object.keys(CUSTOMER_DERIVED), 200],
  ['cashier', 'PATCH', '/api/customers/:customer', () => ({ ...CUSTOMER_DERIVED }), Object.keys(CUSTOMER_DERIVED), 403],
  ['admin', 'PATCH', '/api/invoices/:invoice', () => ({ ...INVOICE_DERIVED, notes: 'derived?' }), Object.keys(INVOICE_DERIVED), 200],
  ['owner', 'PATCH', '/api/invoices/:invoice', () => ({ ...INVOICE_DERIVED, notes: 'derived?' }), Object.keys(INVOICE_DERIVED), 200],
  ['owner', 'PATCH', '/api/invoices/:openInvoice', () => ({ amountDue: 0, amountPaid: 50_000_000 }), ['amountDue', 'amountPaid', 'status'], 200],
  ['owner', 'PATCH', '/api/invoices/:draft', () => ({ ...INVOICE_DERIVED }), Object.keys(INVOICE_DERIVED), 200],
  ['admin', 'PATCH', '/api/advance-payments/:deposit', () => ({ ...DEPOSIT_DERIVED }), Object.keys(DEPOSIT_DERIVED), [200, 400, 403]],
  ['owner', 'PATCH', '/api/advance-payments/:deposit', () => ({ ...DEPOSIT_DERIVED }), Object.keys(DEPOSIT_DERIVED), [200, 400, 403]],
  // "cashier … cannot edit any money field"; a booking's customer is filled in by the server
  [
    'cashier',
    'PATCH',
    '/api/bookings/:booking',
    (f) => ({ advanceAmount: 777_700, paymentMode: 'cash', customer: f.customerB }),
    ['advanceAmount', 'customer', 'advancePayment'],
    [200, 400, 403],
  ],
  ['owner', 'PATCH', '/api/bookings/:booking', (f) => ({ customer: f.customerB, advancePayment: f.depositB }), ['customer', 'advancePayment'], 200],
  ['admin', 'PATCH', '/api/transactions/:transaction', () => ({ createdBy: 1, reversalOf: 1 }), ['createdBy', 'reversalOf', 'amount'], 403],
]

describe('derived fields are not writable: a PATCH that sets them leaves them unchanged', () => {
  it.each(DERIVED.map((row) => [`${row[0].padEnd(7)} ${row[1]} ${row[2]} {${row[4].join(', ')}}`, row] as const))('%s', async (_title, row) => {
    const [role, method, template, bodyOf, fields, expected] = row
    const path = await resolvePath(template)
    const [, , slug, id] = path.split('/')
    const read = async () => (await payload.findByID({ collection: slug as Slug, id: Number(id), overrideAccess: true, depth: 0 })) as unknown as Record<string, unknown>
    const before = pick(await read(), fields)
    const res = await world.api.request(method, path, { token: tokenOf(role), body: bodyOf(fx) })
    expect(statuses(expected), JSON.stringify(res.body)).toContain(res.status)
    expect(pick(await read(), fields)).toEqual(before)
    if (res.status === 200) expect(pick(res.body.doc, fields), 'the response shows the stored values').toEqual(before)
  })
})

describe('derived fields are not writable: a POST that sets them gets the derived values', () => {
  it.each(['admin', 'owner', 'cashier'] as const)('%s POST /api/customers with balances → all zero', async (role) => {
    const res = await world.api.post('/api/customers', {
      token: tokenOf(role),
      body: { store: fx.store, name: unique('Sneaky'), phone: newPhone(), ...CUSTOMER_DERIVED },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const stored = await payload.findByID({ collection: 'customers', id: res.body.doc.id, overrideAccess: true, depth: 0 })
    for (const doc of [res.body.doc, stored]) {
      expect(doc).toMatchObject({ pendingBalance: 0, advanceBalance: 0, totalBilled: 0, totalPaid: 0, visits: 0, servicesCount: 0, activeRentals: 0, unmatchedCredit: 0 })
      expect(doc.lastVisitAt ?? null).toBeNull()
    }
  })

  it.each(['admin', 'owner'] as const)('%s POST /api/invoices with totals → totals computed from the items', async (role) => {
    const res = await world.api.post('/api/invoices', {
      token: tokenOf(role),
      body: { store: fx.store, customer: fx.customer, items: [item(4_000), item(6_000)], ...INVOICE_DERIVED },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const stored = await payload.findByID({ collection: 'invoices', id: res.body.doc.id, overrideAccess: true, depth: 0 })
    for (const doc of [res.body.doc, stored]) {
      expect(doc).toMatchObject({
        subtotal: 10_000,
        total: 10_000,
        amountPaid: 0,
        amountDue: 10_000,
        status: 'draft',
        taxTotal: 0,
        cgst: 0,
        sgst: 0,
        igst: 0,
        taxTreatment: 'unregistered',
      })
      expect(doc.supplierGstin ?? null).toBeNull()
      expect(doc.customerGstin ?? null).toBeNull()
      expect(doc.number ?? null).toBeNull()
      expect(doc.postedAt ?? null).toBeNull()
    }
  })

  it.each(['admin', 'owner'] as const)('%s POST /api/invoices posted at once with amountPaid → owed in full', async (role) => {
    const res = await world.api.post('/api/invoices', {
      token: tokenOf(role),
      body: { store: fx.store, customer: fx.customer, items: [item(7_000)], status: 'open', amountPaid: 7_000, amountDue: 0, total: 1 },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc).toMatchObject({ total: 7_000, amountPaid: 0, amountDue: 7_000, status: 'open' })
    expect(res.body.doc.number).toMatch(/^SAL-\d{2}-\d{4}$/)
  })

  it.each(['admin', 'owner'] as const)('%s POST /api/transactions with createdBy / reversalOf → server-filled', async (role) => {
    const res = await world.api.post('/api/transactions', {
      token: tokenOf(role),
      body: { store: fx.store, type: 'expense', kind: 'expense', amount: 1_000, method: 'cash', createdBy: fx.otherUser, reversalOf: fx.transactionB },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const stored = await payload.findByID({ collection: 'transactions', id: res.body.doc.id, overrideAccess: true, depth: 0 })
    expect(stored.createdBy).not.toBe(fx.otherUser)
    expect(stored.reversalOf ?? null).toBeNull()
  })

  it.each(['owner', 'cashier'] as const)('%s POST /api/bookings naming another customer → the server resolves it by phone', async (role) => {
    const res = await world.api.post('/api/bookings', {
      token: tokenOf(role),
      body: { store: fx.store, kind: 'enquiry', phone: phones.customer, customerName: 'Same person', customer: fx.customerB, advancePayment: fx.depositB },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const stored = await payload.findByID({ collection: 'bookings', id: res.body.doc.id, overrideAccess: true, depth: 0 })
    expect(stored.customer).toBe(fx.customer)
    expect(stored.advancePayment ?? null).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------
// GraphQL: the same scope, the same append-only ledger
// ---------------------------------------------------------------------------------------------

const GQL: Record<Slug, { many: string; one: string; update: string; del: string }> = {
  customers: { many: 'Customers', one: 'Customer', update: 'updateCustomer', del: 'deleteCustomer' },
  invoices: { many: 'Invoices', one: 'Invoice', update: 'updateInvoice', del: 'deleteInvoice' },
  transactions: { many: 'Transactions', one: 'Transaction', update: 'updateTransaction', del: 'deleteTransaction' },
  allocations: { many: 'Allocations', one: 'Allocation', update: 'updateAllocation', del: 'deleteAllocation' },
  'advance-payments': { many: 'AdvancePayments', one: 'AdvancePayment', update: 'updateAdvancePayment', del: 'deleteAdvancePayment' },
  'advance-utilizations': { many: 'AdvanceUtilizations', one: 'AdvanceUtilization', update: 'updateAdvanceUtilization', del: 'deleteAdvanceUtilization' },
  'credit-notes': { many: 'CreditNotes', one: 'CreditNote', update: 'updateCreditNote', del: 'deleteCreditNote' },
  bookings: { many: 'Bookings', one: 'Booking', update: 'updateBooking', del: 'deleteBooking' },
  assets: { many: 'Assets', one: 'Asset', update: 'updateAsset', del: 'deleteAsset' },
  services: { many: 'Services', one: 'Service', update: 'updateService', del: 'deleteService' },
  stores: { many: 'Stores', one: 'Store', update: 'updateStore', del: 'deleteStore' },
  users: { many: 'Users', one: 'User', update: 'updateUser', del: 'deleteUser' },
}

const GQL_LISTS: (readonly [Role, Slug])[] = (['admin', 'owner', 'cashier', 'other'] as const).flatMap((role) => SLUGS.map((slug) => [role, slug] as const))
const GQL_FOREIGN_READS: (readonly [Role, Slug, string])[] = [
  ...SLUGS.filter((slug) => slug !== 'users').map((slug) => ['other', slug, OWN[slug].A[0]!] as const),
  ['other', 'users', 'cashierUser'],
  ...SLUGS.filter((slug) => slug !== 'users').map((slug) => ['cashier', slug, OWN[slug].B[0]!] as const),
  ['cashier', 'transactions', 'expense'],
]

type GqlMutation = readonly [role: Role, slug: Slug, kind: 'update' | 'delete', target: string, data: string]
const LEDGER_MUTATIONS: GqlMutation[] = (['admin', 'owner', 'cashier', 'other', 'anon'] as const).flatMap((role) => [
  [role, 'transactions', 'update', 'transaction', '{ amount: 1, notes: "rewritten" }'] as const,
  [role, 'transactions', 'update', 'expense', '{ notes: "rewritten" }'] as const,
  [role, 'transactions', 'delete', 'transaction', ''] as const,
  [role, 'allocations', 'update', 'allocation', '{ amount: 1 }'] as const,
  [role, 'allocations', 'delete', 'allocation', ''] as const,
  [role, 'advance-utilizations', 'update', 'utilization', '{ amount: 1 }'] as const,
  [role, 'advance-utilizations', 'delete', 'utilization', ''] as const,
  [role, 'credit-notes', 'update', 'creditNote', '{ amount: 1 }'] as const,
  [role, 'credit-notes', 'delete', 'creditNote', ''] as const,
])
const OTHER_MUTATIONS: GqlMutation[] = [
  ['other', 'customers', 'update', 'customer', '{ name: "Taken over" }'],
  ['other', 'customers', 'delete', 'customer', ''],
  ['other', 'invoices', 'update', 'invoice', '{ status: void }'],
  ['other', 'bookings', 'delete', 'booking', ''],
  ['other', 'stores', 'update', 'store', '{ name: "Taken over" }'],
  ['other', 'services', 'update', 'service', '{ price: 1 }'],
  ['cashier', 'services', 'update', 'service', '{ price: 1 }'],
  ['cashier', 'services', 'delete', 'service', ''],
  ['cashier', 'customers', 'update', 'customer', '{ name: "Renamed by cashier" }'],
  ['cashier', 'customers', 'delete', 'customer', ''],
  ['cashier', 'invoices', 'update', 'invoice', '{ status: void }'],
  ['cashier', 'invoices', 'update', 'openInvoice', '{ status: paid }'],
  ['cashier', 'invoices', 'update', 'draft', '{ notes: "edited" }'],
]

describe('GraphQL', () => {
  it.each(GQL_LISTS.map(([role, slug]) => [`${role.padEnd(7)} { ${GQL[slug].many} } sees only its stores' rows`, role, slug] as const))('%s', async (_title, role, slug) => {
    const { status, body } = await world.api.graphql(`{ ${GQL[slug].many}(limit: 1000) { totalDocs docs { id } } }`, tokenOf(role))
    expect(status).toBe(200)
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    expect(body.data[GQL[slug].many].totalDocs).toBeLessThan(1000)
    expectSeesExactly(
      role,
      slug,
      body.data[GQL[slug].many].docs.map((doc: { id: number }) => doc.id),
    )
  })

  it.each(SLUGS.map((slug) => [`anon    { ${GQL[slug].many} } gets no rows`, slug] as const))('%s', async (_title, slug) => {
    const { body } = await world.api.graphql(`{ ${GQL[slug].many}(limit: 1000) { docs { id } } }`)
    expect(body.data?.[GQL[slug].many]?.docs ?? []).toEqual([])
    expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
  })

  it.each(
    (['other', 'cashier'] as const).flatMap((role) =>
      SLUGS.filter((slug) => slug !== 'stores' && slug !== 'users').map(
        (slug) => [`${role.padEnd(7)} { ${GQL[slug].many}(where: store = ${role === 'other' ? 'A' : 'B'}) } is empty`, role, slug] as const,
      ),
    ),
  )('%s', async (_title, role, slug) => {
    const store = role === 'other' ? fx.store : fx.storeB
    const { body } = await world.api.graphql(`{ ${GQL[slug].many}(where: { store: { equals: ${store} } }, limit: 1000) { docs { id } } }`, tokenOf(role))
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    expect(body.data[GQL[slug].many].docs).toEqual([])
  })

  it('cashier { Transactions(where: type = expense) } is empty', async () => {
    const { body } = await world.api.graphql('{ Transactions(where: { type: { equals: expense } }, limit: 1000) { docs { id type } } }', tokenOf('cashier'))
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    expect(body.data.Transactions.docs).toEqual([])
  })

  it.each(GQL_FOREIGN_READS.map(([role, slug, target]) => [`${role.padEnd(7)} { ${GQL[slug].one}(id: ${target}) } is not found`, role, slug, target] as const))(
    '%s',
    async (_title, role, slug, target) => {
      const { body } = await world.api.graphql(`{ ${GQL[slug].one}(id: ${fx[target]}) { id } }`, tokenOf(role))
      expect(body.data?.[GQL[slug].one] ?? null).toBeNull()
      expect(body.errors?.[0]?.message).toMatch(/not found/i)
    },
  )

  it.each(
    [...LEDGER_MUTATIONS, ...OTHER_MUTATIONS].map(
      ([role, slug, kind, target, data]) =>
        [`${role.padEnd(7)} ${kind === 'update' ? GQL[slug].update : GQL[slug].del}(${target}) is refused`, role, slug, kind, target, data] as const,
    ),
  )('%s', async (_title, role, slug, kind, target, data) => {
    const id = fx[target]!
    const name = kind === 'update' ? GQL[slug].update : GQL[slug].del
    const args = kind === 'update' ? `id: ${id}, data: ${data}` : `id: ${id}`
    const before = await snapshot(`/api/${slug}/${id}`)
    const { body } = await world.api.graphql(`mutation { ${name}(${args}) { id } }`, tokenOf(role))
    expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0)
    expect(body.data?.[name] ?? null).toBeNull()
    if (role === 'other') expect(body.errors[0].message).toMatch(/not found|not allowed/i)
    expect(await snapshot(`/api/${slug}/${id}`), `${role} ${name} changed the database`).toEqual(before)
  })

  it.each(['admin', 'owner'] as const)('%s updateCustomer({pendingBalance, advanceBalance, totalPaid}) leaves them unchanged', async (role) => {
    const read = async () => pick((await payload.findByID({ collection: 'customers', id: fx.customer!, overrideAccess: true, depth: 0 })) as never, Object.keys(CUSTOMER_DERIVED))
    const before = await read()
    const { body } = await world.api.graphql(
      `mutation { updateCustomer(id: ${fx.customer}, data: { pendingBalance: 1, advanceBalance: 2, totalPaid: 3, totalBilled: 4, visits: 5, notes: "gql" }) { id pendingBalance advanceBalance } }`,
      tokenOf(role),
    )
    expect(await read()).toEqual(before)
    if (body.data?.updateCustomer) {
      expect(body.data.updateCustomer).toMatchObject({ pendingBalance: before.pendingBalance, advanceBalance: before.advanceBalance })
    }
  })

  it.each(['admin', 'owner'] as const)('%s updateInvoice({amountPaid, amountDue, total}) leaves them unchanged', async (role) => {
    const fields = ['amountPaid', 'amountDue', 'total', 'status']
    const read = async () => pick((await payload.findByID({ collection: 'invoices', id: fx.invoice!, overrideAccess: true, depth: 0 })) as never, fields)
    const before = await read()
    await world.api.graphql(`mutation { updateInvoice(id: ${fx.invoice}, data: { amountPaid: 1, amountDue: 0, total: 1, notes: "gql" }) { id } }`, tokenOf(role))
    expect(await read()).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------
// Holes found by an outside probe (issue 12): each block failed before its fix
// ---------------------------------------------------------------------------------------------

/** Store-local "today" of the matrix's stores (Asia/Kolkata). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: world?.store.timezone ?? 'Asia/Kolkata' }).format(new Date())

/** Store A's owner-side rows: a payable partly paid by an expense, a card with a statement. */
async function seedOwnerRows() {
  const month = today().slice(0, 7)
  const payable = await ok(
    world.api.post('/api/payment-statuses', {
      token: world.tokens.owner,
      body: { store: fx.store, name: unique('Shop rent'), paymentType: 'fixed', monthYear: month, dueDate: `${month}-28T12:00:00.000Z`, expectedAmount: 500_000 },
    }),
    201,
  )
  fx.payable = payable.doc.id
  await ok(
    world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: fx.store, type: 'expense', kind: 'expense', amount: 100_000, method: 'bank_transfer', paymentStatus: fx.payable },
    }),
    201,
  )
  const card = await ok(
    world.api.post('/api/credit-cards', {
      token: world.tokens.owner,
      body: { store: fx.store, name: 'HDFC', last4: '4242', cardholder: 'Owner A', closingDay: 31, dueDay: 10 },
    }),
    201,
  )
  fx.card = card.doc.id
  const charge = await ok(
    world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: fx.store, type: 'expense', kind: 'expense', amount: 7_000, method: 'credit_card', creditCard: fx.card },
    }),
    201,
  )
  fx.statement = typeof charge.doc.creditCardInvoice === 'object' ? charge.doc.creditCardInvoice.id : charge.doc.creditCardInvoice
  const timesheet = await ok(
    world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: fx.store, customer: fx.customer, kind: 'timesheet', asset: fx.asset, hours: 2, status: 'open' },
    }),
    201,
  )
  fx.timesheet = timesheet.doc.id
}

const payableOfA = async () => {
  const doc = await payload.findByID({ collection: 'payment-statuses', id: fx.payable!, overrideAccess: true, depth: 0 })
  return { amountPaid: doc.amountPaid, status: doc.status }
}
const paymentOfB = (f: Fx, links: Record<string, number | undefined>) => ({
  store: f.storeB,
  type: 'income',
  kind: 'payment',
  amount: 100,
  method: 'cash',
  customer: f.customerB,
  ...links,
})
const paymentOfA = (f: Fx, links: Record<string, number | undefined>) => ({
  store: f.store,
  type: 'income',
  kind: 'payment',
  amount: 100,
  method: 'cash',
  customer: f.customer,
  ...links,
})

/** The relation's error names it. */
const names =
  (field: string): Extra['check'] =>
  (res) =>
    expect(JSON.stringify(res.body), `the error names ${field}`).toContain(field)

describe('issue 12 #1: every relation a client sends names a record of its own store and of a kind it allows', () => {
  beforeAll(seedOwnerRows)

  const LINKS: Row[] = [
    // store B's owner, paying into store B, linking store A's rows: answered as unknown ids
    ['other', 'POST', '/api/transactions', 404, { body: (f) => paymentOfB(f, { paymentStatus: f.payable }), check: names('paymentStatus') }],
    ['other', 'POST', '/api/transactions', 404, { body: (f) => paymentOfB(f, { advancePayment: f.deposit }), check: names('advancePayment') }],
    ['other', 'POST', '/api/transactions', 404, { body: (f) => paymentOfB(f, { creditCard: f.card }), check: names('creditCard') }],
    ['other', 'POST', '/api/transactions', 404, { body: (f) => paymentOfB(f, { creditCardInvoice: f.statement }), check: names('creditCardInvoice') }],
    ['other', 'POST', '/api/transactions', 404, { body: (f) => paymentOfB(f, { paymentStatus: 999_999 }), check: names('paymentStatus') }],
    [
      'other',
      'POST',
      '/api/transactions',
      404,
      {
        body: (f) => ({ store: f.storeB, type: 'expense', kind: 'expense', amount: 100, method: 'cash', paymentStatus: f.payable }),
        check: names('paymentStatus'),
      },
    ],
    // store A's own rows, but of a kind the relation does not allow: payables are paid by expenses
    ['owner', 'POST', '/api/transactions', 400, { body: (f) => paymentOfA(f, { paymentStatus: f.payable }), check: names('paymentStatus') }],
    ['owner', 'POST', '/api/transactions', 400, { body: (f) => paymentOfA(f, { creditCardInvoice: f.statement }), check: names('creditCardInvoice') }],
    ['owner', 'POST', '/api/transactions', 400, { body: (f) => paymentOfA(f, { creditCard: f.card }), check: names('creditCard') }],
    ['owner', 'POST', '/api/transactions', 400, { body: (f) => paymentOfA(f, { advancePayment: f.deposit }), check: names('advancePayment') }],
    ['admin', 'POST', '/api/transactions', 400, { body: (f) => paymentOfB(f, { paymentStatus: f.payable }), check: names('paymentStatus') }],
    // a timesheet's asset, a payable's statement: the same rule on other collections
    [
      'other',
      'POST',
      '/api/invoices',
      404,
      { body: (f) => ({ store: f.storeB, customer: f.customerB, kind: 'timesheet', asset: f.asset, hours: 1, rate: 100 }), check: names('asset') },
    ],
    [
      'other',
      'POST',
      '/api/payment-statuses',
      404,
      {
        body: (f) => ({
          store: f.storeB,
          name: 'Their card',
          paymentType: 'credit_card',
          monthYear: today().slice(0, 7),
          dueDate: `${today()}T12:00:00.000Z`,
          creditCardInvoice: f.statement,
        }),
        check: names('creditCardInvoice'),
      },
    ],
  ]

  it.each(LINKS.map((row) => [`${title(row)} ${JSON.stringify(row[4]?.body?.(new Proxy({}, { get: (_t, key) => `:${String(key)}` })))}`, row] as const))(
    '%s',
    async (_title, row) => {
      const before = await payableOfA()
      await run(row)
      expect(await payableOfA(), "store A's payable is untouched").toEqual(before)
    },
  )

  it("store A's rent stays as its own expense left it: 100,000 of 500,000, partial", async () => {
    expect(await payableOfA()).toEqual({ amountPaid: 100_000, status: 'partial' })
    await expectLedgerClean()
  })
})

describe('issue 12 #4: only admins, and owners for their own stores’ users, unlock an account', () => {
  const lockOut = async (email: string) => {
    for (let i = 0; i < 5; i++) await world.api.post('/api/users/login', { body: { email, password: 'wrong-password' } })
  }
  const canLogIn = async (email: string) => (await world.api.post('/api/users/login', { body: { email, password: 'test-pass-123' } })).status === 200

  it.each([
    ['cashier', 403, false],
    ['other', 403, false],
    ['anon', 401, false],
    ['owner', 200, true],
    ['admin', 200, true],
  ] as const)('%s POST /api/users/unlock {a locked cashier of store A} → %i', async (role, status, unlocked) => {
    const user = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { name: 'Locked', email: `${unique('locked')}@test.tally`.toLowerCase(), password: 'test-pass-123', role: 'cashier', stores: [fx.store!] },
    })
    await lockOut(user.email)
    expect(await canLogIn(user.email), 'locked before the unlock').toBe(false)
    const res = await world.api.post('/api/users/unlock', { token: tokenOf(role), body: { email: user.email } })
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(await canLogIn(user.email)).toBe(unlocked)
  })

  it("store A's owner cannot unlock an admin who shares the store", async () => {
    const admin = await payload.create({
      collection: 'users',
      overrideAccess: true,
      data: { name: 'Locked admin', email: `${unique('ladmin')}@test.tally`.toLowerCase(), password: 'test-pass-123', role: 'admin', stores: [fx.store!] },
    })
    await lockOut(admin.email)
    expect((await world.api.post('/api/users/unlock', { token: tokenOf('owner'), body: { email: admin.email } })).status).toBe(403)
    expect(await canLogIn(admin.email)).toBe(false)
  })
})

describe('issue 12 #5: the store of anything with ledger rows is fixed (422 naming store)', () => {
  beforeAll(async () => {
    if (fx.payable === undefined) await seedOwnerRows()
  })

  const storeIs =
    (slug: string, name: string, expected: 'store' | 'storeB'): Extra['check'] =>
    async () => {
      const doc = (await payload.findByID({ collection: slug as CollectionSlug, id: fx[name]!, overrideAccess: true, depth: 0 })) as unknown as { store: number }
      expect(doc.store).toBe(fx[expected])
    }
  const refusedNamingStore =
    (slug: string, name: string): Extra['check'] =>
    async (res, f, role) => {
      expect(res.body.errors[0].data?.field, JSON.stringify(res.body)).toBe('store')
      await storeIs(slug, name, 'store')!(res, f, role)
    }

  const MOVES: Row[] = [
    ['admin', 'PATCH', '/api/customers/:customer', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('customers', 'customer') }],
    ['admin', 'PATCH', '/api/credit-cards/:card', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('credit-cards', 'card') }],
    ['admin', 'PATCH', '/api/payment-statuses/:payable', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('payment-statuses', 'payable') }],
    ['admin', 'PATCH', '/api/assets/:asset', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('assets', 'asset') }],
    ['admin', 'PATCH', '/api/bookings/:booking', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('bookings', 'booking') }],
    ['admin', 'PATCH', '/api/invoices/:timesheet', 422, { body: (f) => ({ store: f.storeB }), check: refusedNamingStore('invoices', 'timesheet') }],
    // an owner moving a row to a store that is not theirs: refused as before (400), whatever its history
    ['owner', 'PATCH', '/api/customers/:customer', 400, { body: (f) => ({ store: f.storeB }), check: storeIs('customers', 'customer', 'store') }],
  ]

  it.each(MOVES.map((row) => [title(row), row] as const))('%s', async (_title, row) => {
    await run(row)
  })

  it('a customer without any bill, payment, deposit or booking may still be moved', async () => {
    const id = await FRESH.customer!()
    const res = await world.api.patch(`/api/customers/${id}`, { token: tokenOf('admin'), body: { store: fx.storeB } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await payload.findByID({ collection: 'customers', id, overrideAccess: true, depth: 0 })).store).toBe(fx.storeB)
  })

  it("store B never reads store A's bills in a customer's statement", async () => {
    const { body } = await world.api.get(`/api/customers/${fx.customer}/statement`, { token: tokenOf('other') })
    expect(JSON.stringify(body)).not.toMatch(/SAL-/)
    await expectLedgerClean()
  })
})

describe("issue 12 #6: document locks are the user's and the record's store's", () => {
  // a lock left behind would make later edits of the record answer 423
  afterEach(async () => {
    await payload.delete({ collection: 'payload-locked-documents', where: { id: { exists: true } }, overrideAccess: true })
  })
  const lockOn = (value: number, relationTo = 'customers') => ({ document: { relationTo, value }, user: { relationTo: 'users', value: fx.ownerUser } })
  const locks = async () => (await payload.find({ collection: 'payload-locked-documents', overrideAccess: true, depth: 0, limit: 1000 })).totalDocs

  it("store B's owner cannot lock store A's customer: 404, nothing written, A's owner still edits it", async () => {
    const before = await locks()
    const res = await world.api.post('/api/payload-locked-documents', { token: tokenOf('other'), body: lockOn(fx.customer!) })
    expect(res.status, JSON.stringify(res.body)).toBe(404)
    const unknown = await world.api.post('/api/payload-locked-documents', { token: tokenOf('other'), body: lockOn(999_999) })
    expect(unknown.status, 'a foreign id answers like an unknown one').toBe(404)
    expect(unknown.body).toEqual(res.body)
    expect(await locks()).toBe(before)
    expect((await world.api.patch(`/api/customers/${fx.customer}`, { token: tokenOf('owner'), body: { notes: unique('after') } })).status).toBe(200)
  })

  it("a cashier cannot lock what they may not edit; nobody locks in another user's name", async () => {
    expect((await world.api.post('/api/payload-locked-documents', { token: tokenOf('cashier'), body: lockOn(fx.customer!) })).status).toBe(403)
    const mine = await world.api.post('/api/payload-locked-documents', { token: tokenOf('owner'), body: lockOn(fx.customer!) })
    expect(mine.status, JSON.stringify(mine.body)).toBe(201)
    const stored = await payload.findByID({ collection: 'payload-locked-documents', id: mine.body.doc.id, overrideAccess: true, depth: 0 })
    expect(stored.user).toMatchObject({ relationTo: 'users', value: fx.ownerUser })
    // the lock is A's owner's own: their edit goes through, and they release it
    expect((await world.api.patch(`/api/customers/${fx.customer}`, { token: tokenOf('owner'), body: { notes: unique('mine') } })).status).toBe(200)
    const forged = await world.api.post('/api/payload-locked-documents', {
      token: tokenOf('admin'),
      body: { document: { relationTo: 'customers', value: fx.customer }, user: { relationTo: 'users', value: fx.otherUser } },
    })
    expect(forged.status, JSON.stringify(forged.body)).toBe(201)
    const forgedStored = await payload.findByID({ collection: 'payload-locked-documents', id: forged.body.doc.id, overrideAccess: true, depth: 0 })
    expect((forgedStored.user as { value: number }).value, 'a lock is always the requester’s').not.toBe(fx.otherUser)
  })

  it("store B's owner lists no lock of store A, and cannot release one", async () => {
    const mine = await world.api.post('/api/payload-locked-documents', { token: tokenOf('owner'), body: lockOn(fx.invoice!, 'invoices') })
    expect(mine.status, JSON.stringify(mine.body)).toBe(201)
    const listed = await world.api.get('/api/payload-locked-documents?limit=100&depth=1', { token: tokenOf('other') })
    expect(listed.status).toBe(200)
    expect(listed.body.docs.map((doc: { id: number }) => doc.id)).not.toContain(mine.body.doc.id)
    expect(JSON.stringify(listed.body)).not.toContain(`"value":${fx.invoice}`)
    expect((await world.api.get(`/api/payload-locked-documents/${mine.body.doc.id}`, { token: tokenOf('other') })).status).toBe(404)
    expect((await world.api.delete(`/api/payload-locked-documents/${mine.body.doc.id}`, { token: tokenOf('other') })).status).toBe(404)
    // A's owner and an admin see it (Payload's admin shows who is editing)
    const own = await world.api.get('/api/payload-locked-documents?limit=100&depth=0', { token: tokenOf('owner') })
    expect(own.body.docs.map((doc: { id: number }) => doc.id)).toContain(mine.body.doc.id)
    const admin = await world.api.get('/api/payload-locked-documents?limit=100&depth=0', { token: tokenOf('admin') })
    expect(admin.body.docs.map((doc: { id: number }) => doc.id)).toContain(mine.body.doc.id)
  })

  it("preferences are the user's own: another user neither reads nor overwrites them", async () => {
    const key = unique('pref')
    expect((await world.api.post(`/api/payload-preferences/${key}`, { token: tokenOf('owner'), body: { value: { columns: ['name'] } } })).status).toBe(200)
    const theirs = await world.api.get(`/api/payload-preferences/${key}`, { token: tokenOf('other') })
    expect(JSON.stringify(theirs.body)).not.toContain('columns')
    const listed = await world.api.get('/api/payload-preferences?limit=100', { token: tokenOf('other') })
    expect(JSON.stringify(listed.body)).not.toContain(key)
    await world.api.post(`/api/payload-preferences/${key}`, { token: tokenOf('other'), body: { value: { columns: ['hacked'] } } })
    const still = await world.api.get(`/api/payload-preferences/${key}`, { token: tokenOf('owner') })
    expect(still.body.value).toEqual({ columns: ['name'] })
  })
})

describe("issue 12 #7: another store's phone numbers cannot be enumerated", () => {
  let phoneOfA = ''
  beforeAll(async () => {
    const resolved = await ok(world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: fx.store, phone: newPhone(), name: unique('Known') } }), 201)
    phoneOfA = resolved.customer.phone
  })

  it('POST /api/customers into store A by B’s owner answers the same for a real and a random phone', async () => {
    const real = await world.api.post('/api/customers', { token: tokenOf('other'), body: { store: fx.store, name: 'Probe', phone: phoneOfA } })
    const random = await world.api.post('/api/customers', { token: tokenOf('other'), body: { store: fx.store, name: 'Probe', phone: newPhone() } })
    expect(real.status).toBe(400)
    expect(real.status).toBe(random.status)
    expect(real.body).toEqual(random.body)
    expect(JSON.stringify(real.body)).not.toMatch(/already exists/)
    // the control: in store A itself the phone is taken
    const own = await world.api.post('/api/customers', { token: tokenOf('owner'), body: { store: fx.store, name: 'Twin', phone: phoneOfA } })
    expect(JSON.stringify(own.body)).toMatch(/already exists/)
  })

  it('PATCH of own customer to A’s store phone by B’s owner leaks nothing either', async () => {
    const real = await world.api.patch(`/api/customers/${fx.customerB}`, { token: tokenOf('other'), body: { store: fx.store, phone: phoneOfA } })
    const random = await world.api.patch(`/api/customers/${fx.customerB}`, { token: tokenOf('other'), body: { store: fx.store, phone: newPhone() } })
    expect(real.status).toBe(random.status)
    expect(real.body).toEqual(random.body)
  })
})

describe('issue 12 #11: anonymous REST calls answer 401', () => {
  it.each(['/api/customers', '/api/invoices?limit=1', '/api/users/me', '/api/transactions?where[type][equals]=expense'])('GET %s', async (path) => {
    const res = await world.api.get(path)
    if (path === '/api/users/me') {
      expect(res.status).toBe(200) // Payload's "who am I": {user: null}
      expect(res.body.user).toBeNull()
      return
    }
    expect(res.status, JSON.stringify(res.body)).toBe(401)
    expect(res.body.errors[0].message).toMatch(/logged in/i)
  })
})
