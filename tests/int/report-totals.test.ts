/**
 * The report summaries the database keeps (migration report_totals): money per store-local
 * day and the unmatched part of each payment — exact after every kind of write, rebuilt
 * when the store's time zone changes, and checked by ledger:verify.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { todayIn } from '@/domain/dates'
import { sql } from '@/ledger/db'
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
    const today = todayIn(world.store.timezone)
    const before = await dashboard('2025-01-01', today)
    const sales = await Promise.all(
      customers.map((customer, index) =>
        checkoutAs(world, world.tokens.cashier, {
          customer: customer.id,
          items: [{ description: 'Cut', quantity: 1, unitPrice: 10_000 + index }],
          payments: [{ method: 'cash', amount: 10_000 + index }],
        }),
      ),
    )
    expect(sales.map((sale) => sale.status)).toEqual(customers.map(() => 201))
    const after = await dashboard('2025-01-01', today)
    expect(after.revenue - before.revenue).toBe(20 * 10_000 + (19 * 20) / 2)
    await expectLedgerClean()
  })

  it('a tampered total is a drift that ledger:verify names', async () => {
    const handle = await db()
    await handle.execute(
      sql`UPDATE ledger_daily_totals SET expenses = expenses + 1 WHERE store_id = ${world.store.id} AND day = '2025-03-11' AND slot = (SELECT min(slot) FROM ledger_daily_totals WHERE store_id = ${world.store.id} AND day = '2025-03-11')`,
    )
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual({ entity: 'store-daily-totals', id: world.store.id, field: '2025-03-11 expenses', stored: '123401', recomputed: '123400' })
    } finally {
      await handle.execute(
        sql`UPDATE ledger_daily_totals SET expenses = expenses - 1 WHERE store_id = ${world.store.id} AND day = '2025-03-11' AND slot = (SELECT min(slot) FROM ledger_daily_totals WHERE store_id = ${world.store.id} AND day = '2025-03-11')`,
      )
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
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [{ description: 'Facial', quantity: 1, unitPrice: 60_000 }],
      payments: [{ method: 'cash', amount: 60_000 }],
    })
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

  it('are kept by the database for raw SQL writes too, re-derived at COMMIT, and a tampered row is a drift', async () => {
    const customer = await newCustomer(world, 'Raw SQL')
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Hair', quantity: 1, unitPrice: 70_000 }] })
    const handle = await db()
    // One transaction: a payment of ₹500 and ₹200 of it allocated → ₹300 unmatched at COMMIT.
    const { rows: inserted } = await handle.execute(sql`
      WITH tx AS (
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
        VALUES (${world.store.id}, now(), 'income', 'payment', 50000, 'cash', ${customer.id}, 'RAW-1') RETURNING id
      ), al AS (
        INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) SELECT ${world.store.id}, id, ${sale.body.bill.id}, 20000 FROM tx
      )
      SELECT id FROM tx`)
    const id = Number(inserted[0]!.id)
    const unmatchedOf = async () => {
      const { rows } = await handle.execute(sql`SELECT amount FROM unmatched_payments WHERE transaction_id = ${id}`)
      return rows[0] ? Number(rows[0].amount) : 0
    }
    expect(await unmatchedOf()).toBe(30_000)
    await handle.execute(sql`INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) VALUES (${world.store.id}, ${id}, ${sale.body.bill.id}, 30000)`)
    expect(await unmatchedOf()).toBe(0)
    // (the raw allocations skipped the ledger service: bring the bill's derived fields along)
    await handle.execute(sql`SELECT * FROM tally_refresh_customer_ledger(${customer.id}, ARRAY[${sale.body.bill.id}]::integer[])`)

    const { rows } = await handle.execute(sql`SELECT transaction_id FROM unmatched_payments WHERE store_id = ${world.store.id} LIMIT 1`)
    const tampered = Number(rows[0]!.transaction_id)
    await handle.execute(sql`UPDATE unmatched_payments SET amount = amount + 7 WHERE transaction_id = ${tampered}`)
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual(expect.objectContaining({ entity: 'transaction', id: tampered, field: 'unmatched' }))
    } finally {
      await handle.execute(sql`UPDATE unmatched_payments SET amount = amount - 7 WHERE transaction_id = ${tampered}`)
    }
    await expectLedgerClean()
  })
})

describe('summaries under concurrent writes', () => {
  it('checkouts, draft postings and collections that keep an excess run side by side: no deadlock, nothing lost', async () => {
    const customers = await Promise.all(Array.from({ length: 12 }, (_, index) => newCustomer(world, `Mixed ${index}`)))
    const drafts = await Promise.all(
      customers.slice(0, 6).map(async (customer) => {
        const created = await world.api.post('/api/invoices', {
          token: world.tokens.owner,
          body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [{ description: 'Event', quantity: 1, unitPrice: 40_000 }] },
        })
        expect(created.status, JSON.stringify(created.body)).toBe(201)
        return created.body.doc.id as number
      }),
    )
    const results = await Promise.all([
      ...drafts.map((id) => world.api.post(`/api/invoices/${id}/post`, { token: world.tokens.owner, body: {} })),
      ...customers.slice(0, 6).map((customer, index) =>
        world.api.post(`/api/customers/${customer.id}/payments`, {
          token: world.tokens.owner,
          body: { amount: 10_000, method: 'upi', reference: `UTR-${customer.id}-${index}`, keepExcessAsAdvance: true },
        }),
      ),
      ...customers.map((customer) =>
        checkoutAs(world, world.tokens.cashier, {
          customer: customer.id,
          items: [{ description: 'Trim', quantity: 1, unitPrice: 15_000 }],
          payments: [{ method: 'cash', amount: 15_000 }],
        }),
      ),
    ])
    for (const result of results) expect(result.status, JSON.stringify(result.body)).toBeLessThan(300)
    const handle = await db()
    const { rows } = await handle.execute(sql`SELECT tally_compact_report_totals() AS folded`)
    expect(Number(rows[0]!.folded)).toBeGreaterThan(0)
    const { rows: left } = await handle.execute(sql`
      SELECT (SELECT count(*) FROM ledger_daily_totals WHERE store_id = ${world.store.id} AND slot <> 0)
           + (SELECT count(*) FROM invoice_status_totals WHERE store_id = ${world.store.id} AND slot <> 0) AS n`)
    expect(Number(left[0]!.n)).toBe(0)
    await expectLedgerClean()
  })
})

describe('invoice status totals', () => {
  it('follow each invoice through draft → open → partial → paid → void, and name a tampered row', async () => {
    const customer = await newCustomer(world, 'Status')
    const groups = async () => {
      const { body } = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
      return Object.fromEntries(
        Object.entries(body.invoices as Record<string, { count: number; total: number; amountDue: number }>).map(([k, v]) => [k, [v.count, v.total, v.amountDue]]),
      )
    }
    const before = await groups()
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [{ description: 'Bridal', quantity: 1, unitPrice: 90_000 }],
      payments: [{ method: 'cash', amount: 30_000 }],
    })
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
    await handle.execute(
      sql`UPDATE invoice_status_totals SET count = count + 1 WHERE store_id = ${world.store.id} AND status = 'void' AND slot = (SELECT min(slot) FROM invoice_status_totals WHERE store_id = ${world.store.id} AND status = 'void')`,
    )
    try {
      const { drifts } = await verifyLedger(handle as never)
      expect(drifts).toContainEqual(expect.objectContaining({ entity: 'store-invoice-totals', id: world.store.id, field: 'void count' }))
    } finally {
      await handle.execute(
        sql`UPDATE invoice_status_totals SET count = count - 1 WHERE store_id = ${world.store.id} AND status = 'void' AND slot = (SELECT min(slot) FROM invoice_status_totals WHERE store_id = ${world.store.id} AND status = 'void')`,
      )
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
