/**
 * The database refuses corrupt rows on its own, and ledger:verify finds any drift.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'
import { verifyLedger } from '@/services/verifyLedger'

import { testPayload } from '../helpers/payload'
import { checkoutAs, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
let customerId: number
let billId: number
const db = async () => (await testPayload()).db.drizzle

beforeAll(async () => {
  world = await newWorld()
  customerId = (await newCustomer(world)).id
  const { body } = await checkoutAs(world, world.tokens.cashier, {
    customer: customerId,
    items: [{ description: 'Colour', quantity: 1, unitPrice: 100_000 }],
    payments: [{ method: 'cash', amount: 40_000 }],
  })
  billId = body.bill.id
})

/** What Postgres said (drizzle wraps it as the cause of "Failed query: …"). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query
  } catch (error) {
    const cause = (error as { cause?: { message?: string; constraint?: string } }).cause
    return `${cause?.message ?? String(error)} ${cause?.constraint ?? ''}`
  }
  return 'accepted'
}

function runVerify(): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/verify.ts'], {
      env: { ...process.env, DATABASE_URI: process.env.TALLY_EMBEDDED_DATABASE_URI },
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

describe('the database refuses corrupt rows', () => {
  it('ledger rows cannot be updated or deleted, even in SQL', async () => {
    expect(await refusal((await db()).execute(sql`UPDATE transactions SET amount = amount + 1 WHERE customer_id = ${customerId}`))).toMatch(/append-only/)
    expect(await refusal((await db()).execute(sql`DELETE FROM allocations WHERE invoice_id = ${billId}`))).toMatch(/append-only/)
  })

  it('amounts must be positive and balances cannot go negative', async () => {
    expect(await refusal((await db()).execute(sql`INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id)
                               VALUES (${world.store.id}, now(), 'income', 'payment', -5, 'cash', ${customerId})`))).toMatch(/transactions_amount_positive/)
    expect(await refusal((await db()).execute(sql`UPDATE customers SET pending_balance = -1 WHERE id = ${customerId}`))).toMatch(/customers_balances_not_negative/)
    expect(await refusal((await db()).execute(sql`UPDATE invoices SET amount_paid = total + 1 WHERE id = ${billId}`))).toMatch(/invoices_amounts_valid/)
  })

  it('a phone is unique per store', async () => {
    const { rows } = await (await db()).execute(sql`SELECT phone FROM customers WHERE id = ${customerId}`)
    expect(await refusal((await db()).execute(sql`INSERT INTO customers (store_id, name, phone) VALUES (${world.store.id}, 'Twin', ${rows[0]!.phone})`))).toMatch(/customers_store_phone_key/)
  })
})

describe('ledger:verify', () => {
  it('prints each drift with entity, field, stored and recomputed value, and exits 1', async () => {
    await (await db()).execute(sql`UPDATE customers SET pending_balance = pending_balance + 100 WHERE id = ${customerId}`)
    try {
      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toContainEqual({ entity: 'customer', id: customerId, field: 'pendingBalance', stored: '60100', recomputed: '60000' })
      const run = await runVerify()
      expect(run.code).toBe(1)
      expect(run.out).toContain(`DRIFT customer #${customerId} pendingBalance: stored 60100, recomputed 60000`)
      expect(run.out).toMatch(/ledger:verify: \d+ drift\(s\)/)
    } finally {
      await (await db()).execute(sql`UPDATE customers SET pending_balance = pending_balance - 100 WHERE id = ${customerId}`)
    }
    const clean = await runVerify()
    expect(clean.out).toMatch(/ledger:verify: clean/)
    expect(clean.code).toBe(0)
  })

  it('finds an invoice whose status no longer matches its payments', async () => {
    await (await db()).execute(sql`UPDATE invoices SET status = 'paid' WHERE id = ${billId}`)
    try {
      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toContainEqual({ entity: 'invoice', id: billId, field: 'status', stored: 'paid', recomputed: 'partial' })
    } finally {
      await (await db()).execute(sql`UPDATE invoices SET status = 'partial' WHERE id = ${billId}`)
    }
  })
})

describe('ledger:verify does not trust the views it checks', () => {
  it('a view broken on purpose — advance uses left out of what an invoice has paid — is caught, though the refresh agrees with it', async () => {
    const file = readFileSync(path.resolve('src/ledger/sql/views/invoice_figures.sql'), 'utf8')
    const broken = file.replaceAll(' + coalesce(u.used, 0)', '').replaceAll(' - coalesce(u.used, 0)', '')
    expect(broken).not.toBe(file)
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 30_000, method: 'cash' } })
    const replaceView = async (text: string) => (await testPayload()).db.pool.query(`DROP VIEW invoice_figures; ${text}`)
    let bill = 0
    await replaceView(broken)
    try {
      const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Colour', quantity: 1, unitPrice: 50_000 }], useAdvance: 30_000 })
      expect(sale.status, JSON.stringify(sale.body)).toBe(201)
      bill = sale.body.bill.id
      // What the refresh wrote is what the broken view says: a check against the view sees nothing.
      const { rows } = await (await db()).execute(sql`SELECT i.amount_paid, f.amount_paid AS view_paid FROM invoices i JOIN invoice_figures f ON f.id = i.id WHERE i.id = ${bill}`)
      expect(rows[0]).toEqual({ amount_paid: '0', view_paid: '0' })

      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toEqual(
        expect.arrayContaining([
          { entity: 'invoice', id: bill, field: 'amountPaid', stored: '0', recomputed: '30000' },
          { entity: 'invoice', id: bill, field: 'amountDue', stored: '50000', recomputed: '20000' },
          { entity: 'invoice', id: bill, field: 'status', stored: 'open', recomputed: 'partial' },
          { entity: 'customer', id: customer.id, field: 'pendingBalance', stored: '50000', recomputed: '20000' },
        ]),
      )
      const run = await runVerify()
      expect(run.code).toBe(1)
      expect(run.out).toContain(`DRIFT invoice #${bill} amountPaid: stored 0, recomputed 30000`)
    } finally {
      await replaceView(file)
      if (bill) await (await db()).execute(sql`SELECT * FROM tally_refresh_customer_ledger(${customer.id}, ARRAY[${bill}]::integer[])`)
    }
    expect((await verifyLedger((await db()) as never)).drifts).toEqual([])
  })
})

describe('calendar-driven fields', () => {
  it('an invoice whose due date has passed becomes overdue on the refresh', async () => {
    const { refreshTimeDependent } = await import('@/ledger/refresh')
    const customer = await newCustomer(world)
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [{ description: 'Consulting', quantity: 1, unitPrice: 10_000 }], status: 'open', dueDate: '2099-01-01' },
    })
    expect(created.body.doc.status).toBe('open')
    // time passes: the due date is now in the past (the ledger itself did not change)
    await (await db()).execute(sql`UPDATE invoices SET due_date = now() - interval '3 days' WHERE id = ${created.body.doc.id}`)
    expect((await verifyLedger((await db()) as never)).drifts).toContainEqual(expect.objectContaining({ id: created.body.doc.id, field: 'status', recomputed: 'overdue' }))
    const changed = await refreshTimeDependent((await db()) as never)
    expect(changed.invoices).toBeGreaterThanOrEqual(1)
    const after = await world.api.get(`/api/invoices/${created.body.doc.id}`, { token: world.tokens.owner })
    expect(after.body.status).toBe('overdue')
    expect((await verifyLedger((await db()) as never)).drifts).toEqual([])
  })
})
