/**
 * The report summaries the database keeps (migration report_totals): money per store-local
 * day and the unmatched part of each payment — exact after every kind of write, rebuilt
 * when the store's time zone changes, and checked by ledger:verify.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/services/db'
import { verifyLedger } from '@/services/verifyLedger'

import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
const db = async () => (await testPayload()).db.drizzle

async function expense(amount: number, date: string) {
  const logged = await world.api.post('/api/transactions', {
    token: world.tokens.owner,
    body: { store: world.store.id, type: 'expense', kind: 'expense', amount, method: 'cash', date, notes: 'Rent' },
  })
  expect(logged.status, JSON.stringify(logged.body)).toBe(201)
  return logged.body.doc.id as number
}

async function dashboard(from: string, to: string) {
  const { status, body } = await world.api.get(`/api/reports/dashboard?store=${world.store.id}&from=${from}&to=${to}`, { token: world.tokens.owner })
  expect(status, JSON.stringify(body)).toBe(200)
  return body as { revenue: number; expenses: number; cashFlow: { month: string; income: number; expense: number }[] }
}

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'DAY', timezone: 'Asia/Kolkata' })
})

describe('daily totals', () => {
  it('count an entry on its store-local day: 20:00 UTC on 10 March is 11 March in Kolkata', async () => {
    await expense(123_400, '2025-03-10T20:00:00.000Z')
    await expense(5_000, '2025-03-10T12:00:00.000Z')
    expect((await dashboard('2025-03-10', '2025-03-10')).expenses).toBe(5_000)
    expect((await dashboard('2025-03-11', '2025-03-11')).expenses).toBe(123_400)
    const march = (await dashboard('2025-03-01', '2025-03-31')).cashFlow
    expect(march).toEqual([{ month: '2025-03', income: 0, expense: 128_400, net: -128_400 }])
    await expectLedgerClean()
  })

  it('move with the store when its time zone changes, and back', async () => {
    const payload = await testPayload()
    await payload.update({ collection: 'stores', id: world.store.id, data: { timezone: 'UTC' }, overrideAccess: true })
    expect((await dashboard('2025-03-10', '2025-03-10')).expenses).toBe(128_400)
    expect((await dashboard('2025-03-11', '2025-03-11')).expenses).toBe(0)
    await expectLedgerClean()
    await payload.update({ collection: 'stores', id: world.store.id, data: { timezone: 'Asia/Kolkata' }, overrideAccess: true })
    expect((await dashboard('2025-03-11', '2025-03-11')).expenses).toBe(123_400)
    await expectLedgerClean()
  })

  it('stay exact under 20 parallel checkouts of one store', async () => {
    const customers = await Promise.all(Array.from({ length: 20 }, (_, index) => newCustomer(world, `Parallel ${index}`)))
    const today = new Date().toISOString().slice(0, 10)
    const before = await dashboard('2025-01-01', today)
    const sales = await Promise.all(
      customers.map((customer, index) =>
        checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 10_000 + index }], payments: [{ method: 'cash', amount: 10_000 + index }] }),
      ),
    )
    expect(sales.map((sale) => sale.status)).toEqual(customers.map(() => 201))
    const after = await dashboard('2025-01-01', today)
    expect(after.revenue - before.revenue).toBe(20 * 10_000 + (19 * 20) / 2)
    const { rows } = await (await db()).execute(sql`SELECT count(DISTINCT slot) AS slots FROM ledger_daily_totals WHERE store_id = ${world.store.id}`)
    expect(Number(rows[0]!.slots)).toBeGreaterThanOrEqual(1)
    await expectLedgerClean()
  })

  it('a tampered total is a drift that ledger:verify names', async () => {
    const handle = await db()
    await handle.execute(sql`UPDATE ledger_daily_totals SET expenses = expenses + 1 WHERE store_id = ${world.store.id} AND day = '2025-03-11' AND slot = (SELECT min(slot) FROM ledger_daily_totals WHERE store_id = ${world.store.id} AND day = '2025-03-11')`)
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual({ entity: 'store-daily-totals', id: world.store.id, field: '2025-03-11 expenses', stored: '123401', recomputed: '123400' })
    } finally {
      await handle.execute(sql`UPDATE ledger_daily_totals SET expenses = expenses - 1 WHERE store_id = ${world.store.id} AND day = '2025-03-11' AND slot = (SELECT min(slot) FROM ledger_daily_totals WHERE store_id = ${world.store.id} AND day = '2025-03-11')`)
    }
    await expectLedgerClean()
  })
})

describe('unmatched payments', () => {
  it('follow a payment from unmatched to matched, and a voided bill back to unmatched', async () => {
    const customer = await newCustomer(world, 'Meera')
    const unmatchedOf = async (transaction: number) => {
      const { rows } = await (await db()).execute(sql`SELECT amount FROM unmatched_payments WHERE transaction_id = ${transaction}`)
      return rows[0] ? Number(rows[0].amount) : 0
    }
    // A checkout paid in full leaves nothing unmatched.
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Facial', quantity: 1, unitPrice: 60_000 }], payments: [{ method: 'cash', amount: 60_000 }] })
    expect(await unmatchedOf(sale.body.transactions[0].id)).toBe(0)
    // A logged payment without an invoice is unmatched in full…
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 25_000, method: 'upi', customer: customer.id },
    })
    expect(logged.status).toBe(201)
    expect(await unmatchedOf(logged.body.doc.id)).toBe(25_000)
    // …until matched to an open bill.
    const open = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Spa', quantity: 1, unitPrice: 40_000 }] })
    const matched = await world.api.post(`/api/transactions/${logged.body.doc.id}/match`, { token: world.tokens.owner, body: { invoice: open.body.bill.id } })
    expect(matched.status, JSON.stringify(matched.body)).toBe(201)
    expect(await unmatchedOf(logged.body.doc.id)).toBe(0)
    // Voiding the paid bill frees its payment: unmatched again.
    const voided = await world.api.post(`/api/invoices/${sale.body.bill.id}/void`, { token: world.tokens.owner, body: { reason: 'wrong customer' } })
    expect(voided.status, JSON.stringify(voided.body)).toBe(200)
    expect(await unmatchedOf(sale.body.transactions[0].id)).toBe(60_000)
    const report = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
    expect(report.body.unmatched).toContainEqual(expect.objectContaining({ transaction: sale.body.transactions[0].id, amount: 60_000, allocated: 0, unmatched: 60_000 }))
    await expectLedgerClean()
  })

  it('a rolled-back payment leaves no row, and a tampered row is a drift', async () => {
    const handle = await db()
    const { rows: before } = await handle.execute(sql`SELECT count(*) AS n FROM unmatched_payments`)
    const customer = await newCustomer(world, 'Rollback')
    const refused = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 100, method: 'cash' } })
    expect(refused.status).toBe(422)
    const { rows: after } = await handle.execute(sql`SELECT count(*) AS n FROM unmatched_payments`)
    expect(after[0]!.n).toBe(before[0]!.n)

    const { rows } = await handle.execute(sql`SELECT transaction_id FROM unmatched_payments WHERE store_id = ${world.store.id} LIMIT 1`)
    const id = Number(rows[0]!.transaction_id)
    await handle.execute(sql`UPDATE unmatched_payments SET amount = amount + 7 WHERE transaction_id = ${id}`)
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual(expect.objectContaining({ entity: 'transaction', id, field: 'unmatched' }))
    } finally {
      await handle.execute(sql`UPDATE unmatched_payments SET amount = amount - 7 WHERE transaction_id = ${id}`)
    }
    await expectLedgerClean()
  })
})

describe('invoice status totals', () => {
  it('follow each invoice through draft → open → partial → paid → void, and name a tampered row', async () => {
    const customer = await newCustomer(world, 'Status')
    const groups = async () => {
      const { body } = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
      return Object.fromEntries(Object.entries(body.invoices as Record<string, { count: number; total: number; amountDue: number }>).map(([k, v]) => [k, [v.count, v.total, v.amountDue]]))
    }
    const before = await groups()
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Bridal', quantity: 1, unitPrice: 90_000 }], payments: [{ method: 'cash', amount: 30_000 }] })
    let now = await groups()
    expect(now.partial).toEqual([before.partial![0]! + 1, before.partial![1]! + 90_000, before.partial![2]! + 60_000])
    await world.api.post(`/api/invoices/${sale.body.bill.id}/mark-paid`, { token: world.tokens.owner, body: { method: 'cash' } })
    now = await groups()
    expect(now.partial).toEqual(before.partial)
    expect(now.paid).toEqual([before.paid![0]! + 1, before.paid![1]! + 90_000, before.paid![2]!])
    await world.api.post(`/api/invoices/${sale.body.bill.id}/void`, { token: world.tokens.owner, body: { reason: 'test' } })
    expect(await groups()).toEqual(before)
    await expectLedgerClean()

    const handle = await db()
    await handle.execute(sql`UPDATE invoice_status_totals SET count = count + 1 WHERE store_id = ${world.store.id} AND status = 'void' AND slot = (SELECT min(slot) FROM invoice_status_totals WHERE store_id = ${world.store.id} AND status = 'void')`)
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual(expect.objectContaining({ entity: 'store-invoice-totals', id: world.store.id, field: 'void count' }))
    } finally {
      await handle.execute(sql`UPDATE invoice_status_totals SET count = count - 1 WHERE store_id = ${world.store.id} AND status = 'void' AND slot = (SELECT min(slot) FROM invoice_status_totals WHERE store_id = ${world.store.id} AND status = 'void')`)
    }
    await expectLedgerClean()
  })
})

describe('GET /api/reports/aging pages', () => {
  it('pages the customers by amount owed while the buckets cover everyone', async () => {
    const owing = await Promise.all([newCustomer(world, 'Owes 300'), newCustomer(world, 'Owes 200')])
    await checkoutAs(world, world.tokens.cashier, { customer: owing[0].id, items: [{ description: 'A', quantity: 1, unitPrice: 30_000 }] })
    await checkoutAs(world, world.tokens.cashier, { customer: owing[1].id, items: [{ description: 'B', quantity: 1, unitPrice: 20_000 }] })
    const all = await world.api.get(`/api/reports/aging?store=${world.store.id}&limit=1000`, { token: world.tokens.owner })
    const second = await world.api.get(`/api/reports/aging?store=${world.store.id}&limit=1&page=2`, { token: world.tokens.owner })
    expect(second.status).toBe(200)
    expect(second.body.buckets).toEqual(all.body.buckets)
    expect(second.body.total).toBe(all.body.total)
    expect(second.body).toMatchObject({ page: 2, limit: 1, totalCustomers: all.body.customers.length, totalPages: all.body.customers.length })
    expect(second.body.customers).toEqual([all.body.customers[1]])
    const past = await world.api.get(`/api/reports/aging?store=${world.store.id}&limit=1&page=99`, { token: world.tokens.owner })
    expect(past.body).toMatchObject({ customers: [], buckets: all.body.buckets, total: all.body.total, totalCustomers: all.body.customers.length })
    expect(all.body.customers.reduce((sum: number, line: { total: number }) => sum + line.total, 0)).toBe(all.body.total)
    for (const bad of ['limit=0', 'limit=1001', 'limit=abc', 'page=0']) {
      const refused = await world.api.get(`/api/reports/aging?store=${world.store.id}&${bad}`, { token: world.tokens.owner })
      expect(refused.status, bad).toBe(400)
      expect(refused.body.errors[0].data.errors[0].path, bad).toBe(bad.split('=')[0])
    }
  })
})
