/**
 * Database fault (issue 7): the server's Postgres connections are terminated in the middle of
 * parallel payments. Each request either commits completely or fails cleanly (5xx) — nothing
 * half-written — and a retry with the same Idempotency-Key pays exactly once.
 */
import pg from 'pg'
import { afterEach, beforeAll, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(expectLedgerClean)

async function terminateServerBackends(): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.TALLY_EMBEDDED_DATABASE_URI })
  await admin.connect()
  try {
    const { rows } = await admin.query(`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)
    return rows[0].n
  } finally {
    await admin.end()
  }
}

/**
 * The customer as the owner sees it once the fault is over. A pooled connection killed by the
 * storm can still be handed to the next request before its error event retires it; that
 * request's user lookup fails and it is refused as anonymous (401/403) — so ask again.
 */
async function customerAfterFault(id: number) {
  for (let attempt = 1; ; attempt++) {
    const { status } = await world.api.get(`/api/customers/${id}?depth=0`, { token: world.tokens.owner })
    if (status === 200 || attempt === 5) return getCustomer(world, id)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

it('payments interrupted by pg_terminate_backend fail cleanly and retry exactly once', async () => {
  const customer = await newCustomer(world)
  await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Big job', quantity: 1, unitPrice: 100_000 }] })
  const keys = Array.from({ length: 30 }, (_, i) => `fault-${customer.id}-${i}`)
  const collect = (key: string) =>
    world.api
      .post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 1_000, method: 'cash' }, headers: { 'Idempotency-Key': key } })
      .catch(() => ({ status: 599, body: null }))

  const storm = Promise.all(keys.map(collect))
  let terminated = 0
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 15 + i * 20))
    terminated += await terminateServerBackends()
  }
  const first = await storm
  expect(terminated).toBeGreaterThan(0)
  // 401: Payload's JWT strategy looks the user up in the database; when that connection is
  // killed the request is treated as anonymous — refused before anything is written.
  for (const result of first) expect([201, 401, 500, 503, 599]).toContain(result.status)
  const paidFirst = first.filter((result) => result.status === 201).length
  // 503 "unknown": the connection broke during COMMIT, so it may or may not have committed.
  const unknown = first.filter((result) => result.status === 503 && result.body?.errors?.[0]?.data?.outcome === 'unknown').length
  const pending = (await customerAfterFault(customer.id)).pendingBalance
  expect(pending).toBeLessThanOrEqual(100_000 - paidFirst * 1_000)
  expect(pending).toBeGreaterThanOrEqual(100_000 - (paidFirst + unknown) * 1_000)

  // retry every key: the ones that committed replay, the others run now
  const retried = await Promise.all(keys.map(collect))
  expect(retried.map((result) => result.status)).toEqual(keys.map(() => 201))
  const after = await getCustomer(world, customer.id)
  expect(after.pendingBalance).toBe(100_000 - keys.length * 1_000)
  expect(after.totalPaid).toBe(keys.length * 1_000)
})

it('a COMMIT that fails answers 503 and saves nothing — never a 201 for rolled-back money', async () => {
  // A deferred trigger that refuses one magic amount fails the COMMIT itself, after every
  // statement of the request succeeded (the case Payload's adapter swallowed).
  const admin = new pg.Client({ connectionString: process.env.TALLY_EMBEDDED_DATABASE_URI })
  await admin.connect()
  try {
    await admin.query(`
      CREATE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
      CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON transactions
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.amount = 4242) EXECUTE FUNCTION test_refuse_at_commit();`)
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Job', quantity: 1, unitPrice: 100_000 }] })
    const refused = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 4242, method: 'cash' } })
    expect(refused.status, JSON.stringify(refused.body)).toBe(503)
    expect(refused.body.errors[0].message).toMatch(/nothing was saved/)
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(100_000)
    // Payload's own create operation goes through the same commit.
    const logged = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'expense', kind: 'expense', amount: 4242, method: 'cash', notes: 'Refused at commit' },
    })
    expect(logged.status, JSON.stringify(logged.body)).toBe(503)
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM transactions WHERE amount = 4242`)
    expect(rows[0].n).toBe(0)
    // and an ordinary collect right after is fine
    const ok = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 4243, method: 'cash' } })
    expect(ok.status).toBe(201)
  } finally {
    await admin.query(`DROP TRIGGER IF EXISTS test_refuse_at_commit ON transactions; DROP FUNCTION IF EXISTS test_refuse_at_commit();`)
    await admin.end()
  }
})

it('a transaction that failed earlier and is then committed answers 503 too (Postgres answers COMMIT with ROLLBACK)', async () => {
  const payload = await testPayload()
  const adapter = payload.db as unknown as {
    beginTransaction: () => Promise<string | number>
    commitTransaction: (id: string | number) => Promise<void>
    sessions: Record<string | number, { db: { execute: (query: unknown) => Promise<unknown> } }>
  }
  const id = await adapter.beginTransaction()
  const tx = adapter.sessions[id]!.db
  await tx.execute(sql`SELECT 1`)
  await expect(tx.execute(sql`SELECT 1 / 0`)).rejects.toThrow() // swallowed by a caller…
  await expect(adapter.commitTransaction(id)).rejects.toMatchObject({ status: 503, data: { outcome: 'aborted' } }) // …not here

  const fine = await adapter.beginTransaction()
  await adapter.sessions[fine]!.db.execute(sql`SELECT 1`)
  await expect(adapter.commitTransaction(fine)).resolves.toBeUndefined()
})
