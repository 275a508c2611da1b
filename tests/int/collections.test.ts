/**
 * SPEC §11 — collections: reminder rules and the reminders they plan (in the transaction of
 * the ledger change), cancelled by the payment that clears the invoice, sent at most once by
 * Payload's jobs queue (email and a signed webhook, with retries and backoff), promises to
 * pay kept or broken from the ledger, and the collections list.
 */
import net from 'node:net'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { addDays, dayStartIn } from '@/domain/dates'
import { clockIn } from '@/domain/reminders'
import { sql } from '@/ledger/db'
import { verifyWebhookSignature } from '@/reminders/webhook'
import { deliverReminder, queueDueReminders } from '@/services/reminders'

import { nextDay, storeDay, storeMonth, storeToday } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { startSmtp, type TestSmtp } from '../helpers/smtp'
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhookReceiver'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

const SECRET = 'test-webhook-secret-0123456789'
let smtp: TestSmtp
let receiver: WebhookReceiver
const savedEnv = { url: process.env.REMINDER_WEBHOOK_URL, secret: process.env.REMINDER_WEBHOOK_SECRET }

beforeAll(async () => {
  smtp = await startSmtp()
  receiver = await startWebhookReceiver()
  process.env.REMINDER_WEBHOOK_URL = receiver.url
  process.env.REMINDER_WEBHOOK_SECRET = SECRET
})
afterAll(async () => {
  await smtp.close()
  await receiver.close()
  if (savedEnv.url === undefined) delete process.env.REMINDER_WEBHOOK_URL
  else process.env.REMINDER_WEBHOOK_URL = savedEnv.url
  if (savedEnv.secret === undefined) delete process.env.REMINDER_WEBHOOK_SECRET
  else process.env.REMINDER_WEBHOOK_SECRET = savedEnv.secret
})
afterEach(expectLedgerClean)

const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

