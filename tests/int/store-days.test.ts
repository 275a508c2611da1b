/**
 * SPEC §8: a store's day is its own. Bills, due dates, aging, daily totals and bill years
 * follow the store's time zone — here one without daylight saving (Kolkata, +05:30) and one
 * with it (New York) — whatever the hour and the server's zone. `.ci/run` also runs this
 * suite on a faked clock at instants where the store's day is not UTC's.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { agingBucket, emptyBuckets } from '@/domain/aging'
import { daysBetween } from '@/domain/dates'
import { sql } from '@/ledger/db'

import { storeDay, storeToday, storeYear2 } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

const NEW_YORK = 'America/New_York'
const item = (unitPrice: number) => ({ description: 'Service', quantity: 1, unitPrice })

describe('a bill made now belongs to the store’s today', () => {
  let world: World
  beforeAll(async () => {
    world = await newWorld({ invoicePrefix: 'DAY' })
  })

  it('its issue date is the store’s today, its number the store’s year, and it is current in aging', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000)] })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.bill.number).toBe(`DAY-${storeYear2()}-0001`)
    const invoice = await world.api.get(`/api/invoices/${body.bill.id}`, { token: world.tokens.owner })
    expect(invoice.body.issueDate.slice(0, 10)).toBe(storeToday())
    // the receipt prints the store's day too
    expect(body.receipt.text).toContain(storeToday())
    const aging = await world.api.get(`/api/reports/aging?store=${world.store.id}`, { token: world.tokens.owner })
    expect(aging.body.buckets).toEqual({ ...emptyBuckets(), current: 50_000 })
    const statement = await world.api.get(`/api/customers/${customer.id}/statement`, { token: world.tokens.cashier })
    expect(statement.body.aging.current).toBe(50_000)
    expect(statement.body.openInvoices[0].daysPastDue).toBe(0)
  })

  it('a draft posted later keeps the calendar day it was issued on; a day-only date is that day everywhere', async () => {
    const customer = await newCustomer(world)
    const issued = storeDay(-3)
    const draft = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(10_000)], issueDate: issued, dueDate: storeDay(-1) },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    const posted = await world.api.post(`/api/invoices/${draft.body.doc.id}/post`, { token: world.tokens.owner, body: {} })
    expect(posted.status, JSON.stringify(posted.body)).toBe(200)
    const invoice = await world.api.get(`/api/invoices/${draft.body.doc.id}`, { token: world.tokens.owner })
    expect(invoice.body).toMatchObject({ issueDate: `${issued}T12:00:00.000Z`, dueDate: `${storeDay(-1)}T12:00:00.000Z`, status: 'overdue' })
    expect(invoice.body.number).toBe(`DAY-${issued.slice(2, 4)}-${invoice.body.number.slice(-4)}`)
  })

  it('every database session reads bare dates in UTC, whatever zone the server runs in', async () => {
    const payload = await testPayload()
    const { rows } = await (payload.db.drizzle as any).execute(sql`SELECT current_setting('TimeZone') AS zone, '2026-12-05'::timestamptz AS day, now() AS now`)
    expect(rows[0].zone).toBe('UTC')
    // and Postgres keeps the same clock as the app (on CI, a faked one)
    expect(Math.abs(new Date(rows[0].now).getTime() - Date.now())).toBeLessThan(5 * 60_000)
    expect(new Date(rows[0].day).toISOString()).toBe('2026-12-05T00:00:00.000Z')
  })
})

describe('a store in a daylight-saving zone (America/New_York)', () => {
  let world: World
  let customer: { id: number }
  beforeAll(async () => {
    world = await newWorld({ invoicePrefix: 'NYC', timezone: NEW_YORK, currency: 'USD', locale: 'en-US' })
    customer = await newCustomer(world)
  })

  async function invoice(issueDate: string, dueDate: string, amount: number) {
    const { status, body } = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(amount)], issueDate, dueDate, status: 'open' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    return body.doc as { id: number; number: string }
  }

  const pay = (invoiceId: number, amount: number, date: string) =>
    world.api.post(`/api/invoices/${invoiceId}/payments`, { token: world.tokens.owner, body: { amount, method: 'cash', date } })

  it('payments on each side of the autumn clock change count on the store’s day', async () => {
    // 2026-11-01: clocks go back at 06:00 UTC (02:00 EDT → 01:00 EST); 01:30 happens twice.
    const bill = await invoice('2026-10-30', '2026-10-30', 100_000)
    const payments: [string, number][] = [
      ['2026-11-01T05:30:00.000Z', 1_000], // 01:30 EDT, Nov 1
      ['2026-11-01T06:30:00.000Z', 2_000], // 01:30 EST, Nov 1
      ['2026-11-02T04:30:00.000Z', 4_000], // 23:30 EST, Nov 1 (already Nov 2 in UTC)
      ['2026-11-02T05:30:00.000Z', 8_000], // 00:30 EST, Nov 2
      ['2026-11-03', 16_000], // a bare day: that day in New York
    ]
    for (const [date, amount] of payments) expect((await pay(bill.id, amount, date)).status).toBe(201)
    const { body } = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}&from=2026-10-31&to=2026-11-03`, { token: world.tokens.owner })
    expect(body.runningBalance.map((row: { date: string; in: number }) => [row.date, row.in])).toEqual([
      ['2026-11-01', 7_000],
      ['2026-11-02', 8_000],
      ['2026-11-03', 16_000],
    ])
    // the bare day is stored as noon in New York (EST, UTC−5)
    const ledger = await world.api.get(`/api/transactions?where[invoice][equals]=${bill.id}&where[amount][equals]=16000&depth=0`, { token: world.tokens.owner })
    expect(ledger.body.docs[0].date).toBe('2026-11-03T17:00:00.000Z')
    await expectLedgerClean()
  })

  it('a bare day in summer time is noon EDT, and spring-forward days count whole', async () => {
    // 2027-03-14: clocks go forward at 07:00 UTC (02:00 EST → 03:00 EDT).
    const bill = await invoice('2027-03-01', '2027-03-31', 50_000)
    expect((await pay(bill.id, 3_000, '2027-03-14T06:59:00.000Z')).status).toBe(201) // 01:59 EST
    expect((await pay(bill.id, 5_000, '2027-03-14T07:00:00.000Z')).status).toBe(201) // 03:00 EDT
    expect((await pay(bill.id, 7_000, '2027-03-15')).status).toBe(201)
    const { body } = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}&from=2027-03-14&to=2027-03-15`, { token: world.tokens.owner })
    expect(body.runningBalance.map((row: { date: string; in: number }) => [row.date, row.in])).toEqual([
      ['2027-03-14', 8_000],
      ['2027-03-15', 7_000],
    ])
    const ledger = await world.api.get(`/api/transactions?where[invoice][equals]=${bill.id}&where[amount][equals]=7000&depth=0`, { token: world.tokens.owner })
    expect(ledger.body.docs[0].date).toBe('2027-03-15T16:00:00.000Z')
  })

  it('aging counts days late from the store’s today for invoices due on each side of a change', async () => {
    const fresh = await newWorld({ invoicePrefix: 'NYA', timezone: NEW_YORK, currency: 'USD', locale: 'en-US' })
    const who = await newCustomer(fresh)
    const due = ['2026-10-31', '2026-11-02', storeDay(0, NEW_YORK), storeDay(5, NEW_YORK)]
    const expected = emptyBuckets()
    for (const [i, day] of due.entries()) {
      const amount = (i + 1) * 1_000
      const { status, body } = await fresh.api.post('/api/invoices', {
        token: fresh.tokens.owner,
        body: {
          store: fresh.store.id,
          customer: who.id,
          kind: 'invoice',
          items: [item(amount)],
          issueDate: day < storeToday(NEW_YORK) ? day : storeToday(NEW_YORK),
          dueDate: day,
          status: 'open',
        },
      })
      expect(status, JSON.stringify(body)).toBe(201)
      expected[agingBucket(daysBetween(day, storeToday(NEW_YORK)))] += amount
    }
    const { body } = await fresh.api.get(`/api/reports/aging?store=${fresh.store.id}`, { token: fresh.tokens.owner })
    expect(body.buckets).toEqual(expected)
    expect(body.buckets.current).toBeGreaterThanOrEqual(3_000 + 4_000)
  })

  it('numbers a bill with the year of the store’s day', async () => {
    const fresh = await newWorld({ invoicePrefix: 'NYN', timezone: NEW_YORK, currency: 'USD', locale: 'en-US' })
    const who = await newCustomer(fresh)
    const { body } = await checkoutAs(fresh, fresh.tokens.cashier, { customer: who.id, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] })
    expect(body.bill.number).toBe(`NYN-${storeYear2(NEW_YORK)}-0001`)
  })
})

describe('a store east of UTC+12 (Pacific/Auckland)', () => {
  it('keeps a calendar day on its day: issued 31 December is numbered in that year', async () => {
    const world = await newWorld({ invoicePrefix: 'AKL', timezone: 'Pacific/Auckland', currency: 'NZD', locale: 'en-NZ' })
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(1_000)], issueDate: '2026-12-31', dueDate: '2027-01-30', status: 'open' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.doc.number).toBe('AKL-26-0001')
    expect(created.body.doc.issueDate).toBe('2026-12-31T12:00:00.000Z')

    // Its reprint (/receipts/:id) prints the same calendar day, not the next one (noon UTC is 01:00 the next day in Auckland).
    const { createLocalReq } = await import('payload')
    const { inTransaction } = await import('@/ledger/db')
    const { billReceipt } = await import('@/services/receipts')
    const payload = await testPayload()
    const owner = (await payload.find({ collection: 'users', where: { role: { equals: 'owner' }, stores: { in: [world.store.id] } }, limit: 1, overrideAccess: true })).docs[0]!
    const req = await createLocalReq({ user: { ...owner, collection: 'users' } as never }, payload)
    const reprint = await inTransaction(req, (db) => billReceipt(db, req, created.body.doc.id))
    expect(reprint.text).toMatch(/Bill AKL-26-0001 +2026-12-31/)
  })
})
