/**
 * The owner's reports on a hand-built store whose figures are written out below, and the
 * same figures recomputed straight from the ledger rows.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { storeDay } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
const ids: Record<string, number> = {}
const day = storeDay

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'REP' })
  const { api, tokens, store } = world
  const a = await newCustomer(world, 'Asha')
  const b = await newCustomer(world, 'Bharat Builders')
  const c = await newCustomer(world, 'Chetan')
  const d = await newCustomer(world, 'Divya')
  const e = await newCustomer(world, 'Esha')
  Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id })

  // A: bill ₹1,000 paid ₹400, then ₹100 collected → owes ₹500 (current)
  const sale = await checkoutAs(world, tokens.cashier, {
    customer: a.id,
    items: [{ description: 'Colour', quantity: 1, unitPrice: 100_000 }],
    payments: [{ method: 'cash', amount: 40_000 }],
  })
  ids.aBill = sale.body.bill.id
  await api.post(`/api/customers/${a.id}/collect`, { token: tokens.cashier, body: { amount: 10_000, method: 'upi' } })
  // B: invoice ₹10,000 issued 70 days ago, due 40 days ago, ₹2,500 paid → owes ₹7,500, 31–60 days late
  const invoice = await api.post('/api/invoices', {
    token: tokens.owner,
    body: {
      store: store.id,
      customer: b.id,
      kind: 'invoice',
      items: [{ description: 'Event', quantity: 1, unitPrice: 1_000_000 }],
      issueDate: day(-70),
      dueDate: day(-40),
      status: 'open',
    },
  })
  ids.bInvoice = invoice.body.doc.id
  await api.post(`/api/invoices/${ids.bInvoice}/payments`, { token: tokens.owner, body: { amount: 250_000, method: 'bank_transfer' } })
  // C: deposit ₹500 held
  await api.post(`/api/customers/${c.id}/advances`, { token: tokens.cashier, body: { amount: 50_000, method: 'cash' } })
  // D: bill ₹300 paid in full, then voided → ₹300 unmatched
  const voided = await checkoutAs(world, tokens.cashier, {
    customer: d.id,
    items: [{ description: 'Wax', quantity: 1, unitPrice: 30_000 }],
    payments: [{ method: 'card', amount: 30_000 }],
  })
  await api.post(`/api/invoices/${voided.body.bill.id}/void`, { token: tokens.owner, body: { reason: 'test' } })
  // an expense of ₹1,500
  await api.post('/api/transactions', {
    token: tokens.owner,
    body: { store: store.id, type: 'expense', kind: 'expense', amount: 150_000, method: 'bank_transfer', notes: 'Supplies' },
  })
})

describe('GET /api/reports/dashboard', () => {
  it('adds up income, expenses, profit and what is owed and held', async () => {
    const { status, body } = await world.api.get(`/api/reports/dashboard?store=${world.store.id}`, { token: world.tokens.owner })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({
      revenue: 40_000 + 10_000 + 250_000 + 50_000 + 30_000,
      expenses: 150_000,
      profit: 380_000 - 150_000,
      outstanding: 50_000 + 750_000,
      pendingTotal: 800_000,
      advancesHeld: 50_000,
      customersOwing: 2,
    })
    expect(body.cashFlow).toHaveLength(12)
    expect(body.cashFlow.at(-1)).toEqual({ month: day(0).slice(0, 7), income: 380_000, expense: 150_000, net: 230_000 })
    expect(body.topOwing.map((row: { id: number; pendingBalance: number }) => [row.id, row.pendingBalance])).toEqual([
      [ids.b, 750_000],
      [ids.a, 50_000],
    ])
  })

  it('equals a direct recomputation from the ledger rows', async () => {
    const { body } = await world.api.get(`/api/reports/dashboard?store=${world.store.id}&from=${day(-400)}&to=${day(0)}`, { token: world.tokens.owner })
    const db = (await testPayload()).db.drizzle
    const { rows } = await db.execute(sql`
      SELECT (SELECT sum(amount) FROM transactions WHERE store_id = ${world.store.id} AND type = 'income') AS income,
             (SELECT sum(amount) FROM transactions WHERE store_id = ${world.store.id} AND kind = 'expense') AS expense,
             (SELECT sum(i.total - coalesce((SELECT sum(amount) FROM allocations WHERE invoice_id = i.id), 0)
                                  - coalesce((SELECT sum(amount) FROM advance_utilizations WHERE invoice_id = i.id), 0))
                FROM invoices i WHERE i.store_id = ${world.store.id} AND i.status NOT IN ('draft', 'void')) AS owed`)
    expect(body.revenue).toBe(Number(rows[0]!.income))
    expect(body.expenses).toBe(Number(rows[0]!.expense))
    expect(body.profit).toBe(Number(rows[0]!.income) - Number(rows[0]!.expense))
    expect(body.outstanding).toBe(Number(rows[0]!.owed))
  })

  it('is for owners only: cashier 403, another store 404, bad dates 400', async () => {
    expect((await world.api.get(`/api/reports/dashboard?store=${world.store.id}`, { token: world.tokens.cashier })).status).toBe(403)
    expect((await world.api.get(`/api/reports/dashboard?store=${world.store.id}`, { token: world.tokens.otherOwner })).status).toBe(404)
    expect((await world.api.get(`/api/reports/dashboard?store=${world.store.id}`)).status).toBe(401)
    const bad = await world.api.get(`/api/reports/dashboard?store=${world.store.id}&from=2026-13-01`, { token: world.tokens.owner })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].data.field).toBe('from')
  })
})

describe('GET /api/reports/aging', () => {
  it('puts each open amount in its days-past-due bucket', async () => {
    const { body } = await world.api.get(`/api/reports/aging?store=${world.store.id}`, { token: world.tokens.owner })
    expect(body.buckets).toEqual({ current: 50_000, d1_30: 0, d31_60: 750_000, d61_90: 0, d90plus: 0 })
    expect(body.total).toBe(800_000)
    expect(body.customers.map((row: { customer: number; total: number }) => [row.customer, row.total])).toEqual([
      [ids.b, 750_000],
      [ids.a, 50_000],
    ])
  })
})

describe('GET /api/reports/reconciliation', () => {
  it('groups invoices by payment state, lists unmatched money and the running balance', async () => {
    const { body } = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
    expect(body.invoices.partial).toMatchObject({ count: 1, total: 100_000, amountDue: 50_000 })
    expect(body.invoices.overdue).toMatchObject({ count: 1, total: 1_000_000, amountDue: 750_000 })
    expect(body.invoices.unpaid).toMatchObject({ count: 0, total: 0 })
    expect(body.invoices.paid).toMatchObject({ count: 0 })
    expect(body.invoices.overdue.docs.map((doc: { id: number }) => doc.id)).toEqual([ids.bInvoice])
    expect(body.unmatched.map((row: { customer: { id: number }; unmatched: number }) => [row.customer.id, row.unmatched])).toEqual([[ids.d, 30_000]])
    expect(body.runningBalance.at(-1)).toMatchObject({ date: day(0), in: 380_000, out: 150_000, balance: 230_000 })
  })

  it('"match to invoice" applies unmatched money through a new allocation', async () => {
    const e = ids.e!
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 20_000, method: 'upi', customer: e },
    })
    expect(logged.status).toBe(201)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: e, items: [{ description: 'Spa', quantity: 1, unitPrice: 50_000 }] })
    const before = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
    expect(before.body.unmatched.find((row: { transaction: number }) => row.transaction === logged.body.doc.id)?.unmatched).toBe(20_000)

    const byCashier = await world.api.post(`/api/transactions/${logged.body.doc.id}/match`, { token: world.tokens.cashier, body: { invoice: sale.body.bill.id } })
    expect(byCashier.status).toBe(403)
    const matched = await world.api.post(`/api/transactions/${logged.body.doc.id}/match`, { token: world.tokens.owner, body: { invoice: sale.body.bill.id } })
    expect(matched.status, JSON.stringify(matched.body)).toBe(201)
    expect(matched.body).toMatchObject({ matched: 20_000, unmatched: 0, customer: { pendingBalance: 30_000 } })
    const invoice = await world.api.get(`/api/invoices/${sale.body.bill.id}`, { token: world.tokens.owner })
    expect(invoice.body).toMatchObject({ status: 'partial', amountPaid: 20_000 })
    const wrong = await world.api.post(`/api/transactions/${logged.body.doc.id}/match`, { token: world.tokens.owner, body: { invoice: ids.aBill } })
    expect(wrong.status).toBe(422)
    await expectLedgerClean()
  })
})
