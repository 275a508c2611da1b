/**
 * Crash test (issue 7): checkouts with idempotency keys in a loop while the production
 * server is killed with SIGKILL at random moments 20+ times and restarted; unfinished keys
 * are retried. Afterwards every key is paid exactly once and ledger:verify is clean.
 */
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { login, productionHarness, type Harness } from './productionServer'

const KEYS = Number(process.env.CRASH_KEYS ?? 80)
const KILLS = Number(process.env.CRASH_KILLS ?? 20)
let harness: Harness

beforeAll(async () => {
  harness = await productionHarness()
  await harness.start()
}, 180_000)

afterAll(async () => {
  await harness?.stop()
})

it(`every key is paid exactly once across ${KILLS} kill -9s`, async () => {
  const token = await login(harness.url, 'cashier@demo.tally')
  const headers = { 'Content-Type': 'application/json', Authorization: `JWT ${token}` }
  const stores = (await (await fetch(`${harness.url}/api/stores`, { headers })).json()) as { docs: { id: number }[] }
  const store = stores.docs[0]!.id
  const resolved = (await (
    await fetch(`${harness.url}/api/customers/resolve`, { method: 'POST', headers, body: JSON.stringify({ store, phone: '+919000012345', name: 'Crash Test' }) })
  ).json()) as { customer: { id: number } }
  const customer = resolved.customer.id

  const keys = Array.from({ length: KEYS }, (_, i) => `crash-${Date.now()}-${i}`)
  const results = new Map<string, { bill: { id: number } }>()
  let attempts = 0
  let extra = 0
  let killsDone = 0
  let restarting: Promise<void> | null = null

  const killer = (async () => {
    for (let i = 0; i < KILLS; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 900))
      harness.kill()
      killsDone += 1
      restarting = harness.start()
      await restarting
      restarting = null
    }
  })()

  const worker = async (mine: string[]) => {
    for (const key of mine) {
      for (;;) {
        attempts += 1
        try {
          const response = await fetch(`${harness.url}/api/pos/checkout`, {
            method: 'POST',
            headers: { ...headers, 'Idempotency-Key': key },
            body: JSON.stringify({
              store,
              customer,
              items: [{ description: `Item ${key.slice(-24)}`, quantity: 1, unitPrice: 1_000 }],
              payments: [{ method: 'cash', amount: 1_000 }],
            }),
            signal: AbortSignal.timeout(15_000),
          })
          if (response.status === 201) {
            results.set(key, (await response.json()) as { bill: { id: number } })
            break
          }
          const text = await response.text()
          if (response.status < 500) throw new Error(`refused: ${response.status} ${text}`) // only crashes, never a refusal
        } catch (error) {
          // connection refused / reset while the server is down: retry the same key
          if (error instanceof Error && error.message.startsWith('refused')) throw error
          if (process.env.CRASH_DEBUG) console.log(`retry ${key}: ${error instanceof Error ? error.message : String(error)}`)
        }
        await (restarting ?? new Promise((resolve) => setTimeout(resolve, 100)))
      }
      // keep the load going until the killer is done
      if (killsDone < KILLS && mine.indexOf(key) === mine.length - 1) mine.push(`crash-extra-${Date.now()}-${(extra += 1)}`)
    }
  }
  const lanes = [0, 1, 2, 3].map((lane) => keys.filter((_, index) => index % 4 === lane))
  await Promise.all([killer, ...lanes.map((lane) => worker(lane))])
  expect(killsDone).toBeGreaterThanOrEqual(KILLS)

  const allKeys = [...results.keys()]
  const client = new pg.Client({ connectionString: harness.databaseUri })
  await client.connect()
  try {
    const bills = await client.query('SELECT count(*)::int AS n FROM invoices WHERE customer_id = $1', [customer])
    expect(bills.rows[0].n).toBe(allKeys.length)
    expect(new Set([...results.values()].map((result) => result.bill.id)).size).toBe(allKeys.length)
    const payments = await client.query("SELECT count(*)::int AS n, coalesce(sum(amount), 0)::int AS total FROM transactions WHERE customer_id = $1 AND kind = 'payment'", [
      customer,
    ])
    expect(payments.rows[0]).toEqual({ n: allKeys.length, total: allKeys.length * 1_000 })
    const { drizzle } = await import('drizzle-orm/node-postgres')
    const { verifyLedger } = await import('../../src/services/verifyLedger')
    const { drifts } = await verifyLedger(drizzle({ client }) as never)
    expect(drifts).toEqual([])
  } finally {
    await client.end()
  }
  console.log(`crash test: ${allKeys.length} keys, ${attempts} attempts, ${killsDone} kill -9s, every key paid once, ledger clean`)
}, 900_000)
