/**
 * Auth hardening and query fuzzing: whatever `where`, `sort`, `depth` and `select` a client
 * sends, no role ever gets a 500 or a row of another store.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { createUser } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { checkoutAs, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
let foreignIds: Record<string, number[]>

const COLLECTIONS = ['customers', 'invoices', 'transactions', 'allocations', 'advance-payments', 'advance-utilizations', 'bookings', 'assets', 'credit-cards', 'credit-card-invoices', 'payment-statuses', 'stores', 'users'] as const
const FIELDS = ['id', 'store', 'name', 'phone', 'number', 'status', 'amount', 'total', 'amountDue', 'pendingBalance', 'customer', 'customer.name', 'customer.store', 'store.name', 'createdAt', 'role', 'email', 'type', 'kind', 'isClosed', 'nonexistent', 'password', 'hash', 'salt']
const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'like', 'contains', 'greater_than', 'less_than_equal', 'exists', 'near', 'all']

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'SEC' })
  // rows in the other store, which no fuzzed query may reveal to this store's users
  const payload = await testPayload()
  const otherCashier = await createUser(payload, 'cashier', [world.otherStore])
  const token = await world.api.login(otherCashier.email)
  const other = { ...world, store: world.otherStore, tokens: { ...world.tokens, cashier: token } }
  const customer = await newCustomer(other)
  const sale = await checkoutAs(other, token, { customer: customer.id, items: [{ description: 'Secret', quantity: 1, unitPrice: 1_000 }], payments: [{ method: 'cash', amount: 500 }] })
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
    expect(after.status).toBe(403)
  })

  it('locks an account after 5 failed logins', async () => {
    const user = await createUser(await testPayload(), 'cashier', [world.store])
    for (let i = 0; i < 5; i++) {
      expect((await world.api.post('/api/users/login', { body: { email: user.email, password: 'wrong-password' } })).status).toBe(401)
    }
    const locked = await world.api.post('/api/users/login', { body: { email: user.email, password: 'test-pass-123' } })
    expect(locked.status).toBe(401)
    expect(JSON.stringify(locked.body)).toMatch(/locked/i)
  })
})

describe('query fuzzing', () => {
  const query = fc.record({
    collection: fc.constantFrom(...COLLECTIONS),
    role: fc.constantFrom('admin', 'owner', 'cashier', 'otherOwner', 'anonymous'),
    field: fc.constantFrom(...FIELDS),
    operator: fc.constantFrom(...OPERATORS),
    value: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.string({ maxLength: 12 }), fc.constantFrom('true', 'null', '', "'; DROP TABLE customers; --", '%', '[object Object]')),
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
