/**
 * Issue 19: `ledger:verify --changed` re-checks only the customers with a row written since the
 * last clean run (their xmin at or after its watermark), and records every run. Tamperings
 * happen inside a transaction that is rolled back, so the shared database stays clean.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { sql, type Db } from '@/ledger/db'
import { runVerify, type VerifyRun } from '@/services/verifyRuns'

import { testPayload } from '../helpers/payload'
import { checkoutAs, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
let customerId: number
let otherId: number
let billId: number
const db = async () => (await testPayload()).db.drizzle as unknown as Db

class Rollback extends Error {}

/** `work` inside a transaction that is then rolled back. */
async function rolledBack<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  const drizzle = (await testPayload()).db.drizzle as unknown as { transaction: <R>(work: (tx: Db) => Promise<R>) => Promise<R> }
  let result: T | undefined
  await drizzle
    .transaction(async (tx) => {
      result = await work(tx)
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  return result as T
}

async function recorded(run: VerifyRun, on?: Db) {
  const { rows } = await (on ?? (await db())).execute(sql`
    SELECT mode, since_run_id, customers_checked, customers_total, drifts, clean, finished_at IS NOT NULL AS finished,
           watermark::text::bigint > 0 AS has_watermark
      FROM ledger_verify_runs WHERE id = ${run.id}`)
  return rows[0]
}

function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/verify.ts', ...args], {
      env: { ...process.env, DATABASE_URI: process.env.TALLY_EMBEDDED_DATABASE_URI },
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (out += chunk))
    child.on('exit', (code) => resolve({ code, out }))
  })
}

beforeAll(async () => {
  world = await newWorld()
  customerId = (await newCustomer(world)).id
  otherId = (await newCustomer(world)).id
  const { body } = await checkoutAs(world, world.tokens.cashier, {
    customer: customerId,
    items: [{ description: 'Colour', quantity: 1, unitPrice: 100_000 }],
    payments: [{ method: 'cash', amount: 40_000 }],
  })
  billId = body.bill.id
})

