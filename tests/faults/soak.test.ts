/**
 * Load soak (issue 7): mixed traffic at concurrency 16 against the production server for
 * SOAK_SECONDS (default 300). No request may fail, the server's memory must stay flat, and
 * every ledger invariant holds afterwards.
 */
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { login, productionHarness, rssKb, type Harness } from './productionServer'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const CONCURRENCY = 16
let harness: Harness

beforeAll(async () => {
  harness = await productionHarness()
  await harness.start()
}, 180_000)

afterAll(async () => {
  await harness?.stop()
})

it(
  `${SECONDS} s of mixed traffic at concurrency ${CONCURRENCY}: no errors, flat memory, clean ledger`,
  async () => {
    const cashier = { 'Content-Type': 'application/json', Authorization: `JWT ${await login(harness.url, 'cashier@demo.tally')}` }
    const owner = { 'Content-Type': 'application/json', Authorization: `JWT ${await login(harness.url, 'owner@demo.tally')}` }
    const store = ((await (await fetch(`${harness.url}/api/stores`, { headers: cashier })).json()) as { docs: { id: number }[] }).docs[0]!.id
    const resolve = async (phone: string, name: string) =>
      (
        (await (await fetch(`${harness.url}/api/customers/resolve`, { method: 'POST', headers: cashier, body: JSON.stringify({ store, phone, name }) })).json()) as {
          customer: { id: number }
        }
      ).customer.id
    const debtor = await resolve('+919000000001', 'Soak Debtor')
    await fetch(`${harness.url}/api/pos/checkout`, {
      method: 'POST',
      headers: cashier,
      body: JSON.stringify({ store, customer: debtor, items: [{ description: 'Annual contract', quantity: 1, unitPrice: 100_000_000 }] }),
    })
    const regulars = await Promise.all(Array.from({ length: 8 }, (_, i) => resolve(`+91900000010${i}`, `Soak Regular ${i}`)))

    type Call = { name: string; run: () => Promise<Response> }
    const calls: [number, Call][] = [
      [30, { name: 'customerList', run: () => fetch(`${harness.url}/api/customers?where[store][equals]=${store}&sort=-pendingBalance&limit=25&depth=0`, { headers: cashier }) }],
      [15, { name: 'statement', run: () => fetch(`${harness.url}/api/customers/${regulars[Math.floor(Math.random() * regulars.length)]}/statement`, { headers: cashier }) }],
      [
        20,
        {
          name: 'checkout',
          run: () =>
            fetch(`${harness.url}/api/pos/checkout`, {
              method: 'POST',
              headers: cashier,
              body: JSON.stringify({
                store,
                customer: regulars[Math.floor(Math.random() * regulars.length)],
                items: [{ description: 'Haircut', quantity: 1, unitPrice: 50_000 }],
                payments: [{ method: 'upi', amount: 50_000 }],
              }),
            }),
        },
      ],
      [
        15,
        {
          name: 'collect',
          run: () => fetch(`${harness.url}/api/customers/${debtor}/collect`, { method: 'POST', headers: cashier, body: JSON.stringify({ amount: 100, method: 'cash' }) }),
        },
      ],
      [10, { name: 'dashboard', run: () => fetch(`${harness.url}/api/reports/dashboard?store=${store}`, { headers: owner }) }],
      [5, { name: 'aging', run: () => fetch(`${harness.url}/api/reports/aging?store=${store}`, { headers: owner }) }],
      [5, { name: 'reconciliation', run: () => fetch(`${harness.url}/api/reports/reconciliation?store=${store}`, { headers: owner }) }],
    ]
    const pick = () => {
      let roll = Math.random() * 100
      for (const [weight, call] of calls) {
        if ((roll -= weight) < 0) return call
      }
      return calls[0]![1]
    }

    const counts = new Map<string, number>()
    const failures: string[] = []
    let collected = 0
    const warmUntil = Date.now() + 10_000
    let rssStart: number | null = null
    const deadline = Date.now() + SECONDS * 1000
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < deadline) {
          const call = pick()
          const response = await call.run().catch((error: unknown) => ({ ok: false, status: 0, text: async () => String(error) }) as Response)
          if (!response.ok) failures.push(`${call.name} ${response.status} ${(await response.text()).slice(0, 200)}`)
          else {
            await response.arrayBuffer()
            counts.set(call.name, (counts.get(call.name) ?? 0) + 1)
            if (call.name === 'collect') collected += 100
          }
          if (rssStart === null && Date.now() > warmUntil) rssStart = rssKb(harness.serverPid())
        }
      }),
    )
    const rssEnd = rssKb(harness.serverPid())
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0)
    console.log(
      `soak: ${total} requests in ${SECONDS}s (${Math.round(total / SECONDS)}/s), ${failures.length} errors, RSS ${rssStart} kB → ${rssEnd} kB`,
      Object.fromEntries(counts),
    )
    expect(failures.slice(0, 5)).toEqual([])
    if (rssStart && rssEnd) expect(rssEnd).toBeLessThan(rssStart * 2)

    const client = new pg.Client({ connectionString: harness.databaseUri })
    await client.connect()
    try {
      const { rows } = await client.query('SELECT pending_balance::bigint AS pending FROM customers WHERE id = $1', [debtor])
      expect(Number(rows[0].pending)).toBe(100_000_000 - collected)
      const { drizzle } = await import('drizzle-orm/node-postgres')
      const { verifyLedger } = await import('../../src/services/verifyLedger')
      expect((await verifyLedger(drizzle({ client }) as never)).drifts).toEqual([])
    } finally {
      await client.end()
    }
  },
  (SECONDS + 240) * 1000,
)
