/**
 * Real parallel HTTP requests on one customer: the row lock serializes them, so totals are
 * exact, nothing goes negative, and the excess requests get 422.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { storeYear2 } from '../helpers/dates'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newPhone, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(expectLedgerClean)

const statuses = (results: { status: number }[]) => results.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {})

describe('concurrency', () => {
  it('50 parallel collects of ₹10 on a ₹300 balance: exactly 30 succeed, pending ends at 0', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Package', quantity: 1, unitPrice: 30_000 }] })
    const results = await Promise.all(
      Array.from({ length: 50 }, () => world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 1_000, method: 'cash' } })),
    )
    expect(statuses(results)).toEqual({ 201: 30, 422: 20 })
    const collected = results.filter((r) => r.status === 201).reduce((total, r) => total + r.body.amountCollected, 0)
    expect(collected).toBe(30_000)
    const after = await getCustomer(world, customer.id)
    expect(after.pendingBalance).toBe(0)
    expect(after.totalPaid).toBe(30_000)
  })

  it('50 parallel pay-later checkouts of ₹70 on a ₹1,000 credit limit: exactly 14 pass, pending ends at ₹980, never above the limit (SPEC §9)', async () => {
    const customer = await newCustomer(world)
    await world.api.patch(`/api/customers/${customer.id}`, { token: world.tokens.owner, body: { creditLimit: 100_000 } })
    const results = await Promise.all(
      Array.from({ length: 50 }, () => checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Colour', quantity: 1, unitPrice: 7_000 }] })),
    )
    expect(statuses(results)).toEqual({ 201: 14, 422: 36 })
    const refusals = results.filter((r) => r.status === 422)
    expect(refusals.every((r) => r.body.errors[0].message === 'Credit limit exceeded' && r.body.errors[0].data.field === 'creditLimit')).toBe(true)
    // Each refusal saw the pending balance of its moment: what was left was always under ₹70.
    expect(refusals.every((r) => r.body.errors[0].data.available < 7_000)).toBe(true)
    // Every answer that passed saw a pending balance within the limit.
    expect(results.filter((r) => r.status === 201).every((r) => r.body.customer.pendingBalance <= 100_000)).toBe(true)
    const after = await getCustomer(world, customer.id)
    expect(after.pendingBalance).toBe(98_000)
  })

  it('20 parallel advance uses of one ₹100 deposit: exactly 10 succeed, the rest are "Insufficient advance balance"', async () => {
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        checkoutAs(world, world.tokens.cashier, {
          customer: customer.id,
          items: [{ description: 'Trim', quantity: 1, unitPrice: 1_000 }],
          useAdvance: 1_000,
        }),
      ),
    )
    expect(statuses(results)).toEqual({ 201: 10, 422: 10 })
    expect(results.filter((r) => r.status === 422).every((r) => r.body.errors[0].message === 'Insufficient advance balance')).toBe(true)
    const after = await getCustomer(world, customer.id)
    expect(after.advanceBalance).toBe(0)
    expect(after.pendingBalance).toBe(0)
    const deposits = await world.api.get(`/api/advance-payments?where[customer][equals]=${customer.id}`, { token: world.tokens.owner })
    expect(deposits.body.docs[0]).toMatchObject({ status: 'utilized', remainingAmount: 0, utilizedAmount: 10_000 })
  })

  it('10 parallel resolves of the same new phone create exactly one customer', async () => {
    const phone = newPhone()
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: world.store.id, phone, name: `Caller ${i}` } })),
    )
    expect(new Set(results.map((r) => r.body.customer.id)).size).toBe(1)
    expect(results.filter((r) => r.body.isNewCustomer)).toHaveLength(1)
    const found = await world.api.get(`/api/customers?where[phone][equals]=${encodeURIComponent(phone)}`, { token: world.tokens.owner })
    expect(found.body.totalDocs).toBe(1)
  })

  it('20 parallel checkouts in a new store get numbers 0001…0020, each once', async () => {
    const fresh = await newWorld({ invoicePrefix: 'PAR' })
    const customers = await Promise.all(Array.from({ length: 4 }, () => newCustomer(fresh)))
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkoutAs(fresh, fresh.tokens.cashier, { customer: customers[i % 4]!.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 500 }] }),
      ),
    )
    expect(statuses(results)).toEqual({ 201: 20 })
    const yy = storeYear2(fresh.store.timezone)
    const numbers = results.map((r) => r.body.bill.number as string).sort()
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `PAR-${yy}-${String(i + 1).padStart(4, '0')}`))
  })
})

describe('parallel corrections (issue 12, item 8)', () => {
  it('10 parallel reversals of one payment: exactly one 201, the rest 409 decided after the customer lock — never a 500', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [{ description: 'Colour', quantity: 1, unitPrice: 30_000 }],
      payments: [{ method: 'card', amount: 30_000 }],
    })
    const payment = sale.body.transactions[0].id as number
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => world.api.post(`/api/transactions/${payment}/reverse`, { token: world.tokens.owner, body: { reason: `card charge-back ${i}` } })),
    )
    expect(statuses(results)).toEqual({ 201: 1, 409: 9 })
    expect(results.filter((r) => r.status === 409).every((r) => /already reversed/.test(r.body.errors[0].message))).toBe(true)
    const after = await getCustomer(world, customer.id)
    expect(after.pendingBalance).toBe(30_000)
    expect(after.totalPaid).toBe(0)
  })

  it('10 parallel reversals of one expense: exactly one 201, the rest 409', async () => {
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'expense', kind: 'expense', amount: 4_321, method: 'cash', notes: 'Parallel tea' },
    })
    expect(logged.status, JSON.stringify(logged.body)).toBe(201)
    const results = await Promise.all(
      Array.from({ length: 10 }, () => world.api.post(`/api/transactions/${logged.body.doc.id}/reverse`, { token: world.tokens.owner, body: { reason: 'typed twice' } })),
    )
    expect(statuses(results)).toEqual({ 201: 1, 409: 9 })
  })
})

describe('idempotency (SPEC §3.9)', () => {
  it('the same key twice returns the first response and pays once', async () => {
    const customer = await newCustomer(world)
    const body = { customer: customer.id, items: [{ description: 'Spa', quantity: 1, unitPrice: 20_000 }], payments: [{ method: 'cash', amount: 20_000 }] }
    const key = { 'Idempotency-Key': `k-${customer.id}-seq` }
    const first = await checkoutAs(world, world.tokens.cashier, body, key)
    const second = await checkoutAs(world, world.tokens.cashier, body, key)
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect((await getCustomer(world, customer.id)).totalBilled).toBe(20_000)
  })

  it('10 parallel requests with one key make one payment', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Kit', quantity: 1, unitPrice: 50_000 }] })
    const key = { 'Idempotency-Key': `k-${customer.id}-par` }
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 20_000, method: 'upi' }, headers: key }),
      ),
    )
    expect(statuses(results)).toEqual({ 201: 10 })
    expect(new Set(results.map((r) => r.body.transaction)).size).toBe(1)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(30_000)
  })

  it('the same key with another body is 409 and writes nothing', async () => {
    const customer = await newCustomer(world)
    const key = { 'Idempotency-Key': `k-${customer.id}-conflict` }
    const first = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' }, headers: key })
    expect(first.status).toBe(201)
    const other = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 99_000, method: 'cash' }, headers: key })
    expect(other.status).toBe(409)
    expect(other.body.errors[0].message).toMatch(/Idempotency-Key/)
    expect((await getCustomer(world, customer.id)).advanceBalance).toBe(10_000)
  })

  it('a refused request does not burn its key', async () => {
    const customer = await newCustomer(world)
    const key = { 'Idempotency-Key': `k-${customer.id}-retry` }
    const refused = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 5_000, method: 'cash' }, headers: key })
    expect(refused.status).toBe(422)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 5_000 }] })
    const retried = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 5_000, method: 'cash' }, headers: key })
    expect(retried.status).toBe(201)
    expect(retried.body.remainingBalance).toBe(0)
  })
})

describe('idempotency on Payload creates (POST /api/transactions, /api/invoices)', () => {
  it('a logged expense sent twice with one key is written once; another body is 409', async () => {
    const key = { 'Idempotency-Key': `k-expense-${Date.now()}` }
    const body = { store: world.store.id, type: 'expense', kind: 'expense', amount: 12_345, method: 'cash', notes: 'Tea' }
    const [first, second] = await Promise.all([
      world.api.post('/api/transactions', { token: world.tokens.owner, body, headers: key }),
      world.api.post('/api/transactions', { token: world.tokens.owner, body, headers: key }),
    ])
    expect([first.status, second.status]).toEqual([201, 201])
    expect(second.body.doc.id).toBe(first.body.doc.id)
    const found = await world.api.get(`/api/transactions?where[notes][equals]=Tea&where[store][equals]=${world.store.id}`, { token: world.tokens.owner })
    expect(found.body.totalDocs).toBe(1)
    const other = await world.api.post('/api/transactions', { token: world.tokens.owner, body: { ...body, amount: 1 }, headers: key })
    expect(other.status).toBe(409)
  })

  it('an invoice posted twice with one key gets one number', async () => {
    const customer = await newCustomer(world)
    const key = { 'Idempotency-Key': `k-invoice-${customer.id}` }
    const body = { store: world.store.id, customer: customer.id, items: [{ description: 'Audit', quantity: 1, unitPrice: 90_000 }], status: 'open' }
    const first = await world.api.post('/api/invoices', { token: world.tokens.owner, body, headers: key })
    const second = await world.api.post('/api/invoices', { token: world.tokens.owner, body, headers: key })
    expect(second.status).toBe(201)
    expect(second.body.doc.number).toBe(first.body.doc.number)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(90_000)
  })
})
