/**
 * ledger:verify covers SPEC §9's figures with its own formulas: creditedAmount, writtenOff,
 * refunds, forfeits, the daily bad-debt and forfeit totals, write-offs equal to what they
 * allocate, gap-free credit-note numbers. Each tampering happens inside a transaction that is
 * rolled back, so the shared database stays clean for the other files.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { sql, type Db } from '@/ledger/db'
import { verifyLedger, type Drift } from '@/services/verifyLedger'

import { storeYear2 } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
const ids = { customer: 0, credited: 0, writtenOff: 0, writeOff: 0, refunded: 0, expired: 0, creditNote: 0 }

class Rollback extends Error {}

/** The drifts verify finds after `tamper`, seen inside a transaction that is then rolled back. */
async function driftsAfter(tamper: (db: Db) => Promise<unknown>): Promise<Drift[]> {
  const drizzle = (await testPayload()).db.drizzle as unknown as { transaction: <T>(work: (tx: Db) => Promise<T>) => Promise<T> }
  let drifts: Drift[] = []
  await drizzle
    .transaction(async (tx) => {
      await tamper(tx)
      drifts = (await verifyLedger(tx)).drifts
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return drifts
}

beforeAll(async () => {
  world = await newWorld({ advanceExpiryMonths: 1 } as never)
  const customer = await newCustomer(world)
  ids.customer = customer.id
  const owner = world.tokens.owner
  const credited = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Colour', quantity: 1, unitPrice: 100_000 }] })
  ids.credited = credited.body.bill.id
  const note = await world.api.post(`/api/invoices/${ids.credited}/credit-notes`, { token: owner, body: { amount: 10_000, reason: 'complaint' } })
  expect(note.status).toBe(201)
  ids.creditNote = note.body.creditNote.id
  const lost = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 30_000 }] })
  ids.writtenOff = lost.body.bill.id
  const written = await world.api.post(`/api/invoices/${ids.writtenOff}/write-off`, { token: owner, body: { reason: 'gone' } })
  expect(written.status).toBe(201)
  ids.writeOff = written.body.transaction.id
  const deposit = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 50_000, method: 'cash' } })
  ids.refunded = deposit.body.advancePayment.id
  expect((await world.api.post(`/api/advance-payments/${ids.refunded}/refund`, { token: owner, body: { amount: 20_000, method: 'cash', reason: 'x' } })).status).toBe(201)
  const old = await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 7_000, method: 'upi' } })
  ids.expired = old.body.advancePayment.id
  await (await testPayload()).db.drizzle.execute(sql`UPDATE advance_payments SET created_at = '2020-01-15T06:30:00Z' WHERE id = ${ids.expired}`)
  expect((await world.api.post('/api/advance-payments/expire', { token: owner, body: { store: world.store.id } })).body.expired).toEqual([
    { id: ids.expired, amount: 7_000, customer: customer.id },
  ])
  await expectLedgerClean()
})

describe('ledger:verify recomputes the after-sale figures (SPEC §9)', () => {
  it("an invoice's creditedAmount that is not Σ its credit notes", async () => {
    const drifts = await driftsAfter((db) => db.execute(sql`UPDATE invoices SET credited_amount = credited_amount - 1, amount_due = amount_due + 1 WHERE id = ${ids.credited}`))
    expect(drifts).toEqual(
      expect.arrayContaining([
        { entity: 'invoice', id: ids.credited, field: 'creditedAmount', stored: '9999', recomputed: '10000' },
        { entity: 'invoice', id: ids.credited, field: 'amountDue', stored: '90001', recomputed: '90000' },
      ]),
    )
  })

  it('an invoice whose writtenOff was rewritten, and one no longer written off', async () => {
    const drifts = await driftsAfter(async (db) => {
      await db.execute(sql`UPDATE invoices SET written_off = 0, amount_due = 30000, status = 'open' WHERE id = ${ids.writtenOff}`)
    })
    expect(drifts).toEqual(
      expect.arrayContaining([
        { entity: 'invoice', id: ids.writtenOff, field: 'writtenOff', stored: '0', recomputed: '30000' },
        { entity: 'invoice', id: ids.writtenOff, field: 'status', stored: 'open', recomputed: 'written_off' },
        { entity: 'invoice', id: ids.writtenOff, field: 'amountDue', stored: '30000', recomputed: '0' },
      ]),
    )
  })

  it("a deposit's refundedAmount and forfeitedAmount that disagree with its refund and forfeit rows", async () => {
    const drifts = await driftsAfter(async (db) => {
      await db.execute(sql`UPDATE advance_payments SET refunded_amount = 10000, remaining_amount = 40000 WHERE id = ${ids.refunded}`)
      await db.execute(sql`UPDATE advance_payments SET forfeited_amount = 0, remaining_amount = 7000, status = 'active' WHERE id = ${ids.expired}`)
    })
    expect(drifts).toEqual(
      expect.arrayContaining([
        { entity: 'advance-payment', id: ids.refunded, field: 'refundedAmount', stored: '10000', recomputed: '20000' },
        { entity: 'advance-payment', id: ids.refunded, field: 'remainingAmount', stored: '40000', recomputed: '30000' },
        { entity: 'advance-payment', id: ids.expired, field: 'forfeitedAmount', stored: '0', recomputed: '7000' },
        { entity: 'advance-payment', id: ids.expired, field: 'status', stored: 'active', recomputed: 'expired' },
      ]),
    )
  })

  it('daily totals of bad debt and forfeits that are not the write-off and forfeit rows', async () => {
    const drifts = await driftsAfter((db) =>
      db.execute(sql`UPDATE ledger_daily_totals SET written_off = written_off + 5, forfeited = forfeited + 7 WHERE store_id = ${world.store.id}`),
    )
    const fields = drifts.filter((drift) => drift.entity === 'store-daily-totals' && drift.id === world.store.id).map((drift) => drift.field.split(' ')[1])
    expect(fields).toEqual(expect.arrayContaining(['writtenOff', 'forfeited']))
  })

  it('a write-off that writes off more than it allocates', async () => {
    const drifts = await driftsAfter(async (db) => {
      await db.execute(sql`ALTER TABLE transactions DISABLE TRIGGER transactions_append_only`)
      await db.execute(sql`UPDATE transactions SET amount = amount + 1 WHERE id = ${ids.writeOff}`)
    })
    expect(drifts).toContainEqual({ entity: 'transaction', id: ids.writeOff, field: 'writeOff=allocated', stored: '30001', recomputed: '30000' })
  })

  it('a gap in the credit-note numbers of a store and year', async () => {
    const drifts = await driftsAfter((db) =>
      db.execute(sql`
        INSERT INTO credit_notes (store_id, customer_id, invoice_id, number, amount, reason, date)
        VALUES (${world.store.id}, ${ids.customer}, ${ids.credited}, ${`CN-${storeYear2()}-0003`}, 1, 'typed by hand', now())`),
    )
    expect(drifts).toEqual(
      expect.arrayContaining([
        { entity: 'credit-notes', id: world.store.id, field: `gapFree CN-${storeYear2()}-`, stored: '2', recomputed: '3' },
        { entity: 'invoice', id: ids.credited, field: 'creditedAmount', stored: '10000', recomputed: '10001' },
      ]),
    )
  })

  it('nothing of it stays: the database is clean afterwards', async () => {
    await expectLedgerClean()
  })
})