describe('ledger:verify --changed', () => {
  it('falls back to a full run when there is no clean run to start from', async () => {
    const { run, row } = await rolledBack(async (tx) => {
      await tx.execute(sql`DELETE FROM ledger_verify_runs`)
      const run = await runVerify(tx, { changed: true })
      return { run, row: await recorded(run, tx) }
    })
    expect(run).toMatchObject({ mode: 'full', fullBecause: 'no earlier clean run', drifts: [] })
    expect(run.customersChecked).toBe(run.customersTotal)
    expect(row).toMatchObject({ mode: 'full', clean: true, drifts: 0, finished: true, has_watermark: true, since_run_id: null })
  })

  it('after a clean run with nothing written since, checks 0 customers and is clean', async () => {
    const full = await runVerify(await db())
    expect(full).toMatchObject({ mode: 'full', drifts: [] })
    expect(await recorded(full)).toMatchObject({ mode: 'full', clean: true, drifts: 0, finished: true, has_watermark: true })

    const changed = await runVerify(await db(), { changed: true })
    expect(changed).toMatchObject({ mode: 'changed', since: { id: full.id }, customersChecked: 0, drifts: [] })
    expect(changed.scope).toEqual({ customers: [], transactions: [] })
    expect(await recorded(changed)).toMatchObject({ mode: 'changed', since_run_id: full.id, customers_checked: 0, clean: true, drifts: 0 })
  })

  it('after a payment, checks that customer alone, from the last clean run (itself incremental)', async () => {
    const base = await runVerify(await db(), { changed: true })
    expect(base.drifts).toEqual([])
    const { status } = await world.api.post(`/api/customers/${customerId}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
    expect(status).toBe(201)
    const changed = await runVerify(await db(), { changed: true })
    expect(changed).toMatchObject({ mode: 'changed', since: { id: base.id }, drifts: [] })
    expect(changed.scope?.customers).toEqual([customerId])
    expect(changed.customersChecked).toBe(1)
  })

  it('a balance tampered by hand after a clean run is reported — the write gave the row a new xmin', async () => {
    const clean = await runVerify(await db(), { changed: true })
    expect(clean.drifts).toEqual([])
    const { run, row } = await rolledBack(async (tx) => {
      await tx.execute(sql`UPDATE customers SET pending_balance = pending_balance + 1 WHERE id = ${otherId}`)
      const run = await runVerify(tx, { changed: true })
      return { run, row: await recorded(run, tx) }
    })
    expect(run).toMatchObject({ mode: 'changed', since: { id: clean.id }, customersChecked: 1 })
    expect(run.scope?.customers).toEqual([otherId])
    expect(run.drifts).toContainEqual({ entity: 'customer', id: otherId, field: 'pendingBalance', stored: '1', recomputed: '0' })
    expect(row).toMatchObject({ mode: 'changed', clean: false, drifts: run.drifts.length })
  })

  it("an invoice's status and a store's daily totals tampered after a clean run are reported", async () => {
    const clean = await runVerify(await db(), { changed: true })
    expect(clean.drifts).toEqual([])
    const run = await rolledBack(async (tx) => {
      await tx.execute(sql`UPDATE invoices SET status = 'open' WHERE id = ${billId}`)
      await tx.execute(sql`UPDATE ledger_daily_totals SET income = income + 3 WHERE store_id = ${world.store.id}
                             AND slot = (SELECT min(slot) FROM ledger_daily_totals WHERE store_id = ${world.store.id})`)
      return runVerify(tx, { changed: true })
    })
    expect(run.mode).toBe('changed')
    expect(run.scope?.customers).toEqual([customerId])
    expect(run.drifts).toContainEqual({ entity: 'invoice', id: billId, field: 'status', stored: 'open', recomputed: 'partial' })
    expect(run.drifts).toContainEqual(expect.objectContaining({ entity: 'store-daily-totals', id: world.store.id, field: expect.stringMatching(/ income$/) }))
  })

  it('a run with drifts is no base: the next run starts from the last clean one', async () => {
    const clean = await runVerify(await db(), { changed: true })
    expect(clean.drifts).toEqual([])
    const { drifted, next } = await rolledBack(async (tx) => {
      await tx.execute(sql`UPDATE customers SET visits = visits + 1 WHERE id = ${otherId}`)
      const drifted = await runVerify(tx, { changed: true })
      await tx.execute(sql`UPDATE customers SET visits = visits - 1 WHERE id = ${otherId}`)
      return { drifted, next: await runVerify(tx, { changed: true }) }
    })
    expect(drifted.drifts).toContainEqual(expect.objectContaining({ entity: 'customer', id: otherId, field: 'visits' }))
    expect(next).toMatchObject({ mode: 'changed', since: { id: clean.id }, drifts: [] })
    expect(next.scope?.customers).toEqual([otherId])
  })

  it('falls back to a full run when the last clean run is too old, or a store changed since', async () => {
    const clean = await runVerify(await db(), { changed: true })
    await newCustomer(world) // one more transaction since the clean run
    const old = await runVerify(await db(), { changed: true, maxWatermarkAge: 0 })
    expect(old).toMatchObject({ mode: 'full', fullBecause: `run #${clean.id} is more than 0 transactions old`, drifts: [] })
    expect(await recorded(old)).toMatchObject({ mode: 'full', clean: true })

    const store = await rolledBack(async (tx) => {
      await tx.execute(sql`UPDATE stores SET name = name WHERE id = ${world.store.id}`)
      return runVerify(tx, { changed: true })
    })
    expect(store).toMatchObject({ mode: 'full', fullBecause: `a store changed since run #${old.id}`, drifts: [] })
  })

  it('the CLI says what it checked, since which run; --help documents --changed; an unknown option is refused', async () => {
    const full = await cli([])
    expect(full.code).toBe(0)
    const fullId = Number(/run #(\d+) \(full\)/.exec(full.out)?.[1])
    const changed = await cli(['--changed'])
    expect(changed.out).toMatch(new RegExp(`ledger:verify: clean — run #\\d+: checked 0 of \\d+ customers changed since run #${fullId} \\(\\d{4}-\\d\\d-\\d\\dT`))
    expect(changed.out).toMatch(/store-wide figures in full \(store-daily-totals, /)
    expect(changed.code).toBe(0)
    const help = await cli(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/--changed +only the customers with a row written since the last clean run/)
    const wrong = await cli(['--chagned'])
    expect(wrong.code).toBe(2)
    expect(wrong.out).toMatch(/unknown option --chagned/)
  })
})
