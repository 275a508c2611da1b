/**
 * SPEC §11's endpoints and collections × role (access matrix), and bad input of every kind:
 * each refusal answers with the right status, names the field, and writes nothing (no
 * reminder, promise, contact or rule gained or lost, no customer or store changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import type { ApiResponse } from '../helpers/api'
import { storeDay, storeDaysAgo } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, newCustomer, newPhone, newWorld, type World } from '../helpers/world'

type Role = 'admin' | 'owner' | 'cashier' | 'other' | 'anon'
let world: World
const fx: Record<string, number> = {}
const tokenOf = (role: Role) => (role === 'anon' ? undefined : world.tokens[role === 'other' ? 'otherOwner' : role])
const item = (unitPrice: number) => ({ description: 'Service', quantity: 1, unitPrice })
const savedUrl = process.env.REMINDER_WEBHOOK_URL

async function counts() {
  const payload = await testPayload()
  const { rows } = await payload.db.drizzle.execute(sql`
    SELECT (SELECT count(*) FROM reminders)::int AS reminders, (SELECT count(*) FROM promises)::int AS promises,
           (SELECT count(*) FROM collection_contacts)::int AS contacts, (SELECT count(*) FROM reminder_rules)::int AS rules,
           (SELECT count(*) FROM reminder_attempts)::int AS attempts,
           (SELECT md5(string_agg(r::text, ',' ORDER BY r.id)) FROM reminders r WHERE r.store_id = ${world.store.id}) AS reminder_rows,
           (SELECT md5(c::text) FROM customers c WHERE c.id = ${fx.customer!}) AS customer_row,
           (SELECT md5(s::text) FROM stores s WHERE s.id = ${world.store.id}) AS store_row,
           (SELECT md5(string_agg(r::text, ',' ORDER BY r.id)) FROM reminder_rules r WHERE r.store_id = ${world.store.id}) AS rule_rows`)
  return rows[0]
}

beforeAll(async () => {
  // No provider: a reminder a test happens to send by SMS is skipped, never sent anywhere.
  delete process.env.REMINDER_WEBHOOK_URL
  world = await newWorld()
  const rule = await world.api.post('/api/reminder-rules', { token: world.tokens.owner, body: { store: world.store.id, offsetDays: 0, channel: 'manual' } })
  expect(rule.status, JSON.stringify(rule.body)).toBe(201)
  fx.rule = rule.body.doc.id
  const customer = await newCustomer(world)
  fx.customer = customer.id
  const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
  expect(sale.status).toBe(201)
  const payload = await testPayload()
  const { rows } = await payload.db.drizzle.execute(sql`SELECT id FROM reminders WHERE customer_id = ${customer.id}`)
  fx.reminder = Number(rows[0]!.id)
  const other = await world.api.post('/api/customers/resolve', { token: world.tokens.otherOwner, body: { store: world.otherStore.id, phone: newPhone(), name: 'Elsewhere' } })
  fx.customerB = other.body.customer.id
  const otherRule = await world.api.post('/api/reminder-rules', { token: world.tokens.otherOwner, body: { store: world.otherStore.id, offsetDays: 2, channel: 'email' } })
  fx.ruleB = otherRule.body.doc.id
})
afterAll(() => {
  if (savedUrl !== undefined) process.env.REMINDER_WEBHOOK_URL = savedUrl
})

async function call(role: Role, method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return world.api.request(
    method,
    path.replace(/:(\w+)/g, (_, name: string) => String(fx[name] ?? name)),
    { token: tokenOf(role), body },
  )
}

/** Every refusal: Payload's error shape, and nothing written. */
async function expectRefusedWithoutWrites(role: Role, method: string, path: string, body: unknown, expected: number | number[], field?: string) {
  const before = await counts()
  const res = await call(role, method, path, body)
  const allowed = Array.isArray(expected) ? expected : [expected]
  expect(allowed, `${role} ${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status)
  expect(Array.isArray(res.body?.errors), JSON.stringify(res.body)).toBe(true)
  if (field) expect(JSON.stringify(res.body.errors), `${method} ${path} names ${field}`).toContain(field)
  expect(await counts()).toEqual(before)
  return res
}

const promise = () => ({ amount: 10_000, date: storeDay(7) })
const contact = { kind: 'call', note: 'will pay on Friday' }
const rule = (store: 'A' | 'B') => () => ({ store: store === 'A' ? world.store.id : world.otherStore.id, offsetDays: 40, channel: 'email' })

describe('access matrix (SPEC §5 × §11)', () => {
  const refused: [Role, string, string, (() => unknown) | unknown, number | number[]][] = [
    // GET /api/collections
    ['anon', 'GET', '/api/collections?store=STORE', undefined, 401],
    ['other', 'GET', '/api/collections?store=STORE', undefined, 404],
    // promises: cashier and owner of the store
    ['anon', 'POST', '/api/customers/:customer/promises', promise, 401],
    ['other', 'POST', '/api/customers/:customer/promises', promise, 404],
    ['anon', 'GET', '/api/customers/:customer/promises', undefined, 401],
    ['other', 'GET', '/api/customers/:customer/promises', undefined, 404],
    ['owner', 'GET', '/api/customers/:customerB/promises', undefined, 404],
    // contacts: owners act, cashiers read
    ['cashier', 'POST', '/api/customers/:customer/contacts', contact, 403],
    ['other', 'POST', '/api/customers/:customer/contacts', contact, 404],
    ['anon', 'POST', '/api/customers/:customer/contacts', contact, 401],
    ['other', 'GET', '/api/customers/:customer/contacts', undefined, 404],
    // remind now, run, sent by hand: owners
    ['cashier', 'POST', '/api/customers/:customer/remind', { channel: 'sms' }, 403],
    ['other', 'POST', '/api/customers/:customer/remind', { channel: 'sms' }, 404],
    ['anon', 'POST', '/api/customers/:customer/remind', { channel: 'sms' }, 401],
    ['cashier', 'POST', '/api/reminders/run', () => ({ store: world.store.id }), 403],
    ['other', 'POST', '/api/reminders/run', () => ({ store: world.store.id }), 404],
    ['anon', 'POST', '/api/reminders/run', () => ({ store: world.store.id }), 401],
    ['cashier', 'POST', '/api/reminders/:reminder/sent', {}, 403],
    ['other', 'POST', '/api/reminders/:reminder/sent', {}, 404],
    ['anon', 'POST', '/api/reminders/:reminder/sent', {}, 401],
    // reminder-rules over REST: owners write their own store's, cashiers read
    ['cashier', 'POST', '/api/reminder-rules', rule('A'), 403],
    ['owner', 'POST', '/api/reminder-rules', rule('B'), [400, 403, 404]],
    ['anon', 'POST', '/api/reminder-rules', rule('A'), 401],
    ['cashier', 'PATCH', '/api/reminder-rules/:rule', { active: false }, 403],
    ['other', 'PATCH', '/api/reminder-rules/:rule', { active: false }, 404],
    ['cashier', 'DELETE', '/api/reminder-rules/:rule', undefined, 403],
    ['other', 'DELETE', '/api/reminder-rules/:rule', undefined, 404],
    ['other', 'GET', '/api/reminder-rules/:rule', undefined, 404],
    ['anon', 'GET', '/api/reminder-rules/:rule', undefined, 401],
    // reminders and promises: read-only to everyone (the services write them)
    ['owner', 'POST', '/api/reminders', () => ({ store: world.store.id, customer: fx.customer, channel: 'sms', status: 'sent', sendOn: storeDay(0), dedupeKey: 'x' }), 403],
    ['admin', 'PATCH', '/api/reminders/:reminder', { status: 'sent' }, 403],
    ['owner', 'DELETE', '/api/reminders/:reminder', undefined, 403],
    ['other', 'GET', '/api/reminders/:reminder', undefined, 404],
    ['anon', 'GET', '/api/reminders/:reminder', undefined, 401],
    ['owner', 'POST', '/api/promises', () => ({ store: world.store.id, customer: fx.customer, amount: 100, promisedFor: storeDay(1) }), 403],
    // a customer's reminder settings: owners only
    ['cashier', 'PATCH', '/api/customers/:customer', { remindersOff: true }, 403],
  ]
  for (const [role, method, path, body, expected] of refused) {
    it(`${role} ${method} ${path} → ${JSON.stringify(expected)}, nothing written`, async () => {
      await expectRefusedWithoutWrites(role, method, path.replace('STORE', String(world.store.id)), typeof body === 'function' ? body() : body, expected)
    })
  }

  const allowed: [Role, string, string, (() => unknown) | unknown, number][] = [
    ['admin', 'GET', '/api/collections?store=STORE', undefined, 200],
    ['owner', 'GET', '/api/collections?store=STORE', undefined, 200],
    ['cashier', 'GET', '/api/collections?store=STORE', undefined, 200],
    ['cashier', 'GET', '/api/customers/:customer/promises', undefined, 200],
    ['cashier', 'GET', '/api/customers/:customer/contacts', undefined, 200],
    ['cashier', 'GET', '/api/reminder-rules/:rule', undefined, 200],
    ['cashier', 'GET', '/api/reminders/:reminder', undefined, 200],
    ['cashier', 'POST', '/api/customers/:customer/promises', promise, 201],
    ['owner', 'POST', '/api/customers/:customer/promises', promise, 201],
    ['admin', 'POST', '/api/customers/:customer/contacts', contact, 201],
    ['owner', 'POST', '/api/customers/:customer/contacts', contact, 201],
    ['owner', 'POST', '/api/reminders/run', () => ({ store: world.store.id }), 200],
    ['owner', 'POST', '/api/reminders/:reminder/sent', {}, 201],
  ]
  for (const [role, method, path, body, expected] of allowed) {
    it(`${role} ${method} ${path} → ${expected}`, async () => {
      const res = await call(role, method, path.replace('STORE', String(world.store.id)), typeof body === 'function' ? body() : body)
      expect(res.status, JSON.stringify(res.body)).toBe(expected)
    })
  }

  it('a cashier’s REST list of reminders, rules and promises holds only their store’s', async () => {
    for (const slug of ['reminders', 'reminder-rules', 'promises']) {
      const res = await call('cashier', 'GET', `/api/${slug}?limit=100&depth=0`)
      expect(res.status).toBe(200)
      expect(
        res.body.docs.every((doc: { store: number }) => doc.store === world.store.id),
        slug,
      ).toBe(true)
    }
  })
})

describe('bad input (400 naming the field, 404 for unknown ids, 422 for a broken rule), nothing written', () => {
  const rows: [string, string, string, (() => unknown) | unknown, number, string][] = [
    ['promise without amount', 'POST', '/api/customers/:customer/promises', () => ({ date: storeDay(3) }), 400, 'amount'],
    ['promise of 0', 'POST', '/api/customers/:customer/promises', () => ({ amount: 0, date: storeDay(3) }), 400, 'amount'],
    ['promise of a fraction of a paisa', 'POST', '/api/customers/:customer/promises', () => ({ amount: 100.5, date: storeDay(3) }), 400, 'amount'],
    ['promise amount as text', 'POST', '/api/customers/:customer/promises', () => ({ amount: '600', date: storeDay(3) }), 400, 'amount'],
    ['promise amount above 10^12', 'POST', '/api/customers/:customer/promises', () => ({ amount: 1e13, date: storeDay(3) }), 400, 'amount'],
    ['promise on 2026-02-30', 'POST', '/api/customers/:customer/promises', { amount: 100, date: '2026-02-30' }, 400, 'date'],
    ['promise without a date', 'POST', '/api/customers/:customer/promises', { amount: 100 }, 400, 'date'],
    ['promise for yesterday', 'POST', '/api/customers/:customer/promises', () => ({ amount: 100, date: storeDaysAgo(1) }), 400, 'date'],
    ['promise with an unknown field', 'POST', '/api/customers/:customer/promises', () => ({ amount: 100, date: storeDay(3), status: 'kept' }), 400, 'status'],
    ['promise of more than is owed (₹600.00)', 'POST', '/api/customers/:customer/promises', () => ({ amount: 60_001, date: storeDay(3) }), 422, 'amount'],
    ['promise for an unknown customer', 'POST', '/api/customers/99999999/promises', () => ({ amount: 100, date: storeDay(3) }), 404, 'customer'],
    ['promise for customer "abc"', 'POST', '/api/customers/abc/promises', () => ({ amount: 100, date: storeDay(3) }), 400, 'must be a numeric id'],
    ['contact of an unknown kind', 'POST', '/api/customers/:customer/contacts', { kind: 'fax', note: 'x' }, 400, 'kind'],
    ['call without what was said', 'POST', '/api/customers/:customer/contacts', { kind: 'call' }, 400, 'note'],
    ['snooze without a day', 'POST', '/api/customers/:customer/contacts', { kind: 'snooze' }, 400, 'until'],
    ['snooze to today', 'POST', '/api/customers/:customer/contacts', () => ({ kind: 'snooze', until: storeDay(0) }), 400, 'until'],
    ['snooze for a year', 'POST', '/api/customers/:customer/contacts', () => ({ kind: 'snooze', until: storeDay(200) }), 400, 'until'],
    ['a day on a call', 'POST', '/api/customers/:customer/contacts', () => ({ kind: 'call', note: 'x', until: storeDay(3) }), 400, 'until'],
    ['remind by a manual channel', 'POST', '/api/customers/:customer/remind', { channel: 'manual' }, 400, 'channel'],
    ['remind without a channel', 'POST', '/api/customers/:customer/remind', {}, 400, 'channel'],
    ['run without a store', 'POST', '/api/reminders/run', {}, 400, 'store'],
    ['run for store "x"', 'POST', '/api/reminders/run', { store: 'x' }, 400, 'store'],
    ['run for an unknown store', 'POST', '/api/reminders/run', { store: 99999999 }, 404, 'store'],
    ['sent for an unknown reminder', 'POST', '/api/reminders/99999999/sent', {}, 404, 'id'],
    ['sent with a body', 'POST', '/api/reminders/:reminder/sent', { status: 'sent' }, 400, 'status'],
    ['collections without a store', 'GET', '/api/collections', undefined, 400, 'store'],
    ['collections with limit 0', 'GET', '/api/collections?store=STORE&limit=0', undefined, 400, 'limit'],
    [
      'a rule with an unknown placeholder',
      'POST',
      '/api/reminder-rules',
      () => ({ store: world.store.id, offsetDays: 41, channel: 'sms', template: 'Hi {name}, pay {amont}' }),
      400,
      'template',
    ],
    ['a rule 1.5 days late', 'POST', '/api/reminder-rules', () => ({ store: world.store.id, offsetDays: 1.5, channel: 'sms' }), 400, 'offsetDays'],
    ['a rule "3" days late (text)', 'POST', '/api/reminder-rules', () => ({ store: world.store.id, offsetDays: '3', channel: 'sms' }), 400, 'offsetDays'],
    ['a rule 400 days late', 'POST', '/api/reminder-rules', () => ({ store: world.store.id, offsetDays: 400, channel: 'sms' }), 400, 'offsetDays'],
    ['a rule by fax', 'POST', '/api/reminder-rules', () => ({ store: world.store.id, offsetDays: 42, channel: 'fax' }), 400, 'channel'],
    ['a second step at the same offset', 'POST', '/api/reminder-rules', () => ({ store: world.store.id, offsetDays: 0, channel: 'sms' }), 400, 'offsetDays'],
    ['quiet hours at 25:00', 'PATCH', '/api/stores/STORE', { quietHoursStart: '25:00', quietHoursEnd: '09:00' }, 400, 'quietHoursStart'],
    ['quiet hours with no end', 'PATCH', '/api/stores/STORE', { quietHoursStart: '21:00' }, 400, 'quietHoursEnd'],
    ['a preferred channel of fax', 'PATCH', '/api/customers/:customer', { preferredChannel: 'fax' }, 400, 'preferredChannel'],
  ]
  for (const [what, method, path, body, status, field] of rows) {
    it(`${what} → ${status} naming ${field}`, async () => {
      await expectRefusedWithoutWrites('owner', method, path.replace('STORE', String(world.store.id)), typeof body === 'function' ? body() : body, status, field)
    })
  }

  it('a manual reminder already cancelled cannot be marked sent (409)', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(5_000)], payments: [] })
    expect(sale.status).toBe(201)
    const payload = await testPayload()
    const { rows } = await payload.db.drizzle.execute(sql`SELECT id FROM reminders WHERE customer_id = ${customer.id}`)
    const paid = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 5_000, method: 'cash' } })
    expect(paid.status).toBe(201)
    fx.cancelled = Number(rows[0]!.id)
    await expectRefusedWithoutWrites('owner', 'POST', '/api/reminders/:cancelled/sent', {}, 409, 'cancelled')
  })
})
