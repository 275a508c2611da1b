/**
 * SPEC §11 / issue 18: `kill -9` of the production server while it is sending a reminder
 * (the SMS provider has the request and has not answered), then a restart. The reminder is
 * not sent again — the provider saw exactly one call — it ends `failed` with the interrupted
 * attempt kept as `unknown`, and a reminder planned after the restart goes out normally.
 */
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver'

import { login, productionHarness, type Harness } from './productionServer'

let harness: Harness
let receiver: WebhookReceiver

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  process.env.REMINDER_WEBHOOK_URL = receiver.url
  process.env.TALLY_REMINDER_LEASE_SECONDS = '2'
  // The test runs the queue itself (POST /api/reminders/run), not the minute cron.
  process.env.TALLY_JOBS = 'off'
  harness = await productionHarness()
  await harness.start()
}, 180_000)

afterAll(async () => {
  await harness?.stop()
  await receiver?.close()
})

it('a reminder being sent when the server is killed is never sent twice', async () => {
  const owner = await login(harness.url, 'owner@demo.tally')
  const headers = { 'Content-Type': 'application/json', Authorization: `JWT ${owner}` }
  const post = (path: string, body: unknown) => fetch(`${harness.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  const stores = (await (await fetch(`${harness.url}/api/stores?where[name][equals]=Demo%20Salon`, { headers })).json()) as { docs: { id: number }[] }
  const store = stores.docs[0]!.id
  const customerFor = async (phone: string) => {
    const resolved = (await (await post('/api/customers/resolve', { store, phone, name: `Kill Test ${phone.slice(-4)}` })).json()) as { customer: { id: number } }
    const id = resolved.customer.id
    // The demo ladder's due-day step is a WhatsApp-by-hand one: this customer prefers SMS (the provider).
    const patched = await fetch(`${harness.url}/api/customers/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ preferredChannel: 'sms' }) })
    expect(patched.status).toBe(200)
    const sale = await post('/api/pos/checkout', { store, customer: id, items: [{ description: 'Colour', quantity: 1, unitPrice: 50_000 }], payments: [] })
    expect(sale.status).toBe(201)
    return id
  }
  const db = new pg.Client({ connectionString: harness.databaseUri })
  await db.connect()
  try {
    const first = await customerFor('+919000054321')
    // The provider takes every call and never answers; the server is killed once ours is in.
    receiver.delayMs = 600_000
    const running = post('/api/reminders/run', { store }).catch((error: Error) => error)
    const deadline = Date.now() + 120_000
    while (!receiver.calls.some((call) => call.body.customer.id === first) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    harness.kill()
    expect(await running).toBeInstanceOf(Error)
    const interrupted = [...new Set(receiver.calls.map((call) => call.body.reminder))]
    const reminderId = receiver.calls.find((call) => call.body.customer.id === first)!.body.reminder

    await harness.start()
    receiver.delayMs = 0
    await new Promise((resolve) => setTimeout(resolve, 2_500)) // the dead sender's claim lapses
    const again = await post('/api/reminders/run', { store })
    expect(again.status).toBe(200)
    // Every reminder that was in flight (ours, and any of the demo's) reached the provider once.
    for (const id of interrupted) expect(receiver.calls.filter((call) => call.body.reminder === id)).toHaveLength(1)
    const { rows } = await db.query('SELECT status, reason, attempts FROM reminders WHERE id = $1', [reminderId])
    expect(rows[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('not sent again') })
    const attempts = await db.query('SELECT attempt, outcome FROM reminder_attempts WHERE reminder_id = $1 ORDER BY attempt', [reminderId])
    expect(attempts.rows).toEqual([{ attempt: 1, outcome: 'unknown' }])

    // After the restart the queue works as before: a new reminder goes out once.
    const second = await customerFor('+919000054322')
    const run = await post('/api/reminders/run', { store })
    expect(run.status).toBe(200)
    const sent = receiver.calls.filter((call) => call.body.customer.id === second)
    expect(sent).toHaveLength(1)
    const { rows: secondRows } = await db.query('SELECT status, attempts FROM reminders WHERE id = $1', [sent[0]!.body.reminder])
    expect(secondRows[0]).toMatchObject({ status: 'sent', attempts: '1' })
  } finally {
    await db.end()
  }
})
