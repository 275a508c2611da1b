/**
 * Credit cards, statements and payables (SPEC §2, §3 rule 8) over HTTP.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { nextPeriod, periodContaining } from '@/domain/billingPeriods'

import { nextDay, storeDay, storeToday } from '../helpers/dates'
import { expectLedgerClean, newWorld, type World } from '../helpers/world'

let world: World
const at = (day: string) => `${day}T12:00:00.000Z`

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'CRD' })
})

async function newCard(closingDay: number, dueDay = 20, name = 'HDFC Regalia') {
  const { status, body } = await world.api.post('/api/credit-cards', {
    token: world.tokens.owner,
    body: { store: world.store.id, name, last4: String(1000 + closingDay * 7).slice(-4), cardholder: 'R. Kumar', closingDay, dueDay },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc.id as number
}

function charge(card: number, day: string, amount: number) {
  return world.api.post('/api/transactions', {
    token: world.tokens.owner,
    body: { store: world.store.id, type: 'expense', kind: 'expense', method: 'credit_card', creditCard: card, amount, date: at(day), notes: 'Supplies' },
  })
}

async function statements(card: number) {
  const { body } = await world.api.get(`/api/credit-card-invoices?where[creditCard][equals]=${card}&sort=startDate&limit=200&depth=0`, { token: world.tokens.owner })
  return body.docs as {
    id: number
    startDate: string
    endDate: string
    isClosed: boolean
    totalAmount: number
    purchasesCount: number
    billingPeriodDays: number
    amountDue: number
    status: string
  }[]
}
const day = (iso: string) => iso.slice(0, 10)

describe('card charges land in the statement of their date', () => {
  it('creates the period on the first charge and adds it up', async () => {
    const card = await newCard(31)
    expect((await charge(card, '2026-01-15', 50_000)).status).toBe(201)
    expect((await charge(card, '2026-01-31', 20_000)).status).toBe(201)
    const [jan] = await statements(card)
    expect(jan).toMatchObject({ totalAmount: 70_000, purchasesCount: 2, billingPeriodDays: 31, isClosed: false, status: 'open' })
    expect([day(jan!.startDate), day(jan!.endDate)]).toEqual(['2026-01-01', '2026-01-31'])
    await expectLedgerClean()
  })

  it('month ends: closing day 31 gives Jan 31, Feb 29 (leap year), Mar 31 — contiguous', async () => {
    const card = await newCard(31, 10, 'Leap card')
    await charge(card, '2028-01-20', 1_000)
    await charge(card, '2028-03-05', 3_000)
    const periods = (await statements(card)).map((s) => [day(s.startDate), day(s.endDate)])
    expect(periods).toEqual([
      ['2028-01-01', '2028-01-31'],
      ['2028-02-01', '2028-02-29'],
      ['2028-03-01', '2028-03-31'],
    ])
  })

  it('closing day 30 in February ends on the 28th in a common year', async () => {
    const card = await newCard(30, 15, 'Thirty card')
    await charge(card, '2027-02-10', 1_000)
    const [feb] = await statements(card)
    expect([day(feb!.startDate), day(feb!.endDate)]).toEqual(['2027-01-31', '2027-02-28'])
  })
})

describe('closing a statement', () => {
  it('closes it, opens the next period and makes it a payable; a second close is 409', async () => {
    const card = await newCard(15, 5, 'Close card')
    await charge(card, '2026-03-10', 12_345)
    const [march] = await statements(card)
    const { status, body } = await world.api.post(`/api/credit-card-invoices/${march!.id}/close`, { token: world.tokens.owner, body: {} })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.closed).toMatchObject({ isClosed: true, totalAmount: 12_345, startDate: '2026-02-16', endDate: '2026-03-15', dueDate: '2026-04-05' })
    expect(body.next).toMatchObject({ isClosed: false, startDate: '2026-03-16', endDate: '2026-04-15' })
    expect((await world.api.post(`/api/credit-card-invoices/${march!.id}/close`, { token: world.tokens.owner, body: {} })).status).toBe(409)
    const payables = await world.api.get(`/api/payment-statuses?where[creditCardInvoice][equals]=${march!.id}`, { token: world.tokens.owner })
    expect(payables.body.docs[0]).toMatchObject({ paymentType: 'credit_card', monthYear: '2026-04', expectedAmount: 12_345, status: expect.any(String) })
  })

  it('two concurrent closes create exactly one next period', async () => {
    const card = await newCard(20, 5, 'Race card')
    await charge(card, '2026-05-01', 1_000)
    const [first] = await statements(card)
    const results = await Promise.all([1, 2].map(() => world.api.post(`/api/credit-card-invoices/${first!.id}/close`, { token: world.tokens.owner, body: {} })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(await statements(card)).toHaveLength(2)
    await expectLedgerClean()
  })

  it('a charge dated in a closed period is refused with a clear message', async () => {
    const card = await newCard(10, 1, 'Closed card')
    await charge(card, '2026-06-05', 1_000)
    const [june] = await statements(card)
    await world.api.post(`/api/credit-card-invoices/${june!.id}/close`, { token: world.tokens.owner, body: {} })
    const late = await charge(card, '2026-06-07', 2_000)
    expect(late.status).toBe(422)
    expect(late.body.errors[0].message).toMatch(/is closed; date the charge in an open period/)
    expect(late.body.errors[0].data.field).toBe('date')
  })
})

describe('closing a statement before its end date (issue 13, bug 2)', () => {
  // The store's today, and a closing day whose period began before today and ends after it.
  const today = storeToday()
  const yesterday = storeDay(-1)
  const closingDay = [28, 10, 20, 5, 15].find((candidate) => {
    const period = periodContaining(today, candidate)
    return period.startDate < today && today < period.endDate
  })!
  const close = (id: number) => world.api.post(`/api/credit-card-invoices/${id}/close`, { token: world.tokens.owner, body: {} })

  it('ends the period yesterday and opens the rest of it from today, so today’s charges are taken', async () => {
    const card = await newCard(closingDay, 20, 'Early card')
    const period = periodContaining(today, closingDay)
    expect((await charge(card, yesterday, 11_000)).status).toBe(201)
    const [current] = await statements(card)
    const { status, body } = await close(current!.id)
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.closed).toMatchObject({ isClosed: true, startDate: period.startDate, endDate: yesterday, totalAmount: 11_000 })
    expect(body.closed.label).toContain(`→ ${yesterday}`)
    expect(body.next).toMatchObject({ isClosed: false, startDate: today, endDate: period.endDate })

    const todays = await charge(card, today, 2_500)
    expect(todays.status, JSON.stringify(todays.body)).toBe(201)
    expect(todays.body.doc.creditCardInvoice.id ?? todays.body.doc.creditCardInvoice).toBe(body.next.id)
    expect((await charge(card, yesterday, 100)).status).toBe(422)
    const after = await statements(card)
    expect(after.map((s) => [day(s.startDate), day(s.endDate), s.isClosed, s.totalAmount])).toEqual([
      [period.startDate, yesterday, true, 11_000],
      [today, period.endDate, false, 2_500],
    ])
    await expectLedgerClean()
  })

  it('refuses a period that has not started, one that began today and one already holding today’s charges (422)', async () => {
    const card = await newCard(closingDay, 20, 'Future card')
    const period = periodContaining(today, closingDay)
    const later = nextPeriod(period, closingDay)
    await charge(card, today, 1_000)
    await charge(card, later.startDate, 1_000)
    const [current, future] = await statements(card)
    const notStarted = await close(future!.id)
    expect(notStarted.status).toBe(422)
    expect(notStarted.body.errors[0].message).toMatch(/has not started/)
    const holdsToday = await close(current!.id)
    expect(holdsToday.status).toBe(422)
    expect(holdsToday.body.errors[0].message).toMatch(/charges dated/)

    const other = await newCard(closingDay, 20, 'Today card')
    await charge(other, yesterday, 1_000)
    const [first] = await statements(other)
    const { body } = await close(first!.id)
    const startedToday = await close(body.next.id)
    expect(startedToday.status).toBe(422)
    expect(startedToday.body.errors[0].message).toMatch(/began today/)
    expect((await statements(other)).filter((s) => s.isClosed)).toHaveLength(1)
    await expectLedgerClean()
  })
})

describe('statement totals follow their charges', () => {
  it('after charges are added, reversed and moved across periods', async () => {
    const card = await newCard(28, 10, 'Totals card')
    const a = await charge(card, '2026-07-02', 10_000)
    await charge(card, '2026-07-20', 5_000)
    const wrongMonth = await charge(card, '2026-08-03', 7_000)
    // reverse one, and "move" another: reverse it and record it again in the other period
    expect((await world.api.post(`/api/transactions/${a.body.doc.id}/reverse`, { token: world.tokens.owner, body: { reason: 'returned goods' } })).status).toBe(201)
    await world.api.post(`/api/transactions/${wrongMonth.body.doc.id}/reverse`, { token: world.tokens.owner, body: { reason: 'wrong date' } })
    await charge(card, '2026-07-25', 7_000)
    const byPeriod = (await statements(card)).map((s) => [day(s.startDate), s.totalAmount, s.purchasesCount])
    expect(byPeriod).toEqual([
      ['2026-06-29', 5_000 + 7_000, 2],
      ['2026-07-29', 0, 0],
    ])
    const again = await world.api.post(`/api/transactions/${a.body.doc.id}/reverse`, { token: world.tokens.owner, body: { reason: 'twice' } })
    expect(again.status).toBe(409)
    await expectLedgerClean()
  })

  it('paying a closed statement: card payment → partial → paid', async () => {
    const card = await newCard(5, 25, 'Pay card')
    await charge(card, '2026-09-01', 40_000)
    const [statement] = await statements(card)
    await world.api.post(`/api/credit-card-invoices/${statement!.id}/close`, { token: world.tokens.owner, body: {} })
    const pay = (amount: number) =>
      world.api.post('/api/transactions', {
        token: world.tokens.owner,
        body: { store: world.store.id, type: 'expense', kind: 'card_payment', method: 'bank_transfer', amount, creditCardInvoice: statement!.id },
      })
    expect((await pay(15_000)).status).toBe(201)
    expect((await statements(card))[0]).toMatchObject({ amountDue: 25_000, status: expect.stringMatching(/partial|overdue/) })
    await pay(25_000)
    expect((await statements(card))[0]).toMatchObject({ amountDue: 0, status: 'paid' })
    const payable = await world.api.get(`/api/payment-statuses?where[creditCardInvoice][equals]=${statement!.id}`, { token: world.tokens.owner })
    expect(payable.body.docs[0]).toMatchObject({ expectedAmount: 40_000, amountPaid: 40_000, status: 'paid' })
    await expectLedgerClean()
  })
})

describe('payables of the month', () => {
  it('rent: pending → partial → paid by expenses; one per name and month', async () => {
    const created = await world.api.post('/api/payment-statuses', {
      token: world.tokens.owner,
      body: { store: world.store.id, name: 'Shop rent', paymentType: 'fixed', monthYear: '2099-01', dueDate: '2099-01-05', expectedAmount: 1_500_000 },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.doc.status).toBe('pending')
    const duplicate = await world.api.post('/api/payment-statuses', {
      token: world.tokens.owner,
      body: { store: world.store.id, name: 'shop rent', paymentType: 'fixed', monthYear: '2099-01', dueDate: '2099-01-05', expectedAmount: 1 },
    })
    expect(duplicate.status).toBe(400)
    const pay = (amount: number) =>
      world.api.post('/api/transactions', {
        token: world.tokens.owner,
        body: { store: world.store.id, type: 'expense', kind: 'expense', method: 'bank_transfer', amount, paymentStatus: created.body.doc.id },
      })
    await pay(500_000)
    let payable = await world.api.get(`/api/payment-statuses/${created.body.doc.id}`, { token: world.tokens.owner })
    expect(payable.body).toMatchObject({ amountPaid: 500_000, status: 'partial' })
    await pay(1_000_000)
    payable = await world.api.get(`/api/payment-statuses/${created.body.doc.id}`, { token: world.tokens.owner })
    expect(payable.body).toMatchObject({ amountPaid: 1_500_000, status: 'paid' })
    await expectLedgerClean()
  })
})

describe('summary, access and the CLI', () => {
  it('GET /api/credit-card-invoices/summary counts open and closed statements per card', async () => {
    const card = await newCard(12, 2, 'Summary card')
    await charge(card, '2026-10-05', 9_000)
    const [first] = await statements(card)
    await world.api.post(`/api/credit-card-invoices/${first!.id}/close`, { token: world.tokens.owner, body: {} })
    const { status, body } = await world.api.get(`/api/credit-card-invoices/summary?store=${world.store.id}`, { token: world.tokens.owner })
    expect(status).toBe(200)
    const row = body.cards.find((entry: { card: { id: number } }) => entry.card.id === card)
    expect(row).toMatchObject({ open: { count: 1, totalAmount: 0 }, closed: { count: 1, totalAmount: 9_000, amountDue: 9_000 } })
  })

  it('cashiers and other stores get nothing', async () => {
    const card = await newCard(3, 20, 'Private card')
    expect((await world.api.get('/api/credit-cards', { token: world.tokens.cashier })).status).toBe(403)
    expect((await world.api.get('/api/credit-card-invoices/summary', { token: world.tokens.cashier })).status).toBe(403)
    expect((await world.api.get(`/api/credit-cards/${card}`, { token: world.tokens.otherOwner })).status).toBe(404)
    await charge(card, '2026-11-01', 100)
    const [statement] = await statements(card)
    expect((await world.api.post(`/api/credit-card-invoices/${statement!.id}/close`, { token: world.tokens.cashier, body: {} })).status).toBe(403)
    expect((await world.api.post(`/api/credit-card-invoices/${statement!.id}/close`, { token: world.tokens.otherOwner, body: {} })).status).toBe(404)
    expect((await world.api.patch(`/api/credit-card-invoices/${statement!.id}`, { token: world.tokens.owner, body: { totalAmount: 1 } })).status).toBe(403)
  })

  it('npm run cards:init twice: the second run creates nothing', async () => {
    const card = await newCard(25, 5, 'Init card')
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/cardsInit.ts', '--months', '3', '--card', String(card)], {
          env: { ...process.env, DATABASE_URI: process.env.TALLY_EMBEDDED_DATABASE_URI },
        })
        let out = ''
        child.stdout.on('data', (chunk) => (out += chunk))
        child.stderr.on('data', (chunk) => (out += chunk))
        child.on('exit', (code) => resolve({ code, out }))
      })
    const first = await run()
    expect(first.code, first.out).toBe(0)
    expect(first.out).toMatch(/cards:init: [4-5] statement\(s\) created for 1 active card/)
    const second = await run()
    expect(second.out).toContain('cards:init: 0 statement(s) created for 1 active card')
    const periods = await statements(card)
    for (let i = 1; i < periods.length; i++) {
      expect(day(periods[i]!.startDate)).toBe(nextDay(day(periods[i - 1]!.endDate)))
    }
    await expectLedgerClean()
  })
})

describe('admin bulk "Recalculate"', () => {
  it('recomputes statements from their transactions (owner only)', async () => {
    const { sql } = await import('@/ledger/db')
    const { testPayload } = await import('../helpers/payload')
    const db = (await testPayload()).db.drizzle
    const card = await newCard(7, 27, 'Repair card')
    await charge(card, '2026-08-01', 4_000)
    const [statement] = await statements(card)
    await db.execute(sql`UPDATE credit_card_invoices SET total_amount = 1 WHERE id = ${statement!.id}`)
    expect((await world.api.post('/api/credit-card-invoices/recalculate', { token: world.tokens.cashier, body: { ids: [statement!.id] } })).status).toBe(403)
    const { status, body } = await world.api.post('/api/credit-card-invoices/recalculate', { token: world.tokens.owner, body: { ids: [statement!.id] } })
    expect(status).toBe(200)
    expect(body.recalculated).toBe(1)
    expect((await statements(card))[0]!.totalAmount).toBe(4_000)
    await expectLedgerClean()
  })
})
