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
    expect(
      await refusal(
        (await db()).execute(sql`INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id)
                               VALUES (${world.store.id}, now(), 'income', 'payment', -5, 'cash', ${customerId})`),
      ),
    ).toMatch(/transactions_amount_positive/)
    expect(await refusal((await db()).execute(sql`UPDATE customers SET pending_balance = -1 WHERE id = ${customerId}`))).toMatch(/customers_balances_not_negative/)
    expect(await refusal((await db()).execute(sql`UPDATE invoices SET amount_paid = total + 1 WHERE id = ${billId}`))).toMatch(/invoices_amounts_valid/)
  })

  it('every constraint the API maps to a 409 / 422 by name exists (issue 12 #8)', async () => {
    const { CONSTRAINTS } = await import('@/hooks/mapDataExceptions')
    const { rows } = await (
      await db()
    ).execute(sql`
      SELECT conname AS name FROM pg_constraint UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`)
    const existing = new Set(rows.map((row) => String(row.name)))
    expect(Object.keys(CONSTRAINTS).filter((name) => !existing.has(name))).toEqual([])
  })

  it('amounts are bounded in the database too (SPEC §1): 10^12 a row, 2^53 − 1 a summed figure', async () => {
    expect(await refusal((await db()).execute(sql`UPDATE invoices SET subtotal = 1000000000001, total = 1000000000001 WHERE id = ${billId}`))).toMatch(/invoices_amounts_bounded/)
    expect(await refusal((await db()).execute(sql`UPDATE customers SET pending_balance = 9007199254740992 WHERE id = ${customerId}`))).toMatch(/customers_figures_bounded/)
  })

  it('a phone is unique per store', async () => {
    const { rows } = await (await db()).execute(sql`SELECT phone FROM customers WHERE id = ${customerId}`)
    expect(await refusal((await db()).execute(sql`INSERT INTO customers (store_id, name, phone) VALUES (${world.store.id}, 'Twin', ${rows[0]!.phone})`))).toMatch(
      /customers_store_phone_key/,
    )
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

describe('ledger:verify checks that linked rows share a store (issue 12 #1)', () => {
  /** Runs `work` in a transaction that is always rolled back: ledger rows cannot be deleted. */
  async function rolledBack(work: (tx: { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }) => Promise<void>) {
    const drizzle = (await db()) as unknown as { transaction: (run: (tx: never) => Promise<void>) => Promise<void> }
    await drizzle
      .transaction(async (tx) => {
        await work(tx)
        throw new Error('rollback')
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error
      })
  }

  it("a payment of store A naming store B's payable is reported, and pays neither payable", async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: world.store.timezone }).format(new Date()).slice(0, 7)
    const payable = await world.api.post('/api/payment-statuses', {
      token: world.tokens.otherOwner,
      body: { store: world.otherStore.id, name: 'Shop rent', paymentType: 'fixed', monthYear: month, dueDate: `${month}-28T12:00:00.000Z`, expectedAmount: 50_000 },
    })
    expect(payable.status, JSON.stringify(payable.body)).toBe(201)
    const payableId = payable.body.doc.id as number
    await rolledBack(async (tx) => {
      const { rows } = await tx.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, payment_status_id, reference)
        VALUES (${world.store.id}, now(), 'income', 'payment', 100, 'cash', ${customerId}, ${payableId}, 'PROBE-1') RETURNING id`)
      const id = Number(rows[0]!.id)
      const { drifts } = await verifyLedger(tx as never)
      expect(drifts).toContainEqual({ entity: 'transaction', id, field: 'sameStore:paymentStatus', stored: String(world.store.id), recomputed: String(world.otherStore.id) })
      const figures = await tx.execute(sql`SELECT amount_paid, status FROM payable_figures WHERE id = ${payableId}`)
      expect(figures.rows[0]).toMatchObject({ amount_paid: '0', status: 'pending' })
    })
  })

  it("an expense naming its own store's payable still pays it; a customer payment naming it does not", async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: world.store.timezone }).format(new Date()).slice(0, 7)
    const payable = await world.api.post('/api/payment-statuses', {
      token: world.tokens.owner,
      body: { store: world.store.id, name: 'Electricity', paymentType: 'variable', monthYear: month, dueDate: `${month}-28T12:00:00.000Z`, expectedAmount: 10_000 },
    })
    const payableId = payable.body.doc.id as number
    await rolledBack(async (tx) => {
      await tx.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, payment_status_id, reference)
        VALUES (${world.store.id}, now(), 'expense', 'expense', 4000, 'bank_transfer', ${payableId}, 'PROBE-2')`)
      await tx.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, payment_status_id, reference)
        VALUES (${world.store.id}, now(), 'income', 'payment', 6000, 'cash', ${customerId}, ${payableId}, 'PROBE-3')`)
      const figures = await tx.execute(sql`SELECT amount_paid, status FROM payable_figures WHERE id = ${payableId}`)
      expect(figures.rows[0]).toMatchObject({ amount_paid: '4000', status: 'partial' })
    })
  })

  it('an invoice billed to another store’s customer is reported', async () => {
    const other = await world.api.post('/api/customers/resolve', {
      token: world.tokens.otherOwner,
      body: { store: world.otherStore.id, phone: '+919812345670', name: 'Elsewhere' },
    })
    await rolledBack(async (tx) => {
      await tx.execute(sql`UPDATE invoices SET customer_id = ${other.body.customer.id} WHERE id = ${billId}`)
      const { drifts } = await verifyLedger(tx as never)
      expect(drifts).toContainEqual(expect.objectContaining({ entity: 'invoice', id: billId, field: 'sameStore:customer' }))
    })
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

describe('ledger:verify — a reversed payment is spent (SPEC §9a)', () => {
  /** A ₹55 payment matched to an invoice, then reversed (a bounced cheque). */
  async function reversedPayment() {
    const customer = await newCustomer(world)
    const invoice = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [{ description: 'Hire', quantity: 1, unitPrice: 16_500 }], status: 'open' },
    })
    const paid = await world.api.post(`/api/invoices/${invoice.body.doc.id}/payments`, { token: world.tokens.owner, body: { amount: 5_500, method: 'cheque' } })
    const reversed = await world.api.post(`/api/transactions/${paid.body.transaction.id}/reverse`, { token: world.tokens.owner, body: { reason: 'bounced' } })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201)
    return { customer: customer.id, payment: paid.body.transaction.id as number }
  }

  it('finds a reversed payment listed as unmatched money (the old defect) — unmatched must be 0 once reversed', async () => {
    const { payment, customer } = await reversedPayment()
    expect((await verifyLedger((await db()) as never)).drifts).toEqual([])
    await (
      await db()
    ).execute(sql`
      INSERT INTO unmatched_payments (transaction_id, store_id, customer_id, amount) VALUES (${payment}, ${world.store.id}, ${customer}, 5500)`)
    try {
      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toContainEqual({ entity: 'transaction', id: payment, field: 'unmatched', stored: '5500', recomputed: '0' })
      const run = await runVerify()
      expect(run.code).toBe(1)
      expect(run.out).toContain(`DRIFT transaction #${payment} unmatched: stored 5500, recomputed 0`)
    } finally {
      await (await db()).execute(sql`DELETE FROM unmatched_payments WHERE transaction_id = ${payment}`)
    }
  })

  it("finds a customer's unmatchedCredit that counts a reversed payment", async () => {
    const { customer } = await reversedPayment()
    await (await db()).execute(sql`UPDATE customers SET unmatched_credit = 5500 WHERE id = ${customer}`)
    try {
      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toContainEqual({ entity: 'customer', id: customer, field: 'unmatchedCredit', stored: '5500', recomputed: '0' })
      expect(drifts).toContainEqual({ entity: 'customer', id: customer, field: 'unmatchedCredit=Σ unmatched payments', stored: '5500', recomputed: '0' })
    } finally {
      await (await db()).execute(sql`UPDATE customers SET unmatched_credit = 0 WHERE id = ${customer}`)
    }
  })

  it('finds a deposit kept from a reversed payment that is still held', async () => {
    const customer = await newCustomer(world)
    // ₹30 owed, an ₹80 cheque: ₹30 pays the bill, ₹50 is kept as a deposit from that payment.
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 3_000 }] })
    const cheque = await world.api.post(`/api/customers/${customer.id}/payments`, {
      token: world.tokens.owner,
      body: { amount: 8_000, method: 'cheque', keepExcessAsAdvance: true },
    })
    expect(cheque.body.allocations).toEqual([{ invoice: sale.body.bill.id, amount: 3_000 }])
    const reversed = await world.api.post(`/api/transactions/${cheque.body.transaction.id}/reverse`, { token: world.tokens.owner, body: { reason: 'bounced' } })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201)
    const depositId = reversed.body.reversedDeposits[0].id as number
    expect((await verifyLedger((await db()) as never)).drifts).toEqual([])
    // Tamper: the kept deposit shown as held again, as if the reversal had left it in place.
    await (await db()).execute(sql`UPDATE advance_payments SET status = 'active', reversed_amount = 0, remaining_amount = amount WHERE id = ${depositId}`)
    try {
      const { drifts } = await verifyLedger((await db()) as never)
      expect(drifts).toContainEqual({ entity: 'advance-payment', id: depositId, field: 'reversedWithPayment', stored: 'active 5000', recomputed: 'reversed 0' })
      expect(drifts).toContainEqual({ entity: 'advance-payment', id: depositId, field: 'remainingAmount', stored: '5000', recomputed: '0' })
    } finally {
      await (await db()).execute(sql`UPDATE advance_payments SET status = 'reversed', reversed_amount = amount, remaining_amount = 0 WHERE id = ${depositId}`)
    }
    expect((await verifyLedger((await db()) as never)).drifts).toEqual([])
  })
})
