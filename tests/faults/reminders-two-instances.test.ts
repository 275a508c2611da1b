/**
 * SPEC §11 / issue 18: two app instances working the same queue. Two production servers on
 * two ports share one database, both with the jobs queue on (the minute cron queues the due
 * reminders, autoRun sends them on every instance). Ten customers owe a pay-later bill whose
 * due-day step goes by SMS to a slow provider that refuses the first calls with a 500. Every
 * reminder settles; the provider accepted each one exactly once (Idempotency-Key), a refused
 * one was sent again only after its refusal, and every attempt is in reminder_attempts.
 */
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver'

import { login, productionHarness, type Harness, type ServerInstance } from './productionServer'

const CUSTOMERS = 10
const REFUSED = 3
/** The cron queues at :00 and sends at :30 each minute; a refusal waits 30 s and the next :30. */
const SETTLE_WITHIN_MS = 300_000

let harness: Harness
let second: ServerInstance
let receiver: WebhookReceiver

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  process.env.REMINDER_WEBHOOK_URL = receiver.url
  // Both servers run the queue themselves (the minute cron), as in production.
  delete process.env.TALLY_JOBS
  delete process.env.TALLY_SERVER_URL
  harness = await productionHarness()
  await harness.start()
  second = await harness.another()
  await second.start()
}, 240_000)

afterAll(async () => {
  await harness?.stop()
  await receiver?.close()
})

