/**
 * SPEC §3, rule by rule, with the spec's numbers, over real HTTP on real Postgres.
 * Amounts are minor units: 100000 = ₹1,000.00.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { storeYear2 } from '../helpers/dates'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(expectLedgerClean)

const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

describe('rule 1 — posting a bill adds its amount due to the pending balance', () => {
  it('an invoice posted with status "open" gets a number and is owed at once', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(250_000)], status: 'open' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc).toMatchObject({ status: 'open', total: 250_000, amountDue: 250_000, amountPaid: 0 })
    expect(body.doc.number).toMatch(/^SAL-\d{2}-\d{4}$/)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(250_000)
  })

  it('a draft is not owed until POST /api/invoices/:id/post', async () => {
    const customer = await newCustomer(world)
    const draft = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [item(70_000)] },
    })
    expect(draft.body.doc).toMatchObject({ status: 'draft', number: null })
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(0)
    const posted = await world.api.post(`/api/invoices/${draft.body.doc.id}/post`, { token: world.tokens.owner, body: {} })
    expect(posted.status).toBe(200)
    expect(posted.body.number).toMatch(/^SAL-/)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(70_000)
  })
})

describe('rules 2–4 — checkout', () => {
  it('bill ₹1000 paid ₹400 → pending ₹600 and the receipt says PENDING BALANCE: ₹600.00', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(100_000, 'Hair colour')],
      payments: [{ method: 'cash', amount: 40_000 }],
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.bill).toMatchObject({ total: 100_000, amountPaid: 40_000, amountDue: 60_000, status: 'partial', complimentary: false })
    expect(body.customer.pendingBalance).toBe(60_000)
    expect(body.receipt.text).toContain('PENDING BALANCE: ₹600.00')
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(60_000)
  })

  it('nothing paid → FULL AMOUNT PENDING: ₹500.00', async () => {
    const customer = await newCustomer(world)
    const { body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [] })
    expect(body.bill).toMatchObject({ status: 'open', amountDue: 50_000 })
    expect(body.receipt.text).toContain('FULL AMOUNT PENDING: ₹500.00')
    expect(body.customer.pendingBalance).toBe(50_000)
  })

  it('complimentary: total 0, nothing pending, COMPLIMENTARY SERVICE, list price kept', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [] })
    const { body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(80_000, 'Facial')],
      complimentary: true,
      complimentaryReason: 'Family',
    })
    expect(body.bill).toMatchObject({ total: 0, subtotal: 80_000, amountDue: 0, status: 'paid', complimentary: true })
    expect(body.receipt.text).toContain('COMPLIMENTARY SERVICE')
    expect(body.customer.pendingBalance).toBe(30_000) // unchanged by the free service
    expect((await getCustomer(world, customer.id)).visits).toBe(2)
  })

  it('pending ₹500 + bill ₹300 paid ₹800 → the new bill first, then the old one: pending 0', async () => {
    const customer = await newCustomer(world)
    const first = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000)] })
    expect(first.body.customer.pendingBalance).toBe(50_000)
    const { body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(30_000)],
      payments: [{ method: 'upi', amount: 80_000 }],
    })
    expect(body.bill).toMatchObject({ amountDue: 0, status: 'paid' })
    expect(body.appliedToPending).toBe(50_000)
    expect(body.customer.pendingBalance).toBe(0)
    const old = await world.api.get(`/api/invoices/${first.body.bill.id}`, { token: world.tokens.owner })
    expect(old.body).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 50_000 })
  })

  it('overpayment clears the oldest pending bill first', async () => {
    const customer = await newCustomer(world)
    const oldest = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(20_000)] })
    const newer = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)] })
    const { body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(10_000)],
      payments: [{ method: 'cash', amount: 35_000 }],
    })
    expect(body.appliedToPending).toBe(25_000)
    const a = await world.api.get(`/api/invoices/${oldest.body.bill.id}`, { token: world.tokens.owner })
    const b = await world.api.get(`/api/invoices/${newer.body.bill.id}`, { token: world.tokens.owner })
    expect(a.body).toMatchObject({ status: 'paid', amountDue: 0 })
    expect(b.body).toMatchObject({ status: 'partial', amountDue: 25_000 })
    expect(body.customer.pendingBalance).toBe(25_000)
  })

  it('an excess beyond everything owed is 422 and writes nothing; with keepExcessAsAdvance it becomes a deposit', async () => {
    const customer = await newCustomer(world)
    const refused = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(30_000)],
      payments: [{ method: 'cash', amount: 50_000 }],
    })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toMatch(/exceed/)
    expect((await getCustomer(world, customer.id)).totalBilled).toBe(0)

    const kept = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(30_000)],
      payments: [{ method: 'cash', amount: 50_000 }],
      keepExcessAsAdvance: true,
    })
    expect(kept.status).toBe(201)
    expect(kept.body.keptAsAdvance).toBe(20_000)
    expect(kept.body.customer).toMatchObject({ pendingBalance: 0, advanceBalance: 20_000 })
  })

  it('a payment recorded for a client: the given reference names the money, an excess kept becomes a deposit with the next PAY reference', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)] })
    expect(sale.body.customer.pendingBalance).toBe(30_000)
    const paid = await world.api.post(`/api/customers/${customer.id}/payments`, {
      token: world.tokens.owner,
      body: { amount: 50_000, method: 'bank_transfer', reference: '  UTR-7781  ', notes: 'NEFT', date: '2026-11-20T10:00:00.000Z', keepExcessAsAdvance: true },
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    expect(paid.body).toMatchObject({
      amount: 50_000,
      allocations: [{ invoice: sale.body.bill.id, amount: 30_000 }],
      keptAsAdvance: 20_000,
      customer: { pendingBalance: 0, advanceBalance: 20_000 },
    })
    expect(paid.body.transaction.reference).toBe('UTR-7781')
    const history = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    const byKind = Object.fromEntries(history.body.docs.map((doc: { kind: string }) => [doc.kind, doc]))
    expect(byKind.payment).toMatchObject({ amount: 30_000, method: 'bank_transfer', reference: 'UTR-7781', notes: 'NEFT', date: '2026-11-20T10:00:00.000Z' })
    expect(byKind.advance_deposit).toMatchObject({ amount: 20_000, method: 'bank_transfer' })
    expect(byKind.advance_deposit.reference).toMatch(/^PAY-\d{6}$/)

    // Nothing owed: the whole amount is the deposit, named by the given reference.
    const ahead = await world.api.post(`/api/customers/${customer.id}/payments`, {
      token: world.tokens.owner,
      body: { amount: 10_000, method: 'upi', reference: 'UPI-55', keepExcessAsAdvance: true },
    })
    expect(ahead.status, JSON.stringify(ahead.body)).toBe(201)
    expect(ahead.body).toMatchObject({ transaction: null, allocations: [], keptAsAdvance: 10_000, customer: { advanceBalance: 30_000 } })
    const again = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    expect(again.body.docs.find((doc: { amount: number; kind: string }) => doc.kind === 'advance_deposit' && doc.amount === 10_000)?.reference).toBe('UPI-55')
  })

  it('split payments over two methods add up', async () => {
    const customer = await newCustomer(world)
    const { body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(60_000), { description: 'Wash', quantity: 2, unitPrice: 5_000 }],
      discount: 10_000,
      payments: [
        { method: 'cash', amount: 20_000 },
        { method: 'card', amount: 40_000, reference: 'AUTH-1' },
      ],
    })
    expect(body.bill).toMatchObject({ subtotal: 70_000, discount: 10_000, total: 60_000, amountPaid: 60_000, status: 'paid' })
    expect(body.transactions.map((tx: { method: string; amount: number }) => [tx.method, tx.amount])).toEqual([
      ['cash', 20_000],
      ['card', 40_000],
    ])
  })

  it('a new customer can be created by phone inside the checkout', async () => {
    const { status, body } = await checkoutAs(world, world.tokens.cashier, {
      newCustomer: { phone: '98111 22334', name: 'Walk-in Meera' },
      items: [item(15_000)],
      payments: [{ method: 'cash', amount: 15_000 }],
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.customer.phone).toBe('+919811122334')
    expect(body.bill.status).toBe('paid')
  })
})

describe('rule 5 — collecting pending without a bill', () => {
  it('is allocated to open invoices oldest first', async () => {
    const customer = await newCustomer(world)
    const a = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(40_000)] })
    const b = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)] })
    const { status, body } = await world.api.post(`/api/customers/${customer.id}/collect`, {
      token: world.tokens.cashier,
      body: { amount: 50_000, method: 'cash' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body).toMatchObject({ amountCollected: 50_000, previousBalance: 70_000, remainingBalance: 20_000, method: 'cash' })
    expect(body.allocations).toEqual([
      { invoice: a.body.bill.id, amount: 40_000 },
      { invoice: b.body.bill.id, amount: 10_000 },
    ])
    expect(body.collectedBy.id).toBeDefined()
  })

  it('more than the pending balance is 422', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(60_000)] })
    const { status, body } = await world.api.post(`/api/customers/${customer.id}/collect`, {
      token: world.tokens.cashier,
      body: { amount: 60_001, method: 'cash' },
    })
    expect(status).toBe(422)
    expect(body.errors[0].message).toMatch(/more than the pending balance/)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(60_000)
  })

  it('collect ₹600 of a ₹600 pending balance clears it', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
    const { body } = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 60_000, method: 'upi' } })
    expect(body.remainingBalance).toBe(0)
  })
})

describe('rule 6 — advances are used FIFO', () => {
  it('deposits ₹500 then ₹300, a ₹600 bill from advance → first utilized, second ₹200 left', async () => {
    const customer = await newCustomer(world)
    const first = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 50_000, method: 'cash' } })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.advanceBalance).toBe(50_000)
    const second = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 30_000, method: 'upi' } })
    expect(second.body.advanceBalance).toBe(80_000)

    const { body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(60_000)], useAdvance: 60_000 })
    expect(body.bill).toMatchObject({ status: 'paid', amountPaid: 60_000, amountDue: 0 })
    expect(body.advanceUsed).toBe(60_000)
    expect(body.customer.advanceBalance).toBe(20_000)

    const deposits = await world.api.get(`/api/advance-payments?where[customer][equals]=${customer.id}&sort=id`, { token: world.tokens.owner })
    expect(deposits.body.docs.map((d: { status: string; remainingAmount: number; utilizedAmount: number }) => [d.status, d.utilizedAmount, d.remainingAmount])).toEqual([
      ['utilized', 50_000, 0],
      ['active', 10_000, 20_000],
    ])
    const uses = await world.api.get(`/api/advance-utilizations?where[invoice][equals]=${body.bill.id}&sort=id&depth=0`, { token: world.tokens.owner })
    expect(uses.body.docs.map((u: { advancePayment: number; amount: number }) => [u.advancePayment, u.amount])).toEqual([
      [first.body.advancePayment.id, 50_000],
      [second.body.advancePayment.id, 10_000],
    ])
  })

  it('using more than the advance balance is 422 "Insufficient advance balance"', async () => {
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
    const { status, body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(20_000)], useAdvance: 10_001 })
    expect(status).toBe(422)
    expect(body.errors[0].message).toBe('Insufficient advance balance')
    expect((await getCustomer(world, customer.id)).advanceBalance).toBe(10_000)
  })

  it('advance plus a payment for the rest', async () => {
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 20_000, method: 'cash' } })
    const { body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(50_000)],
      useAdvance: 20_000,
      payments: [{ method: 'card', amount: 10_000 }],
    })
    expect(body.bill).toMatchObject({ amountPaid: 30_000, amountDue: 20_000, status: 'partial' })
    expect(body.receipt.text).toContain('PENDING BALANCE: ₹200.00')
    expect(body.customer).toMatchObject({ pendingBalance: 20_000, advanceBalance: 0 })
  })
})

describe('rule 7 — invoices paid in instalments', () => {
  it('₹10,000 paid ₹5,000 + ₹5,000 goes open → partial → paid', async () => {
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(1_000_000)], status: 'open', dueDate: '2099-01-31' },
    })
    const id = created.body.doc.id
    expect(created.body.doc.status).toBe('open')
    const first = await world.api.post(`/api/invoices/${id}/payments`, { token: world.tokens.owner, body: { amount: 500_000, method: 'bank_transfer' } })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.invoice).toMatchObject({ status: 'partial', amountPaid: 500_000, amountDue: 500_000 })
    const second = await world.api.post(`/api/invoices/${id}/payments`, { token: world.tokens.owner, body: { amount: 500_000, method: 'bank_transfer' } })
    expect(second.body.invoice).toMatchObject({ status: 'paid', amountPaid: 1_000_000, amountDue: 0 })
  })

  it('a payment above the amount due is 422', async () => {
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [item(10_000)], status: 'open' },
    })
    const { status } = await world.api.post(`/api/invoices/${created.body.doc.id}/payments`, { token: world.tokens.owner, body: { amount: 10_001, method: 'cash' } })
    expect(status).toBe(422)
  })

  it('mark-paid records a payment of exactly the remaining amount due', async () => {
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [item(123_457)], status: 'open' },
    })
    const id = created.body.doc.id
    await world.api.post(`/api/invoices/${id}/payments`, { token: world.tokens.owner, body: { amount: 23_456, method: 'cash' } })
    const { status, body } = await world.api.post(`/api/invoices/${id}/mark-paid`, { token: world.tokens.owner, body: { method: 'upi' } })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.transaction.amount).toBe(100_001)
    expect(body.invoice).toMatchObject({ status: 'paid', amountDue: 0 })
  })

  it('changing the status to "paid" (admin / REST) also records exactly the amount due', async () => {
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [item(77_700)], status: 'open' },
    })
    const { status, body } = await world.api.patch(`/api/invoices/${created.body.doc.id}`, { token: world.tokens.owner, body: { status: 'paid' } })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.doc).toMatchObject({ status: 'paid', amountPaid: 77_700, amountDue: 0 })
    const txs = await world.api.get(`/api/transactions?where[invoice][equals]=${created.body.doc.id}`, { token: world.tokens.owner })
    expect(txs.body.docs.map((tx: { amount: number }) => tx.amount)).toEqual([77_700])
  })

  it('a posted invoice cannot be edited', async () => {
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [item(10_000)], status: 'open' },
    })
    const { status } = await world.api.patch(`/api/invoices/${created.body.doc.id}`, { token: world.tokens.owner, body: { discount: 5_000 } })
    expect(status).toBe(422)
  })
})

describe('void', () => {
  it('reverses the allocations into unmatched credit and clears what was owed (owner only)', async () => {
    const customer = await newCustomer(world)
    const { body: sale } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
    const byCashier = await world.api.post(`/api/invoices/${sale.bill.id}/void`, { token: world.tokens.cashier, body: {} })
    expect(byCashier.status).toBe(403)
    const { status, body } = await world.api.post(`/api/invoices/${sale.bill.id}/void`, { token: world.tokens.owner, body: { reason: 'wrong customer' } })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.unmatchedCredit).toBe(40_000)
    expect(body.customer.pendingBalance).toBe(0)
    const payments = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    expect(payments.body.docs[0]).toMatchObject({ amount: 40_000, unmatched: 40_000 })
    const again = await world.api.post(`/api/invoices/${sale.bill.id}/void`, { token: world.tokens.owner, body: {} })
    expect(again.status).toBe(409)
  })

  it('gives used advances back to their deposits', async () => {
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 30_000, method: 'cash' } })
    const { body: sale } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)], useAdvance: 30_000 })
    expect(sale.customer.advanceBalance).toBe(0)
    const { body } = await world.api.post(`/api/invoices/${sale.bill.id}/void`, { token: world.tokens.owner, body: {} })
    expect(body.returnedToAdvance).toBe(30_000)
    expect(body.customer.advanceBalance).toBe(30_000)
  })
})

describe('bookings', () => {
  it('an appointment by phone resolves the customer and records its advance', async () => {
    const { status, body } = await world.api.post('/api/bookings', {
      token: world.tokens.cashier,
      body: {
        store: world.store.id,
        kind: 'appointment',
        phone: '98700 11111',
        customerName: 'Kavya',
        advanceAmount: 25_000,
        paymentMode: 'upi',
        scheduledAt: '2026-12-01T10:00:00.000Z',
      },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    const customerId = typeof body.doc.customer === 'object' ? body.doc.customer.id : body.doc.customer
    expect(customerId).toBeTruthy()
    expect(body.doc.advancePayment).toBeTruthy()
    expect((await getCustomer(world, customerId)).advanceBalance).toBe(25_000)
    const again = await world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: world.store.id, phone: '+91 98700-11111' } })
    expect(again.body).toMatchObject({ isNewCustomer: false, customer: { id: customerId } })
  })

  it('an enquiry with an advance is 400', async () => {
    const { status, body } = await world.api.post('/api/bookings', {
      token: world.tokens.cashier,
      body: { store: world.store.id, kind: 'enquiry', phone: '98700 22222', customerName: 'Asks', advanceAmount: 10_000, paymentMode: 'cash' },
    })
    expect(status).toBe(400)
    expect(JSON.stringify(body)).toContain('advanceAmount')
  })
})

describe('invoice numbers', () => {
  it('are per store and year, gap-free, in posting order', async () => {
    const fresh = await newWorld({ invoicePrefix: 'GAP' })
    const customer = await newCustomer(fresh)
    const numbers: string[] = []
    for (let i = 0; i < 3; i++) {
      const { body } = await checkoutAs(fresh, fresh.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
      numbers.push(body.bill.number)
    }
    // a refused checkout does not consume a number
    await checkoutAs(fresh, fresh.tokens.cashier, { customer: customer.id, items: [item(1_000)], payments: [{ method: 'cash', amount: 999_999 }] })
    const { body } = await checkoutAs(fresh, fresh.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
    numbers.push(body.bill.number)
    const yy = storeYear2(fresh.store.timezone)
    expect(numbers).toEqual([`GAP-${yy}-0001`, `GAP-${yy}-0002`, `GAP-${yy}-0003`, `GAP-${yy}-0004`])
  })
})

describe('rule 8 — expenses', () => {
  it('an owner logs an expense; a cashier never sees it', async () => {
    const { status, body } = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'expense', kind: 'expense', amount: 150_000, method: 'bank_transfer', notes: 'Rent' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc.reference).toMatch(/^EXP-\d{6}$/)
    const asCashier = await world.api.get(`/api/transactions/${body.doc.id}`, { token: world.tokens.cashier })
    expect(asCashier.status).toBe(404)
    const list = await world.api.get('/api/transactions?where[type][equals]=expense', { token: world.tokens.cashier })
    expect(list.body.docs).toEqual([])
  })

  it('a logged customer payment linked to an invoice is allocated to it', async () => {
    const customer = await newCustomer(world)
    const { body: sale } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(90_000)] })
    const { status, body } = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 30_000, method: 'upi', customer: customer.id, invoice: sale.bill.id },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    const invoice = await world.api.get(`/api/invoices/${sale.bill.id}`, { token: world.tokens.owner })
    expect(invoice.body).toMatchObject({ status: 'partial', amountPaid: 30_000, amountDue: 60_000 })
  })
})

describe('GET /api/customers/:id/statement', () => {
  it('runs the balance bill first, then payments, ending at the pending balance', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
    await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'upi' } })
    const { status, body } = await world.api.get(`/api/customers/${customer.id}/statement`, { token: world.tokens.cashier })
    expect(status).toBe(200)
    expect(body.lines.map((line: { type: string; balance: number }) => [line.type, line.balance])).toEqual([
      ['invoice', 100_000],
      ['payment', 60_000],
      ['payment', 50_000],
    ])
    expect(body.closingBalance).toBe(50_000)
    expect(body.customer.pendingBalance).toBe(50_000)
    expect(body.aging.current).toBe(50_000)
  })
})
