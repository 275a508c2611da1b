/**
 * SPEC §9a — applying and correcting money already received, over HTTP with the spec's
 * numbers: apply-advance, unapply, held and net, oldest first by due date everywhere money
 * is allocated, autoApplyCredits, and a deposit kept from a payment reversed with it.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})

const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

/** yyyy-mm-dd `days` from the store's today (negative: in the past), in the store's zone. */
function storeDay(days: number, timeZone = world.store.timezone): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())
  const date = new Date(`${today}T12:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

async function postedInvoice(w: World, customer: number, total: number, dates: { issue?: number; due?: number } = {}, token = w.tokens.owner) {
  const { status, body } = await w.api.post('/api/invoices', {
    token,
    body: {
      store: w.store.id,
      customer,
      items: [item(total, 'Consulting')],
      status: 'open',
      ...(dates.issue === undefined ? {} : { issueDate: storeDay(dates.issue, w.store.timezone) }),
      ...(dates.due === undefined ? {} : { dueDate: storeDay(dates.due, w.store.timezone) }),
    },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as { id: number; number: string; amountDue: number; amountPaid: number; status: string }
}

async function deposit(w: World, customer: number, amount: number) {
  const { status, body } = await w.api.post(`/api/customers/${customer}/advances`, { token: w.tokens.cashier, body: { amount, method: 'cash' } })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.advancePayment.id as number
}

async function invoice(w: World, id: number) {
  const { body } = await w.api.get(`/api/invoices/${id}?depth=0`, { token: w.tokens.owner })
  return body as { amountPaid: number; amountDue: number; status: string }
}

async function customerRow(w: World, id: number) {
  return (await getCustomer(w, id)) as Awaited<ReturnType<typeof getCustomer>> & { unmatchedCredit: number }
}

describe('POST /api/invoices/:id/apply-advance (SPEC §9a)', () => {
  it('pays a posted invoice from the deposits FIFO: ₹500 then ₹300 held, ₹600 due → first used up, ₹100 of the second, ₹200 left', async () => {
    const customer = await newCustomer(world)
    const first = await deposit(world, customer.id, 50_000)
    const second = await deposit(world, customer.id, 30_000)
    const due = await postedInvoice(world, customer.id, 60_000)

    const { status, body } = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: {} })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.invoice).toMatchObject({ id: due.id, status: 'paid', amountPaid: 60_000, amountDue: 0 })
    expect(body.utilizations).toEqual([
      { advancePayment: first, amount: 50_000 },
      { advancePayment: second, amount: 10_000 },
    ])
    expect(body.customer).toMatchObject({ id: customer.id, pendingBalance: 0, advanceBalance: 20_000, unmatchedCredit: 0 })

    const uses = await world.api.get(`/api/advance-utilizations?where[invoice][equals]=${due.id}&sort=id&depth=0`, { token: world.tokens.owner })
    expect(uses.body.docs.map((use: { advancePayment: number; amount: number }) => [use.advancePayment, use.amount])).toEqual([
      [first, 50_000],
      [second, 10_000],
    ])
    const deposits = await world.api.get(`/api/advance-payments?where[customer][equals]=${customer.id}&sort=id&depth=0`, { token: world.tokens.owner })
    expect(deposits.body.docs.map((d: { status: string; remainingAmount: number }) => [d.status, d.remainingAmount])).toEqual([
      ['utilized', 0],
      ['active', 20_000],
    ])
    await expectLedgerClean()
  })

  it('amount defaults to the smaller of amount due and advance balance; a given amount pays part (open → partial)', async () => {
    const customer = await newCustomer(world)
    await deposit(world, customer.id, 20_000)
    const due = await postedInvoice(world, customer.id, 100_000)
    const part = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.owner, body: { amount: 5_000 } })
    expect(part.status, JSON.stringify(part.body)).toBe(201)
    expect(part.body.invoice).toMatchObject({ status: 'partial', amountPaid: 5_000, amountDue: 95_000 })
    const rest = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.owner, body: {} })
    expect(rest.status, JSON.stringify(rest.body)).toBe(201)
    expect(rest.body.invoice).toMatchObject({ amountPaid: 20_000, amountDue: 80_000 })
    expect(rest.body.customer).toMatchObject({ pendingBalance: 80_000, advanceBalance: 0 })
  })

  it('refuses more than held (422 Insufficient advance balance), more than due and nothing held — writing nothing', async () => {
    const customer = await newCustomer(world)
    const due = await postedInvoice(world, customer.id, 10_000)
    const none = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: {} })
    expect(none.status).toBe(422)
    expect(none.body.errors[0]).toMatchObject({ message: 'Insufficient advance balance', data: { field: 'amount' } })
    await deposit(world, customer.id, 30_000)
    const tooMuch = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: { amount: 10_001 } })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body.errors[0].message).toMatch(/more than the amount due/)
    const big = await postedInvoice(world, customer.id, 90_000)
    const over = await world.api.post(`/api/invoices/${big.id}/apply-advance`, { token: world.tokens.cashier, body: { amount: 30_001 } })
    expect(over.status).toBe(422)
    expect(over.body.errors[0].message).toBe('Insufficient advance balance')
    expect((await customerRow(world, customer.id)).advanceBalance).toBe(30_000)
    expect((await invoice(world, big.id)).amountPaid).toBe(0)
  })

  it('one Idempotency-Key: the retry replays the answer and uses the deposit once', async () => {
    const customer = await newCustomer(world)
    await deposit(world, customer.id, 40_000)
    const due = await postedInvoice(world, customer.id, 25_000)
    const headers = { 'Idempotency-Key': `apply-${due.id}` }
    const first = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: { amount: 10_000 }, headers })
    const again = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: { amount: 10_000 }, headers })
    expect(first.status).toBe(201)
    expect(again.body).toEqual(first.body)
    expect((await customerRow(world, customer.id)).advanceBalance).toBe(30_000)
    const other = await world.api.post(`/api/invoices/${due.id}/apply-advance`, { token: world.tokens.cashier, body: { amount: 1 }, headers })
    expect(other.status).toBe(409)
  })
})

describe('POST /api/allocations/:id/unapply (SPEC §9a)', () => {
  it('takes a ₹400 payment off the wrong invoice: it is due again, the payment unmatched, the reason on both histories; then matched where it belongs', async () => {
    const customer = await newCustomer(world)
    const wrong = await postedInvoice(world, customer.id, 100_000)
    const right = await postedInvoice(world, customer.id, 40_000)
    const paid = await world.api.post(`/api/invoices/${wrong.id}/payments`, { token: world.tokens.owner, body: { amount: 40_000, method: 'upi' } })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    const payment = paid.body.transaction.id as number
    const allocations = await world.api.get(`/api/allocations?where[transaction][equals]=${payment}&depth=0`, { token: world.tokens.owner })
    const allocation = allocations.body.docs[0].id as number

    const byCashier = await world.api.post(`/api/allocations/${allocation}/unapply`, { token: world.tokens.cashier, body: { reason: 'wrong invoice' } })
    expect(byCashier.status).toBe(403)
    const { status, body } = await world.api.post(`/api/allocations/${allocation}/unapply`, { token: world.tokens.owner, body: { reason: 'paid for the other invoice' } })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.allocation).toMatchObject({ reversalOf: allocation, amount: -40_000, reason: 'paid for the other invoice' })
    expect(body.invoice).toMatchObject({ id: wrong.id, status: 'open', amountPaid: 0, amountDue: 100_000 })
    expect(body.payment).toMatchObject({ id: payment, unmatched: 40_000 })
    expect(body.customer).toMatchObject({ pendingBalance: 140_000, advanceBalance: 0, unmatchedCredit: 40_000 })

    // The invoice's history and the payment's history both show it, with the reason.
    const rows = await world.api.get(`/api/allocations?where[invoice][equals]=${wrong.id}&sort=id&depth=0`, { token: world.tokens.owner })
    expect(rows.body.docs.map((row: { amount: number; reason: string | null }) => [row.amount, row.reason])).toEqual([
      [40_000, null],
      [-40_000, 'unapplied: paid for the other invoice'],
    ])
    const history = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    const listed = history.body.docs.find((doc: { id: number }) => doc.id === payment)
    expect(listed).toMatchObject({ unmatched: 40_000, reversed: false })
    expect(listed.allocations).toEqual([
      expect.objectContaining({ invoice: wrong.id, amount: 40_000, unapplied: true }),
      expect.objectContaining({ invoice: wrong.id, amount: -40_000, reason: 'unapplied: paid for the other invoice' }),
    ])
    const reconciliation = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
    expect(reconciliation.body.unmatched).toContainEqual(expect.objectContaining({ transaction: payment, unmatched: 40_000 }))

    const again = await world.api.post(`/api/allocations/${allocation}/unapply`, { token: world.tokens.owner, body: { reason: 'twice' } })
    expect(again.status).toBe(409)
    const ofReversing = await world.api.post(`/api/allocations/${body.allocation.id}/unapply`, { token: world.tokens.owner, body: { reason: 'undo the undo' } })
    expect(ofReversing.status).toBe(422)

    const matched = await world.api.post(`/api/transactions/${payment}/match`, { token: world.tokens.owner, body: { invoice: right.id } })
    expect(matched.status, JSON.stringify(matched.body)).toBe(201)
    expect(await invoice(world, right.id)).toMatchObject({ status: 'paid', amountDue: 0 })
    expect((await customerRow(world, customer.id)).unmatchedCredit).toBe(0)
    await expectLedgerClean()
  })
})

describe('held and net (SPEC §9a)', () => {
  it('₹1,000 owed, ₹300 deposit and ₹400 unmatched: held ₹700, net ₹300 — on the customer, the statement and the aging rows', async () => {
    const fresh = await newWorld({ invoicePrefix: 'HLD' })
    const customer = await newCustomer(fresh)
    // ₹400 arrives before any invoice: unmatched.
    const logged = await fresh.api.post('/api/transactions', {
      token: fresh.tokens.owner,
      body: { store: fresh.store.id, type: 'income', kind: 'payment', amount: 40_000, method: 'bank_transfer', customer: customer.id },
    })
    expect(logged.status, JSON.stringify(logged.body)).toBe(201)
    await deposit(fresh, customer.id, 30_000)
    await checkoutAs(fresh, fresh.tokens.cashier, { customer: customer.id, items: [item(100_000)] })

    expect(await customerRow(fresh, customer.id)).toMatchObject({ pendingBalance: 100_000, advanceBalance: 30_000, unmatchedCredit: 40_000 })
    const statement = await fresh.api.get(`/api/customers/${customer.id}/statement`, { token: fresh.tokens.cashier })
    expect(statement.body).toMatchObject({ held: 70_000, net: 30_000, customer: { pendingBalance: 100_000, advanceBalance: 30_000, unmatchedCredit: 40_000 } })
    const aging = await fresh.api.get(`/api/reports/aging?store=${fresh.store.id}`, { token: fresh.tokens.owner })
    expect(aging.body.customers).toEqual([expect.objectContaining({ customer: customer.id, total: 100_000, held: 70_000, net: 30_000 })])

    // Applying what is held leaves ₹300 owed and nothing held.
    const bill = statement.body.openInvoices[0].id
    expect((await fresh.api.post(`/api/transactions/${logged.body.doc.id}/match`, { token: fresh.tokens.owner, body: { invoice: bill } })).status).toBe(201)
    expect((await fresh.api.post(`/api/invoices/${bill}/apply-advance`, { token: fresh.tokens.cashier, body: {} })).status).toBe(201)
    const after = await fresh.api.get(`/api/customers/${customer.id}/statement`, { token: fresh.tokens.cashier })
    expect(after.body).toMatchObject({ held: 0, net: 30_000, customer: { pendingBalance: 30_000 } })
  })
})

describe('oldest first = earliest due date (SPEC §9a), everywhere money is allocated', () => {
  /**
   * A long-terms invoice issued 20 days ago and due in 60, an invoice issued 10 days ago and
   * overdue since 3 days, and today's POS bill (no terms: due today). By issue date the
   * long-terms invoice came first; by due date the order is overdue, today's bill, long terms.
   */
  async function threeOwed(w: World) {
    const customer = await newCustomer(w)
    const long = await postedInvoice(w, customer.id, 30_000, { issue: -20, due: 60 })
    const overdue = await postedInvoice(w, customer.id, 20_000, { issue: -10, due: -3 })
    const bill = (await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)] })).body.bill.id as number
    return { customer: customer.id, long: long.id, overdue: overdue.id, bill }
  }

  it('collect ₹250: the overdue invoice, then today’s bill — not the long-terms invoice issued first', async () => {
    const owed = await threeOwed(world)
    const { status, body } = await world.api.post(`/api/customers/${owed.customer}/collect`, { token: world.tokens.cashier, body: { amount: 25_000, method: 'cash' } })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.allocations).toEqual([
      { invoice: owed.overdue, amount: 20_000 },
      { invoice: owed.bill, amount: 5_000 },
    ])
  })

  it('a client payment (POST /customers/:id/payments) of ₹350: overdue, bill, then ₹50 of the long-terms one', async () => {
    const owed = await threeOwed(world)
    const { status, body } = await world.api.post(`/api/customers/${owed.customer}/payments`, { token: world.tokens.owner, body: { amount: 35_000, method: 'upi' } })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.allocations).toEqual([
      { invoice: owed.overdue, amount: 20_000 },
      { invoice: owed.bill, amount: 10_000 },
      { invoice: owed.long, amount: 5_000 },
    ])
  })

  it('checkout overpayment: a ₹50 bill paid ₹300 → the bill, then the overdue invoice, then ₹50 of today’s bill', async () => {
    const owed = await threeOwed(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, { customer: owed.customer, items: [item(5_000)], payments: [{ method: 'cash', amount: 30_000 }] })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.appliedToPending).toBe(25_000)
    expect(await invoice(world, owed.overdue)).toMatchObject({ status: 'paid' })
    expect(await invoice(world, owed.bill)).toMatchObject({ amountDue: 5_000 })
    expect(await invoice(world, owed.long)).toMatchObject({ amountPaid: 0 })
  })

  it('a logged payment without an invoice (POST /api/transactions) pays the overdue invoice first', async () => {
    const owed = await threeOwed(world)
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 20_000, method: 'cheque', customer: owed.customer },
    })
    expect(logged.status, JSON.stringify(logged.body)).toBe(201)
    expect(await invoice(world, owed.overdue)).toMatchObject({ status: 'paid' })
    expect(await invoice(world, owed.long)).toMatchObject({ amountPaid: 0 })
  })

  it('ties: the same due day goes by issue date, then by number (not by row id)', async () => {
    const customer = await newCustomer(world)
    const later = await postedInvoice(world, customer.id, 10_000, { issue: -5, due: 10 })
    const earlier = await postedInvoice(world, customer.id, 10_000, { issue: -8, due: 10 })
    // Same due and issue day: drafts written X then Y, posted Y then X → Y has the smaller number.
    const draft = async () =>
      (
        await world.api.post('/api/invoices', {
          token: world.tokens.owner,
          body: { store: world.store.id, customer: customer.id, items: [item(10_000)], issueDate: storeDay(-1), dueDate: storeDay(20) },
        })
      ).body.doc.id as number
    const x = await draft()
    const y = await draft()
    expect((await world.api.post(`/api/invoices/${y}/post`, { token: world.tokens.owner, body: {} })).status).toBe(200)
    expect((await world.api.post(`/api/invoices/${x}/post`, { token: world.tokens.owner, body: {} })).status).toBe(200)
    const { body } = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 40_000, method: 'cash' } })
    expect(body.allocations.map((allocation: { invoice: number }) => allocation.invoice)).toEqual([earlier.id, later.id, y, x])
    await expectLedgerClean()
  })
})

describe('stores.autoApplyCredits (SPEC §9a)', () => {
  it('off (the default): posting an invoice leaves the deposit and the unmatched payment held', async () => {
    const customer = await newCustomer(world)
    await deposit(world, customer.id, 20_000)
    const posted = await postedInvoice(world, customer.id, 30_000)
    expect(posted).toMatchObject({ amountPaid: 0, amountDue: 30_000 })
    expect(await customerRow(world, customer.id)).toMatchObject({ pendingBalance: 30_000, advanceBalance: 20_000 })
  })

  it('on: a ₹50 unmatched payment, then a ₹200 booking deposit pay the ₹300 timesheet when it is posted — same transaction', async () => {
    const rentals = await newWorld({ invoicePrefix: 'RNT', autoApplyCredits: true })
    const customer = await newCustomer(rentals)
    const logged = await rentals.api.post('/api/transactions', {
      token: rentals.tokens.owner,
      body: { store: rentals.store.id, type: 'income', kind: 'payment', amount: 5_000, method: 'cash', customer: customer.id },
    })
    expect(logged.status).toBe(201)
    const booking = await rentals.api.post('/api/bookings', {
      token: rentals.tokens.cashier,
      body: { store: rentals.store.id, kind: 'booking', phone: customer.phone, customerName: 'Builder', advanceAmount: 20_000, paymentMode: 'upi' },
    })
    expect(booking.status, JSON.stringify(booking.body)).toBe(201)
    const bookingDeposit = booking.body.doc.advancePayment
    const depositId = typeof bookingDeposit === 'object' ? bookingDeposit.id : bookingDeposit
    expect(await customerRow(rentals, customer.id)).toMatchObject({ advanceBalance: 20_000, unmatchedCredit: 5_000 })

    const draft = await rentals.api.post('/api/invoices', {
      token: rentals.tokens.owner,
      body: { store: rentals.store.id, customer: customer.id, kind: 'timesheet', items: [item(30_000, 'Crane 3 h')] },
    })
    const posted = await rentals.api.post(`/api/invoices/${draft.body.doc.id}/post`, { token: rentals.tokens.owner, body: {} })
    expect(posted.status, JSON.stringify(posted.body)).toBe(200)
    expect(posted.body.autoApplied).toEqual({
      allocations: [{ transaction: logged.body.doc.id, invoice: draft.body.doc.id, amount: 5_000 }],
      utilizations: [{ advancePayment: depositId, invoice: draft.body.doc.id, amount: 20_000 }],
    })
    expect(await invoice(rentals, draft.body.doc.id)).toMatchObject({ status: 'partial', amountPaid: 25_000, amountDue: 5_000 })
    expect(await customerRow(rentals, customer.id)).toMatchObject({ pendingBalance: 5_000, advanceBalance: 0, unmatchedCredit: 0 })

    // Posted at once through REST (status "open") it applies too; with nothing held, nothing happens.
    await deposit(rentals, customer.id, 1_000)
    const direct = await postedInvoice(rentals, customer.id, 4_000)
    expect(direct).toMatchObject({ amountPaid: 1_000, amountDue: 3_000, status: 'partial' })
    await expectLedgerClean()
  })
})

describe('a deposit kept from a payment is reversed with it (SPEC §9a)', () => {
  it('a ₹500 cheque for ₹300 owed, ₹200 kept as deposit, bounces: the invoice is owed again and the deposit reversed', async () => {
    const customer = await newCustomer(world)
    const owed = await postedInvoice(world, customer.id, 30_000)
    const paid = await world.api.post(`/api/customers/${customer.id}/payments`, {
      token: world.tokens.owner,
      body: { amount: 50_000, method: 'cheque', reference: 'CHQ-77', keepExcessAsAdvance: true },
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    expect(paid.body.customer).toMatchObject({ pendingBalance: 0, advanceBalance: 20_000 })

    const reversed = await world.api.post(`/api/transactions/${paid.body.transaction.id}/reverse`, { token: world.tokens.owner, body: { reason: 'cheque bounced' } })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201)
    expect(reversed.body.reversedDeposits).toEqual([expect.objectContaining({ amount: 20_000 })])
    expect(await invoice(world, owed.id)).toMatchObject({ amountDue: 30_000 })
    expect(await customerRow(world, customer.id)).toMatchObject({ pendingBalance: 30_000, advanceBalance: 0, unmatchedCredit: 0, totalPaid: 0 })
    const deposits = await world.api.get(`/api/advance-payments?where[customer][equals]=${customer.id}&depth=0`, { token: world.tokens.owner })
    expect(deposits.body.docs[0]).toMatchObject({ status: 'reversed', reversedAmount: 20_000, remainingAmount: 0, fromPayment: paid.body.transaction.id })
    // Neither the payment nor its deposit is money received any more.
    const history = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    expect(history.body.docs).toEqual([])
    await expectLedgerClean()
  })

  it('the excess kept at the POS, already used on a later bill: reversing the payment is 422 and writes nothing', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(30_000)],
      payments: [{ method: 'card', amount: 50_000 }],
      keepExcessAsAdvance: true,
    })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    const payment = sale.body.transactions.find((tx: { amount: number }) => tx.amount === 30_000).id
    const used = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(5_000)], useAdvance: 5_000 })
    expect(used.status, JSON.stringify(used.body)).toBe(201)
    const refused = await world.api.post(`/api/transactions/${payment}/reverse`, { token: world.tokens.owner, body: { reason: 'charge-back' } })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toMatch(/reverse that use first/)
    expect(await customerRow(world, customer.id)).toMatchObject({ advanceBalance: 15_000, totalPaid: 50_000 })

    // Void the bill that used it (its advance goes back), then the reversal goes through.
    expect((await world.api.post(`/api/invoices/${used.body.bill.id}/void`, { token: world.tokens.owner, body: { reason: 'redo' } })).status).toBe(200)
    const ok = await world.api.post(`/api/transactions/${payment}/reverse`, { token: world.tokens.owner, body: { reason: 'charge-back' } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    expect(await customerRow(world, customer.id)).toMatchObject({ pendingBalance: 30_000, advanceBalance: 0, totalPaid: 0 })
    await expectLedgerClean()
  })
})