it('two instances on one queue send each reminder at most once, every attempt recorded', async () => {
  const owner = await login(harness.url, 'owner@demo.tally')
  const headers = { 'Content-Type': 'application/json', Authorization: `JWT ${owner}` }
  const post = (path: string, body: unknown) => fetch(`${harness.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  const stores = (await (await fetch(`${harness.url}/api/stores?where[name][equals]=Demo%20Salon`, { headers })).json()) as { docs: { id: number }[] }
  const store = stores.docs[0]!.id
  // The provider is slow (both instances are mid-send together) and refuses the first calls.
  receiver.delayMs = 1_500
  receiver.answers = Array.from({ length: REFUSED }, () => 500)

  const customers: number[] = []
  for (let index = 0; index < CUSTOMERS; index++) {
    const phone = `+9190000620${String(index).padStart(2, '0')}`
    const resolved = (await (await post('/api/customers/resolve', { store, phone, name: `Two Instances ${index}` })).json()) as { customer: { id: number } }
    const id = resolved.customer.id
    // The demo ladder's due-day step is a WhatsApp-by-hand one: these customers prefer SMS (the provider).
    const patched = await fetch(`${harness.url}/api/customers/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ preferredChannel: 'sms' }) })
    expect(patched.status).toBe(200)
    const sale = await post('/api/pos/checkout', { store, customer: id, items: [{ description: 'Colour', quantity: 1, unitPrice: 50_000 + index * 100 }], payments: [] })
    expect(sale.status).toBe(201)
    customers.push(id)
  }

  const db = new pg.Client({ connectionString: harness.databaseUri })
  await db.connect()
  try {
    const ours = async () =>
      (
        await db.query<{ id: number; customer_id: number; status: string; attempts: string; text: string | null }>(
          `SELECT r.id, r.customer_id, r.status, r.attempts, r.text FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id
            WHERE r.customer_id = ANY($1::int[]) AND rr.offset_days = 0 ORDER BY r.id`,
          [customers],
        )
      ).rows
    const planned = await ours()
    // One due reminder per customer (the due-day step of their bill).
    expect(planned.map((row) => row.customer_id).sort()).toEqual([...customers].sort())
    expect(planned.every((row) => row.status === 'scheduled')).toBe(true)

    // Nobody runs the queue but the two servers' cron: wait until every reminder is settled.
    const deadline = Date.now() + SETTLE_WITHIN_MS
    let rows = planned
    while (Date.now() < deadline) {
      rows = await ours()
      if (rows.every((row) => row.status !== 'scheduled')) break
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    const stalled = rows.filter((row) => row.status === 'scheduled')
    if (stalled.length) {
      // Why a reminder never settled: its sendReminder jobs, as the two instances left them.
      const jobs = await db.query(
        `SELECT j.id, j.input->>'reminder' AS reminder, j.completed_at, j.total_tried, j.has_error, j.processing, j.wait_until,
                (SELECT json_agg(json_build_object('state', l.state, 'output', l.output, 'error', l.error) ORDER BY l._order) FROM payload_jobs_log l WHERE l._parent_id = j.id) AS log
           FROM payload_jobs j WHERE j.task_slug = 'sendReminder' AND (j.input->>'reminder')::int = ANY($1::int[])`,
        [stalled.map((row) => row.id)],
      )
      console.log(`[two instances] stalled reminders' jobs: ${JSON.stringify(jobs.rows, null, 1)}`)
    }
    expect(stalled).toEqual([])
    // Let any straggling duplicate run of a job (the other instance's) finish before counting calls.
    await new Promise((resolve) => setTimeout(resolve, receiver.delayMs + 3_000))
    // Nothing in the way of sending them (no opt-out, no quiet hours for the test): all go out.
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'sent'))

    // The provider's view. The first REFUSED calls were answered 500, every later one 200.
    const calls = receiver.calls.map((call, index) => ({
      reminder: call.body.reminder,
      key: call.headers['idempotency-key'],
      status: index < REFUSED ? 500 : 200,
      text: call.body.text,
    }))
    for (const call of calls) expect(call.key).toBe(`tally-reminder-${call.reminder}`)
    // Each reminder (ours and any of the demo's) was accepted at most once.
    const accepted = new Map<string, number>()
    for (const call of calls.filter((entry) => entry.status === 200)) accepted.set(String(call.key), (accepted.get(String(call.key)) ?? 0) + 1)
    for (const [key, count] of accepted) expect({ key, count }).toEqual({ key, count: 1 })
    // Every sent reminder of ours was accepted exactly once, and called only again after a refusal.
    for (const row of rows) {
      const received = calls.filter((call) => call.reminder === row.id)
      expect(received.filter((call) => call.status === 200)).toHaveLength(1)
      expect(received.filter((call) => call.status === 500)).toHaveLength(received.length - 1)
    }
    const refusedIds = calls.filter((call) => call.status === 500).map((call) => call.reminder)

    // Every attempt is recorded: a refused one `failed`, the accepted one `sent`, none open.
    for (const row of rows) {
      const attempts = await db.query<{ attempt: number; outcome: string | null }>('SELECT attempt, outcome FROM reminder_attempts WHERE reminder_id = $1 ORDER BY attempt', [
        row.id,
      ])
      const refusals = refusedIds.filter((id) => id === row.id).length
      expect(attempts.rows).toEqual([...Array.from({ length: refusals }, (_, index) => ({ attempt: index + 1, outcome: 'failed' })), { attempt: refusals + 1, outcome: 'sent' }])
      expect(Number(row.attempts)).toBe(refusals + 1)
    }

    // Which instance wrote each message (its link is on that server's port, TALLY_SERVER_URL unset):
    // reported, not asserted — which of the two claims a reminder first is a race.
    const ports = rows.map((row) => /localhost:(\d+)\//.exec(row.text ?? '')?.[1])
    const byPort = new Map<string, number>()
    for (const port of ports) byPort.set(String(port), (byPort.get(String(port)) ?? 0) + 1)
    const instancePorts = [new URL(harness.url).port, new URL(second.url).port]
    for (const port of byPort.keys()) expect(instancePorts).toContain(port)
    console.log(`[two instances] first attempts by port: ${JSON.stringify(Object.fromEntries(byPort))} (servers ${instancePorts.join(', ')}); provider calls: ${calls.length}`)
  } finally {
    await db.end()
  }
})