async function db() {
  return (await testPayload()).db.drizzle as unknown as { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
}

async function rows(query: ReturnType<typeof sql>) {
  return (await (await db()).execute(query)).rows
}

async function addRule(w: World, offsetDays: number, channel: string, template?: string) {
  const { status, body } = await w.api.post('/api/reminder-rules', { token: w.tokens.owner, body: { store: w.store.id, offsetDays, channel, ...(template ? { template } : {}) } })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as { id: number }
}

async function postedInvoice(w: World, customer: number, total: number, due: number, issue = Math.min(due, 0)) {
  const { status, body } = await w.api.post('/api/invoices', {
    token: w.tokens.owner,
    body: { store: w.store.id, customer, kind: 'invoice', items: [item(total, 'Consulting')], status: 'open', issueDate: storeDay(issue), dueDate: storeDay(due) },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as { id: number; number: string }
}

async function customerWithEmail(w: World, name = 'Asha Rao') {
  const customer = await newCustomer(w, name)
  const email = `asha.${customer.id}@example.test`
  const { status } = await w.api.patch(`/api/customers/${customer.id}`, { token: w.tokens.owner, body: { email } })
  expect(status).toBe(200)
  return { ...customer, email }
}

const remindersOf = (invoiceId: number) =>
  rows(sql`SELECT r.id, r.status, r.channel, r.rule_id, r.attempts, r.reason, (r.send_on AT TIME ZONE 'UTC')::date::text AS send_on, rr.offset_days
             FROM reminders r LEFT JOIN reminder_rules rr ON rr.id = r.rule_id WHERE r.invoice_id = ${invoiceId} ORDER BY rr.offset_days`)
const attemptsOf = (reminderId: number) => rows(sql`SELECT attempt, outcome, detail FROM reminder_attempts WHERE reminder_id = ${reminderId} ORDER BY attempt`)
/** A port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
const callsFor = (reminderId: number) => receiver.calls.filter((call) => call.body.reminder === reminderId)

describe('planning: reminder rows follow the ledger in the same transaction', () => {
  it('posting a ₹10,000 invoice due in 5 days plans one reminder per active step (-1, 0, 3, 7 days), on the due date plus the offset; planning again adds nothing', async () => {
    const w = await newWorld()
    for (const [offset, channel] of [
      [-1, 'email'],
      [0, 'email'],
      [3, 'sms'],
      [7, 'whatsapp'],
    ] as const)
      await addRule(w, offset, channel)
    const off = await addRule(w, 15, 'manual')
    await w.api.patch(`/api/reminder-rules/${off.id}`, { token: w.tokens.owner, body: { active: false } })
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 1_000_000, 5)
    const planned = await remindersOf(invoice.id)
    expect(planned.map((row) => [Number(row.offset_days), row.channel, row.status, row.send_on])).toEqual([
      [-1, 'email', 'scheduled', storeDay(4)],
      [0, 'email', 'scheduled', storeDay(5)],
      [3, 'sms', 'scheduled', storeDay(8)],
      [7, 'whatsapp', 'scheduled', storeDay(12)],
    ])
    // A second write of the same figures (the hourly refresh, a re-post) plans nothing more.
    await (await db()).execute(sql`UPDATE invoices SET amount_due = amount_due, status = status WHERE id = ${invoice.id}`)
    expect(await remindersOf(invoice.id)).toHaveLength(4)
    // The database refuses a second reminder for one invoice and step, whoever inserts it.
    await expect(
      (await db()).execute(sql`
      INSERT INTO reminders (store_id, customer_id, invoice_id, rule_id, channel, send_on, dedupe_key)
      SELECT store_id, customer_id, invoice_id, rule_id, channel, send_on, dedupe_key || ':again' FROM reminders WHERE id = ${Number(planned[0]!.id)}`),
    ).rejects.toThrow()
  })

  it('a step added later is planned for every invoice already due; turning it off cancels its scheduled reminders', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 500_000, 2)
    expect(await remindersOf(invoice.id)).toHaveLength(0)
    const rule = await addRule(w, 3, 'email')
    expect((await remindersOf(invoice.id)).map((row) => [row.status, row.send_on])).toEqual([['scheduled', storeDay(5)]])
    await w.api.patch(`/api/reminder-rules/${rule.id}`, { token: w.tokens.owner, body: { active: false } })
    expect((await rows(sql`SELECT status, reason FROM reminders WHERE invoice_id = ${invoice.id}`)).map((row) => [row.status, row.reason])).toEqual([['cancelled', 'rule changed']])
  })

  it('a payment that clears the invoice cancels its scheduled reminders in its own transaction; a part payment does not; unapplying it brings them back', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'email')
    await addRule(w, 3, 'sms')
    const customer = await newCustomer(w)
    // SPEC §3 rule 3: ₹1,000.00 bill, ₹400.00 paid → ₹600.00 pending, due today (terms 0).
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(100_000, 'Hair colour')], payments: [{ method: 'cash', amount: 40_000 }] })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    const bill = sale.body.bill as { id: number }
    expect((await remindersOf(bill.id)).map((row) => [row.status, row.send_on])).toEqual([
      ['scheduled', storeToday()],
      ['scheduled', storeDay(3)],
    ])
    const part = await w.api.post(`/api/customers/${customer.id}/collect`, { token: w.tokens.cashier, body: { amount: 20_000, method: 'cash' } })
    expect(part.status).toBe(201)
    expect((await remindersOf(bill.id)).map((row) => row.status)).toEqual(['scheduled', 'scheduled'])
    const rest = await w.api.post(`/api/customers/${customer.id}/collect`, { token: w.tokens.cashier, body: { amount: 40_000, method: 'upi' } })
    expect(rest.status, JSON.stringify(rest.body)).toBe(201)
    expect((await remindersOf(bill.id)).map((row) => [row.status, row.reason])).toEqual([
      ['cancelled', 'cleared'],
      ['cancelled', 'cleared'],
    ])
    const allocation =
      rest.body.allocations?.[0]?.id ??
      (await rows(sql`SELECT a.id FROM allocations a JOIN transactions t ON t.id = a.transaction_id WHERE a.invoice_id = ${bill.id} ORDER BY a.id DESC LIMIT 1`))[0]!.id
    const unapplied = await w.api.post(`/api/allocations/${Number(allocation)}/unapply`, { token: w.tokens.owner, body: { reason: 'cheque bounced' } })
    expect(unapplied.status, JSON.stringify(unapplied.body)).toBe(201)
    expect((await remindersOf(bill.id)).map((row) => row.status)).toEqual(['scheduled', 'scheduled'])
  })

  it('a failing money operation rolls its reminders back with it (planned in the same transaction)', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'email')
    const customer = await newCustomer(w)
    const before = await rows(sql`SELECT count(*)::int AS n FROM reminders WHERE store_id = ${w.store.id}`)
    // A checkout refused inside its transaction (excess beyond everything owed, SPEC §3 rule 2).
    const refused = await checkoutAs(w, w.tokens.cashier, {
      customer: customer.id,
      items: [item(50_000)],
      payments: [
        { method: 'cash', amount: 20_000 },
        { method: 'cash', amount: 900_000 },
      ],
    })
    expect(refused.status).toBe(422)
    expect(await rows(sql`SELECT count(*)::int AS n FROM reminders WHERE store_id = ${w.store.id}`)).toEqual(before)
  })
})

describe('sending: at most once, every attempt recorded', () => {
  it('email: POST /api/reminders/run sends the due reminder with the store’s words and a statement link; a second run sends nothing', async () => {
    const w = await newWorld({ name: 'Glow Salon' })
    await addRule(w, 0, 'email', 'Hi {name}, {amount} was due on {dueDate}. Statement: {link}')
    const customer = await customerWithEmail(w, 'Meera Nair')
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [] })
    expect(sale.status).toBe(201)
    const waiting = smtp.messages.length
    const run = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(run.status, JSON.stringify(run.body)).toBe(200)
    expect(run.body).toMatchObject({ queued: 1, sent: 1, failed: 0, skipped: 0 })
    const mail = await smtp.next()
    expect(smtp.messages.length).toBe(waiting + 1)
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(customer.email)
    expect(mail.subject).toContain('₹500.00')
    expect(mail.text).toMatch(new RegExp(`^Hi Meera Nair, ₹500\\.00 was due on .+\\. Statement: ${w.api.baseUrl.replace(/[.]/g, '\\.')}/s/[A-Za-z0-9_-]{43}`))
    const [reminder] = await remindersOf((sale.body.bill as { id: number }).id)
    expect(reminder).toMatchObject({ status: 'sent', attempts: '1' })
    expect(await attemptsOf(Number(reminder!.id))).toEqual([{ attempt: 1, outcome: 'sent', detail: 'accepted by the mail server' }])
    const again = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(again.body).toMatchObject({ queued: 0, sent: 0 })
    expect(smtp.messages.length).toBe(waiting + 1)
    // The contact log and the list show it.
    const list = await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.owner })
    expect(list.body.customers[0]).toMatchObject({
      customer: { id: customer.id },
      lastContact: { kind: 'email' },
      lastReminder: { id: Number(reminder!.id), status: 'sent', channel: 'email' },
    })
  })

  it('webhook: the provider answers 500, then 200 — sent once, two attempts recorded, the retry waited for the backoff, the call is signed', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const customer = await newCustomer(w, 'Ravi Kumar')
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(60_000)], payments: [] })
    const bill = sale.body.bill as { id: number; number: string }
    receiver.answers.push(500)
    const run = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(run.body).toMatchObject({ queued: 1, sent: 0, retrying: 1 })
    const [reminder] = await remindersOf(bill.id)
    const id = Number(reminder!.id)
    expect(reminder).toMatchObject({ status: 'scheduled', attempts: '1', reason: expect.stringContaining('provider answered 500') })
    const [job] = await rows(sql`SELECT id, wait_until, total_tried, has_error FROM payload_jobs WHERE task_slug = 'sendReminder' AND (input->>'reminder')::int = ${id}`)
    expect(Number(job!.total_tried)).toBe(1)
    expect(new Date(String(job!.wait_until)).getTime() - Date.now()).toBeGreaterThan(20_000) // 30 s backoff
    // Nothing runs it before the backoff…
    await (await testPayload()).jobs.run({ queue: 'reminders', silent: true })
    expect(callsFor(id)).toHaveLength(1)
    // …and once it has passed, the queue retries it.
    // Payload's runner compares wait_until with this process's clock (not the database's): a second ago by it.
    // (On CI's faked clock each process's clock starts at the faked instant when it starts, so the two differ.)
    await (await db()).execute(sql`UPDATE payload_jobs SET wait_until = ${new Date(Date.now() - 1000).toISOString()}::timestamptz WHERE id = ${Number(job!.id)}`)
    await (await testPayload()).jobs.run({ queue: 'reminders', silent: true })
    expect(callsFor(id)).toHaveLength(2)
    expect((await remindersOf(bill.id))[0]).toMatchObject({ status: 'sent', attempts: '2' })
    expect((await attemptsOf(id)).map((row) => [row.attempt, row.outcome])).toEqual([
      [1, 'failed'],
      [2, 'sent'],
    ])
    const call = callsFor(id)[1]!
    expect(call.body).toMatchObject({
      reminder: id,
      channel: 'sms',
      to: customer.phone,
      customer: { id: customer.id, name: 'Ravi Kumar' },
      invoice: { id: bill.id, number: bill.number },
      amount: { value: 60_000, currency: 'INR', formatted: '₹600.00' },
    })
    expect(call.headers['idempotency-key']).toBe(`tally-reminder-${id}`)
    expect(verifyWebhookSignature(call.raw, String(call.headers['x-tally-signature']), SECRET)).toBe(true)
    expect(verifyWebhookSignature(call.raw.replace('60000', '6000'), String(call.headers['x-tally-signature']), SECRET)).toBe(false)
    // Both attempts carried the same words (the text is written once).
    expect(callsFor(id)[0]!.body.text).toBe(call.body.text)
  })

  it('after the last attempt the reminder is failed, with every attempt recorded', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'whatsapp')
    const customer = await newCustomer(w)
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(25_000)], payments: [] })
    const bill = sale.body.bill as { id: number }
    receiver.answers.push(503, 503, 503, 503)
    await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    const id = Number((await remindersOf(bill.id))[0]!.id)
    for (let retry = 0; retry < 3; retry++) {
      await (
        await db()
      ).execute(
        sql`UPDATE payload_jobs SET wait_until = ${new Date(Date.now() - 1000).toISOString()}::timestamptz WHERE task_slug = 'sendReminder' AND (input->>'reminder')::int = ${id} AND completed_at IS NULL`,
      )
      await (await testPayload()).jobs.run({ queue: 'reminders', silent: true })
    }
    expect((await remindersOf(bill.id))[0]).toMatchObject({ status: 'failed', attempts: '4' })
    expect((await attemptsOf(id)).map((row) => row.outcome)).toEqual(['failed', 'failed', 'failed', 'failed'])
    expect(callsFor(id)).toHaveLength(4)
  })

  it('two app instances working the same queue: the queueing and the sending each run twice in parallel — one job, one call', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const customers = await Promise.all([newCustomer(w), newCustomer(w), newCustomer(w)])
    const bills: number[] = []
    for (const customer of customers) {
      const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [] })
      bills.push((sale.body.bill as { id: number }).id)
    }
    receiver.delayMs = 300 // a slow provider: the second sender arrives while the first is mid-send
    try {
      const payload = await testPayload()
      const req = { payload, user: null } as never
      const [a, b] = await Promise.all([queueDueReminders(req, { storeIds: [w.store.id] }), queueDueReminders(req, { storeIds: [w.store.id] })])
      expect(a.queued.length + b.queued.length).toBe(3)
      const ids = [...a.queued, ...b.queued].map((entry) => entry.id)
      // Each reminder sent by two senders at once (two instances that both picked it up).
      const deliveries = await Promise.all(ids.flatMap((id) => [deliverReminder(req, id), deliverReminder(req, id)]))
      expect(deliveries.filter((delivery) => delivery.outcome === 'sent')).toHaveLength(3)
      expect(deliveries.filter((delivery) => delivery.outcome === 'busy' || delivery.outcome === 'done')).toHaveLength(3)
      // And the queue's own runners, twice in parallel, find nothing more to send. (Two runners
      // may pick the same job: Payload's own bookkeeping of the loser can throw — the send cannot repeat.)
      await Promise.allSettled([payload.jobs.run({ queue: 'reminders', silent: true }), payload.jobs.run({ queue: 'reminders', silent: true })])
      for (const id of ids) {
        expect(callsFor(id)).toHaveLength(1)
        expect(await attemptsOf(id)).toEqual([{ attempt: 1, outcome: 'sent', detail: 'provider answered 200' }])
      }
    } finally {
      receiver.delayMs = 0
    }
  })

  it('a job run while another sender holds the reminder is not completed: the queue retries it after the backoff, and the reminder goes once', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const customer = await newCustomer(w)
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [] })
    const bill = (sale.body.bill as { id: number }).id
    const payload = await testPayload()
    const queued = await queueDueReminders({ payload, user: null } as never, { storeIds: [w.store.id] })
    expect(queued.queued).toHaveLength(1)
    const id = queued.queued[0]!.id
    const jobOf = async () =>
      (
        await rows(
          sql`SELECT id, completed_at, wait_until, total_tried, has_error, processing FROM payload_jobs WHERE task_slug = 'sendReminder' AND (input->>'reminder')::int = ${id}`,
        )
      )[0]!
    // Another instance picked the same job and holds the reminder mid-send.
    await (await db()).execute(sql`UPDATE reminders SET claim_token = 'other-instance', claimed_until = now() + interval '2 minutes' WHERE id = ${id}`)
    await payload.jobs.run({ queue: 'reminders', silent: true })
    const busy = await jobOf()
    expect(busy.completed_at).toBeNull()
    expect(busy.has_error).toBe(false)
    expect(Number(busy.total_tried)).toBe(1)
    expect(new Date(String(busy.wait_until)).getTime() - Date.now()).toBeGreaterThan(20_000) // the 30 s backoff
    expect(callsFor(id)).toHaveLength(0)
    expect((await remindersOf(bill))[0]).toMatchObject({ status: 'scheduled', attempts: '0' })
    // That sender's provider refused it and it let go of the claim: the retried job sends it, once.
    await (await db()).execute(sql`UPDATE reminders SET claimed_until = NULL WHERE id = ${id}`)
    // A second ago by this process's clock, which Payload's runner reads (see above: faked clocks differ per process).
    await (await db()).execute(sql`UPDATE payload_jobs SET wait_until = ${new Date(Date.now() - 1000).toISOString()}::timestamptz WHERE id = ${Number(busy.id)}`)
    await payload.jobs.run({ queue: 'reminders', silent: true })
    expect(callsFor(id)).toHaveLength(1)
    expect((await remindersOf(bill))[0]).toMatchObject({ status: 'sent', attempts: '1' })
    expect((await jobOf()).completed_at).not.toBeNull()
    await payload.jobs.run({ queue: 'reminders', silent: true })
    expect(callsFor(id)).toHaveLength(1)
  })

  it('a still-scheduled reminder whose job is over (completed or errored) is queued again once past its backoff — not while its job is open', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const customer = await newCustomer(w)
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [] })
    const payload = await testPayload()
    const req = { payload, user: null } as never
    const first = await queueDueReminders(req, { storeIds: [w.store.id] })
    expect(first.queued).toHaveLength(1)
    const id = first.queued[0]!.id
    // Its job is still open: nothing more is queued.
    expect((await queueDueReminders(req, { storeIds: [w.store.id] })).queued).toEqual([])
    // What the two-instance race left: a refused attempt a minute ago, its job marked complete.
    await (await db()).execute(sql`UPDATE reminders SET attempts = 1, reason = 'provider answered 500' WHERE id = ${id}`)
    await (
      await db()
    ).execute(
      sql`INSERT INTO reminder_attempts (reminder_id, attempt, claim_token, outcome, detail, finished_at) VALUES (${id}, 1, 'a', 'failed', 'provider answered 500', now() - interval '10 seconds')`,
    )
    await (await db()).execute(sql`UPDATE payload_jobs SET completed_at = now() WHERE task_slug = 'sendReminder' AND (input->>'reminder')::int = ${id}`)
    // Within the 30 s backoff it waits…
    expect((await queueDueReminders(req, { storeIds: [w.store.id] })).queued).toEqual([])
    // …past it, it is queued again (not 15 minutes later), and sent once.
    await (await db()).execute(sql`UPDATE reminder_attempts SET finished_at = now() - interval '31 seconds' WHERE reminder_id = ${id}`)
    const again = await queueDueReminders(req, { storeIds: [w.store.id] })
    expect(again.queued.map((entry) => entry.id)).toEqual([id])
    await payload.jobs.run({ queue: 'reminders', silent: true })
    expect(callsFor(id)).toHaveLength(1)
    expect((await rows(sql`SELECT status, attempts FROM reminders WHERE id = ${id}`))[0]).toMatchObject({ status: 'sent', attempts: '2' })
    // An errored job counts as over too; a sent reminder is never queued again.
    await (await db()).execute(sql`UPDATE payload_jobs SET has_error = true WHERE task_slug = 'sendReminder' AND (input->>'reminder')::int = ${id}`)
    expect((await queueDueReminders(req, { storeIds: [w.store.id] })).queued).toEqual([])
  })

  it('a send interrupted before its answer was recorded (server killed mid-send) is never sent again: failed, the attempt kept as unknown', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const customer = await newCustomer(w)
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [] })
    const id = Number((await remindersOf((sale.body.bill as { id: number }).id))[0]!.id)
    // What a killed sender leaves behind: its claim (now lapsed) and an attempt with no answer.
    await (await db()).execute(sql`UPDATE reminders SET attempts = 1, claim_token = 'dead', claimed_until = now() - interval '1 second', text = 'hello' WHERE id = ${id}`)
    await (await db()).execute(sql`INSERT INTO reminder_attempts (reminder_id, attempt, claim_token) VALUES (${id}, 1, 'dead')`)
    const payload = await testPayload()
    const delivery = await deliverReminder({ payload, user: null } as never, id)
    expect(delivery.outcome).toBe('unknown')
    expect(callsFor(id)).toHaveLength(0)
    const [row] = await rows(sql`SELECT status, reason FROM reminders WHERE id = ${id}`)
    expect(row).toMatchObject({ status: 'failed', reason: expect.stringContaining('not sent again') })
    expect((await attemptsOf(id)).map((attempt) => attempt.outcome)).toEqual(['unknown'])
  })

  it('a provider that takes the call and never answers (timeout) may have sent it: failed at once, never retried; a provider not reached at all is retried', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const [slow, down] = [await newCustomer(w), await newCustomer(w)]
    const billOf = async (customer: { id: number }) =>
      ((await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)], payments: [] })).body.bill as { id: number }).id
    const [slowBill, downBill] = [await billOf(slow), await billOf(down)]
    const payload = await testPayload()
    const req = { payload, user: null } as never
    const slowId = Number((await remindersOf(slowBill))[0]!.id)
    const downId = Number((await remindersOf(downBill))[0]!.id)
    process.env.TALLY_REMINDER_WEBHOOK_TIMEOUT_MS = '300'
    receiver.delayMs = 2_000
    try {
      expect(await deliverReminder(req, slowId)).toMatchObject({ outcome: 'unknown' })
    } finally {
      receiver.delayMs = 0
      delete process.env.TALLY_REMINDER_WEBHOOK_TIMEOUT_MS
    }
    expect(await deliverReminder(req, slowId)).toMatchObject({ outcome: 'done' })
    expect(callsFor(slowId)).toHaveLength(1)
    expect((await remindersOf(slowBill))[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('may have sent the message') })
    expect((await attemptsOf(slowId)).map((attempt) => attempt.outcome)).toEqual(['unknown'])

    process.env.REMINDER_WEBHOOK_URL = `http://127.0.0.1:${await closedPort()}/send` // nothing listens there
    try {
      expect(await deliverReminder(req, downId)).toMatchObject({ outcome: 'failed', final: false })
    } finally {
      process.env.REMINDER_WEBHOOK_URL = receiver.url
    }
    expect((await remindersOf(downBill))[0]).toMatchObject({ status: 'scheduled', reason: 'provider not reached (ECONNREFUSED)' })
    expect(await deliverReminder(req, downId)).toMatchObject({ outcome: 'sent', attempt: 2 })
    expect((await attemptsOf(downId)).map((attempt) => attempt.outcome)).toEqual(['failed', 'sent'])
  })

  it('of an invoice found 10 days late with steps 0, 3 and 7, only the 7-day reminder goes out; the others are skipped as superseded', async () => {
    const w = await newWorld()
    for (const offset of [0, 3, 7]) await addRule(w, offset, 'sms')
    await addRule(w, 15, 'sms')
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 1_000_000, -10, -40)
    const run = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(run.body).toMatchObject({ queued: 1, sent: 1, superseded: 2 })
    expect((await remindersOf(invoice.id)).map((row) => [Number(row.offset_days), row.status])).toEqual([
      [0, 'skipped'],
      [3, 'skipped'],
      [7, 'sent'],
      [15, 'scheduled'],
    ])
  })

  it('no reminder goes out in quiet hours, to a customer who opted out, while snoozed or disputed, or when held money covers the dues', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'sms')
    const [quiet, optedOut, snoozed, disputed, covered] = await Promise.all([newCustomer(w), newCustomer(w), newCustomer(w), newCustomer(w), newCustomer(w)])
    const billOf = async (customer: { id: number }) =>
      ((await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)], payments: [] })).body.bill as { id: number }).id
    const bills = { quiet: await billOf(quiet), optedOut: await billOf(optedOut), snoozed: await billOf(snoozed), disputed: await billOf(disputed), covered: await billOf(covered) }
    await w.api.patch(`/api/customers/${optedOut.id}`, { token: w.tokens.owner, body: { remindersOff: true } })
    expect((await w.api.post(`/api/customers/${snoozed.id}/contacts`, { token: w.tokens.owner, body: { kind: 'snooze', until: storeDay(3) } })).status).toBe(201)
    expect((await w.api.post(`/api/customers/${disputed.id}/contacts`, { token: w.tokens.owner, body: { kind: 'dispute', note: 'says the colour was wrong' } })).status).toBe(201)
    // A deposit of ₹100.00 that covers the ₹100.00 owed.
    expect((await w.api.post(`/api/customers/${covered.id}/advances`, { token: w.tokens.cashier, body: { amount: 10_000, method: 'cash' } })).status).toBe(201)

    // Quiet from an hour ago to an hour from now on the store's clock (whatever the hour): nothing is queued.
    const shift = (hours: number) => clockIn(w.store.timezone, Date.now() + hours * 3_600_000)
    await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.owner, body: { quietHoursStart: shift(-1), quietHoursEnd: shift(1) } })
    const hushed = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(hushed.body).toMatchObject({ quietHours: true, queued: 0, sent: 0 })
    await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.owner, body: { quietHoursStart: null, quietHoursEnd: null } })

    const run = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(run.body).toMatchObject({ quietHours: false, sent: 1, skipped: 2 })
    const statusOf = async (bill: number) => (await remindersOf(bill))[0]!
    expect(await statusOf(bills.quiet)).toMatchObject({ status: 'sent' })
    expect(await statusOf(bills.optedOut)).toMatchObject({ status: 'skipped', reason: 'the customer asked for no reminders' })
    expect(await statusOf(bills.covered)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('held') })
    expect(await statusOf(bills.snoozed)).toMatchObject({ status: 'scheduled' })
    expect(await statusOf(bills.disputed)).toMatchObject({ status: 'scheduled' })
  })

  it('a manual (WhatsApp link) reminder waits for a person; POST /api/reminders/:id/sent records it once', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'manual')
    const customer = await newCustomer(w)
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)], payments: [] })
    const run = await w.api.post('/api/reminders/run', { token: w.tokens.owner, body: { store: w.store.id } })
    expect(run.body).toMatchObject({ queued: 0 })
    const list = await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.owner })
    const next = list.body.customers[0].nextReminder
    expect(next).toMatchObject({ channel: 'manual', status: 'scheduled', sendOn: storeToday(), invoice: (sale.body.bill as { id: number }).id })
    const first = await w.api.post(`/api/reminders/${next.id}/sent`, { token: w.tokens.owner, body: {} })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body).toMatchObject({ recorded: true, reminder: { id: next.id, status: 'sent', attempts: 1 } })
    const second = await w.api.post(`/api/reminders/${next.id}/sent`, { token: w.tokens.owner, body: {} })
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ recorded: false, reminder: { status: 'sent', attempts: 1 } })
    expect(await attemptsOf(next.id)).toHaveLength(1)
  })

  it('an invoice 10 days late with manual steps 0 and 7: the list offers the 7-day one, and sending it retires the unsent 0-day one', async () => {
    const w = await newWorld()
    await addRule(w, 0, 'manual')
    await addRule(w, 7, 'manual')
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 200_000, -10, -20)
    const list = await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.owner })
    expect(list.body.customers[0].nextReminder).toMatchObject({ sendOn: storeDay(-3), channel: 'manual' })
    const sent = await w.api.post(`/api/reminders/${list.body.customers[0].nextReminder.id}/sent`, { token: w.tokens.owner, body: {} })
    expect(sent.status).toBe(201)
    expect((await remindersOf(invoice.id)).map((row) => [Number(row.offset_days), row.status, row.reason])).toEqual([
      [0, 'skipped', 'superseded by a later step of the ladder'],
      [7, 'sent', null],
    ])
  })

  it('POST /api/customers/:id/remind sends one reminder of the whole dues now; a second the same day by the same channel is 409', async () => {
    const w = await newWorld()
    const customer = await customerWithEmail(w, 'Kiran Shah')
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(70_000)], payments: [{ method: 'cash', amount: 10_000 }] })
    const before = smtp.messages.length
    const sent = await w.api.post(`/api/customers/${customer.id}/remind`, { token: w.tokens.owner, body: { channel: 'email' } })
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body.reminder).toMatchObject({ channel: 'email', status: 'sent', invoice: null, attempts: 1 })
    const mail = await smtp.next()
    expect(mail.text).toContain('Kiran Shah, ₹600.00 is due')
    const again = await w.api.post(`/api/customers/${customer.id}/remind`, { token: w.tokens.owner, body: { channel: 'email' } })
    expect(again.status).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ message: 'This customer was already reminded by email today', data: { field: 'channel' } })
    expect(smtp.messages.length).toBe(before + 1)
    // The owner's own click goes out even while the ladder is snoozed.
    await w.api.post(`/api/customers/${customer.id}/contacts`, { token: w.tokens.owner, body: { kind: 'snooze', until: storeDay(5) } })
    const sms = await w.api.post(`/api/customers/${customer.id}/remind`, { token: w.tokens.owner, body: { channel: 'sms' } })
    expect(sms.body.reminder).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1 })
  })
})

describe('promises to pay (SPEC §11)', () => {
  it('₹600.00 owed, promised by day +30: ₹300.00 paid → open; another ₹300.00 → kept', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
    const made = await w.api.post(`/api/customers/${customer.id}/promises`, { token: w.tokens.cashier, body: { amount: 60_000, date: storeDay(30), note: 'will pay next month' } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body).toMatchObject({ amount: 60_000, date: storeDay(30), note: 'will pay next month', paid: 0, status: 'open' })
    await w.api.post(`/api/customers/${customer.id}/collect`, { token: w.tokens.cashier, body: { amount: 30_000, method: 'cash' } })
    let listed = await w.api.get(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner })
    expect(listed.body.promises[0]).toMatchObject({ id: made.body.id, paid: 30_000, status: 'open' })
    await w.api.post(`/api/customers/${customer.id}/collect`, { token: w.tokens.cashier, body: { amount: 30_000, method: 'upi' } })
    listed = await w.api.get(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner })
    expect(listed.body.promises[0]).toMatchObject({ paid: 60_000, status: 'kept' })
  })

  it('a promise whose day passed without enough paid is broken the day after; a payment reversed stops counting', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [] })
    const made = await w.api.post(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner, body: { amount: 20_000, date: storeToday() } })
    expect(made.body.status).toBe('open')
    const paid = await w.api.post(`/api/customers/${customer.id}/collect`, { token: w.tokens.cashier, body: { amount: 20_000, method: 'cash' } })
    expect((await w.api.get(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner })).body.promises[0].status).toBe('kept')
    const payment = (await rows(sql`SELECT id FROM transactions WHERE customer_id = ${customer.id} AND kind = 'payment' ORDER BY id DESC LIMIT 1`))[0]!
    expect(paid.status).toBe(201)
    const reversed = await w.api.post(`/api/transactions/${Number(payment.id)}/reverse`, { token: w.tokens.owner, body: { reason: 'cheque bounced' } })
    expect(reversed.status, JSON.stringify(reversed.body)).toBeLessThan(300)
    expect((await w.api.get(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner })).body.promises[0]).toMatchObject({ paid: 0, status: 'open' })
    // The day after its day: broken.
    await (await db()).execute(sql`UPDATE promises SET promised_for = promised_for - interval '1 day' WHERE id = ${made.body.id}`)
    expect((await w.api.get(`/api/customers/${customer.id}/promises`, { token: w.tokens.owner })).body.promises[0].status).toBe('broken')
  })
})

describe('GET /api/collections', () => {
  it('customers owing, oldest overdue first, with amount overdue, days, last contact, promise and next reminder; the month’s figures', async () => {
    const w = await newWorld()
    await addRule(w, 3, 'email')
    const [recent, oldest, notDue] = [await newCustomer(w, 'Recent Debtor'), await newCustomer(w, 'Oldest Debtor'), await newCustomer(w, 'Not Yet Due')]
    await postedInvoice(w, recent.id, 200_000, -2, -10)
    await postedInvoice(w, oldest.id, 300_000, -20, -30)
    await postedInvoice(w, oldest.id, 100_000, 10, 0)
    await postedInvoice(w, notDue.id, 50_000, 5, 0)
    await w.api.post(`/api/customers/${oldest.id}/contacts`, { token: w.tokens.owner, body: { kind: 'call', note: 'will pay on Friday' } })
    await w.api.post(`/api/customers/${oldest.id}/promises`, { token: w.tokens.owner, body: { amount: 300_000, date: storeDay(3) } })
    const { status, body } = await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.owner })
    expect(status).toBe(200)
    expect(body.customers.map((row: { customer: { name: string } }) => row.customer.name)).toEqual(['Oldest Debtor', 'Recent Debtor', 'Not Yet Due'])
    expect(body.customers[0]).toMatchObject({
      pendingBalance: 400_000,
      overdue: 300_000,
      oldestDue: storeDay(-20),
      daysOverdue: 20,
      openInvoices: 2,
      lastContact: { kind: 'promise' },
      promise: { amount: 300_000, date: storeDay(3), status: 'open' },
      nextReminder: { channel: 'email', status: 'scheduled' },
    })
    expect(body.customers[1]).toMatchObject({ overdue: 200_000, daysOverdue: 2 })
    expect(body.customers[2]).toMatchObject({ overdue: 0, daysOverdue: 0, nextReminder: { sendOn: storeDay(8) } })
    expect(body.summary).toMatchObject({ customersOwing: 3, overdueTotal: 500_000 })
    expect(typeof body.summary.dso).toBe('number')
    // The dashboard gains the same figures.
    const dashboard = await w.api.get(`/api/reports/dashboard?store=${w.store.id}`, { token: w.tokens.owner })
    expect(dashboard.body.collections).toEqual(body.summary)
    // Cashiers read it too.
    expect((await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.cashier })).status).toBe(200)
  })

  // The summary reads ranges of instants (the payments of the store's days, the stored noon of
  // calendar days) instead of every row's day: each figure on both sides of its boundaries, in a
  // zone ahead of UTC and one behind it (where a range in UTC days would be wrong both ways).
  it.each(['Asia/Kolkata', 'America/New_York'])(
    'the month’s figures in a %s store: a payment at 23:30 on the last day of last month is not collected, one at 00:10 on the first is; due and billed days at their edges',
    async (timezone) => {
      const w = await newWorld({ timezone })
      const today = storeToday(timezone)
      const first = `${storeMonth(timezone)}-01`
      const lastMonth = addDays(first, -1)
      const invoice = async (customer: number, total: number, issueDate: string, dueDate: string) => {
        const { status, body } = await w.api.post('/api/invoices', {
          token: w.tokens.owner,
          body: { store: w.store.id, customer, kind: 'invoice', items: [item(total, 'Consulting')], status: 'open', issueDate, dueDate },
        })
        expect(status, JSON.stringify(body)).toBe(201)
        return body.doc as { id: number }
      }
      const [billed, payer] = [await newCustomer(w, 'Billed At The Edges'), await newCustomer(w, 'Pays At Midnight')]
      await invoice(billed.id, 1_000, lastMonth, lastMonth) // fell due last month; overdue
      await invoice(billed.id, 2_000, lastMonth, first) // falls due on the first; overdue once the first is past
      const dueToday = await invoice(billed.id, 4_000, today, today) // falls due today: not overdue yet
      await invoice(billed.id, 8_000, today, nextDay(today)) // falls due tomorrow
      await invoice(billed.id, 16_000, storeDay(-90, timezone), storeDay(-90, timezone)) // issued 90 days ago: outside the 90 days
      await invoice(billed.id, 32_000, storeDay(-89, timezone), storeDay(-89, timezone)) // 89 days ago: inside
      await invoice(payer.id, 100_000, storeDay(-100, timezone), storeDay(-100, timezone))
      const credit = await w.api.post(`/api/invoices/${dueToday.id}/credit-notes`, { token: w.tokens.owner, body: { amount: 500, reason: 'Price corrected' } })
      expect(credit.status, JSON.stringify(credit.body)).toBe(201)

      // Store wall-clock times, as instants: 23:30 is half an hour before the next day starts.
      const minutes = (instant: string, delta: number) => new Date(Date.parse(instant) + delta * 60_000).toISOString()
      const payments = [
        { amount: 100, date: minutes(dayStartIn(first, timezone), -30) }, // 23:30 on the last day of last month: not this month's
        { amount: 200, date: minutes(dayStartIn(first, timezone), 10) }, // 00:10 on the first: this month's
        { amount: 400, date: minutes(dayStartIn(nextDay(today), timezone), -30) }, // 23:30 today: this month's
        { amount: 800, date: minutes(dayStartIn(nextDay(today), timezone), 10) }, // 00:10 tomorrow: not (yet)
      ]
      for (const payment of payments) {
        const paid = await w.api.post(`/api/customers/${payer.id}/collect`, { token: w.tokens.cashier, body: { ...payment, method: 'cash' } })
        expect(paid.status, JSON.stringify(paid.body)).toBe(201)
      }

      const { status, body } = await w.api.get(`/api/collections?store=${w.store.id}`, { token: w.tokens.owner })
      expect(status).toBe(200)
      expect(body.summary).toEqual({
        month: storeMonth(timezone),
        fellDue: 2_000 + (4_000 - 500),
        collected: 200 + 400,
        customersOwing: 2,
        overdueTotal: 1_000 + (first < today ? 2_000 : 0) + 16_000 + 32_000 + (100_000 - 1_500),
        // Pending 62,500 + 98,500 over 90 days' billing of 46,500 (not the bill issued 90 days ago): 311.6 → 312 days.
        dso: 312,
      })
      const dashboard = await w.api.get(`/api/reports/dashboard?store=${w.store.id}`, { token: w.tokens.owner })
      expect(dashboard.body.collections).toEqual(body.summary)
      // The dashboard's credit notes of a period: issued now, so today's and not yesterday's.
      const creditNotes = async (from: string, to: string) =>
        (await w.api.get(`/api/reports/dashboard?store=${w.store.id}&from=${from}&to=${to}`, { token: w.tokens.owner })).body.creditNotes
      expect(await creditNotes(today, today)).toBe(500)
      expect(await creditNotes(storeDay(-1, timezone), storeDay(-1, timezone))).toBe(0)
      expect(await creditNotes(nextDay(today), nextDay(today))).toBe(0)
    },
  )
})
