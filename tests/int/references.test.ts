/**
 * A store's transaction references are unique (SPEC §3.9's idempotency aside, two ledger
 * rows never share one): PAY- numbers come from one counter per store whoever posts, and a
 * reference typed twice is refused without writing anything.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(expectLedgerClean)

const item = (unitPrice: number) => ({ description: 'Service', quantity: 1, unitPrice })

describe('transaction references', () => {
  it('checkout, collect, a deposit and a logged payment number PAY- from one counter of the store, in order', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [{ method: 'cash', amount: 10_000 }] })
    const collect = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'upi' } })
    const deposit = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 5_000, method: 'cash' } })
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 1_000, method: 'upi', customer: customer.id },
    })
    const references = [sale.body.transactions[0].reference, collect.body.reference, deposit.body.advancePayment.reference, logged.body.doc.reference]
    const numbers = references.map((reference: string) => Number(/^PAY-(\d{6})$/.exec(reference)![1]))
    expect(numbers.map((number) => number - numbers[0]!)).toEqual([0, 1, 2, 3])
  })

  it('a reference typed twice in one store is 409 naming the field and writes nothing; another store may use it', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(40_000)] })
    const first = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'upi', reference: 'UTR-DUP-1' } })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const second = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'upi', reference: 'UTR-DUP-1' } })
    expect(second.status, JSON.stringify(second.body)).toBe(409)
    expect(second.body.errors[0]).toMatchObject({ message: 'the reference UTR-DUP-1 is already used in this store; give another', data: { field: 'reference' } })
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(30_000)

    const sameAtCheckout = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(1_000)],
      payments: [{ method: 'upi', amount: 1_000, reference: 'UTR-DUP-1' }],
    })
    expect(sameAtCheckout.status).toBe(409)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(30_000)

    const elsewhere = await newWorld()
    const other = await newCustomer(elsewhere)
    await checkoutAs(elsewhere, elsewhere.tokens.cashier, { customer: other.id, items: [item(10_000)] })
    const there = await elsewhere.api.post(`/api/customers/${other.id}/collect`, {
      token: elsewhere.tokens.cashier,
      body: { amount: 10_000, method: 'upi', reference: 'UTR-DUP-1' },
    })
    expect(there.status).toBe(201)
  })

  it("a typed reference that looks like a PAY- number is 400: those are Tally's own", async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const collect = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 1_000, method: 'upi', reference: 'PAY-999999' } })
    expect(collect.status).toBe(400)
    expect(collect.body.errors[0].data.errors).toEqual([{ path: 'reference', message: 'PAY- and EXP- references are numbered by Tally: leave it empty or use another' }])
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'expense', kind: 'expense', amount: 1_000, method: 'cash', reference: 'pay-12' },
    })
    expect(logged.status).toBe(400)
    expect(JSON.stringify(logged.body)).toContain('PAY- and EXP- references are numbered by Tally')
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(10_000)
  })
})
