/**
 * SPEC §9 — after the sale, over HTTP with the spec's numbers: refunds, write-offs, credit
 * notes, deposit expiry (endpoint and the jobs-queue task), credit limits, pay-later terms,
 * and store settings. Every test ends with the ledger recomputing to what is stored.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { storeDay, storeToday, storeYear2 } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(async () => {
  await expectLedgerClean()
})

const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

async function deposit(w: World, customer: number, amount: number) {
  const { status, body } = await w.api.post(`/api/customers/${customer}/advances`, { token: w.tokens.cashier, body: { amount, method: 'cash' } })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.advancePayment.id as number
}

async function postedInvoice(w: World, customer: number, total: number, extra: Record<string, unknown> = {}) {
  const { status, body } = await w.api.post('/api/invoices', {
    token: w.tokens.owner,
    body: { store: w.store.id, customer, items: [item(total, 'Consulting')], status: 'open', ...extra },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc as { id: number; number: string; amountDue: number; status: string }
}

async function db() {
  return (await testPayload()).db.drizzle as unknown as { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
}

async function setStore(w: World, data: Record<string, unknown>) {
  const { status, body } = await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.owner, body: data })
  expect(status, JSON.stringify(body)).toBe(200)
  return body.doc
}

async function setCustomer(w: World, id: number, data: Record<string, unknown>) {
  const { status, body } = await w.api.patch(`/api/customers/${id}`, { token: w.tokens.owner, body: data })
  expect(status, JSON.stringify(body)).toBe(200)
  return body.doc
}

describe('POST /api/advance-payments/:id/refund', () => {
  it('gives back part of a ₹500 deposit (₹200), then the rest: advanceBalance 300 then 0, status refunded, RFD- references', async () => {
    const customer = await newCustomer(world)
    const id = await deposit(world, customer.id, 50_000)

    const first = await world.api.post(`/api/advance-payments/${id}/refund`, {
      token: world.tokens.owner,
      body: { amount: 20_000, method: 'upi', reason: 'Appointment cancelled' },
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.advancePayment).toMatchObject({ id, status: 'active', refundedAmount: 20_000, remainingAmount: 30_000 })
    expect(first.body.transaction).toMatchObject({ kind: 'advance_refund', amount: 20_000, method: 'upi', reason: 'Appointment cancelled' })
    expect(first.body.transaction.reference).toMatch(/^RFD-\d{6}$/)
    expect(first.body.customer).toMatchObject({ id: customer.id, advanceBalance: 30_000 })

    const rest = await world.api.post(`/api/advance-payments/${id}/refund`, {
      token: world.tokens.owner,
      body: { amount: 30_000, method: 'cash', reason: 'Moving away' },
    })
    expect(rest.status).toBe(201)
    expect(rest.body.advancePayment).toMatchObject({ status: 'refunded', refundedAmount: 50_000, remainingAmount: 0 })
    expect((await getCustomer(world, customer.id)).advanceBalance).toBe(0)
    // totalPaid counts money given back.
    expect((await getCustomer(world, customer.id)).totalPaid).toBe(0)
  })

  it('more than remaining is 422 "Refund exceeds the deposit\'s remaining amount" and writes nothing', async () => {
    const customer = await newCustomer(world)
    const id = await deposit(world, customer.id, 50_000)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(40_000)], useAdvance: 40_000 })
    const { status, body } = await world.api.post(`/api/advance-payments/${id}/refund`, {
      token: world.tokens.owner,
      body: { amount: 10_001, method: 'cash', reason: 'Too much' },
    })
    expect(status).toBe(422)
    expect(body.errors[0].message).toMatch(/^Refund exceeds the deposit's remaining amount/)
    expect(body.errors[0].data).toMatchObject({ field: 'amount', remainingAmount: 10_000 })
    expect((await getCustomer(world, customer.id)).advanceBalance).toBe(10_000)
  })

  it('is idempotent by Idempotency-Key: a retry replays the answer and refunds once', async () => {
    const customer = await newCustomer(world)
    const id = await deposit(world, customer.id, 50_000)
    const send = () =>
      world.api.post(`/api/advance-payments/${id}/refund`, {
        token: world.tokens.owner,
        body: { amount: 10_000, method: 'cash', reason: 'Partial' },
        headers: { 'Idempotency-Key': `refund-${id}` },
      })
    const [a, b] = await Promise.all([send(), send()])
    expect([a.status, b.status]).toEqual([201, 201])
    expect(b.body.transaction.id).toBe(a.body.transaction.id)
    expect((await getCustomer(world, customer.id)).advanceBalance).toBe(40_000)
  })

  it('is the owner’s: a cashier is 403', async () => {
    const customer = await newCustomer(world)
    const id = await deposit(world, customer.id, 5_000)
    const { status } = await world.api.post(`/api/advance-payments/${id}/refund`, { token: world.tokens.cashier, body: { amount: 1, method: 'cash', reason: 'x' } })
    expect(status).toBe(403)
  })
})

describe('POST /api/invoices/:id/write-off', () => {
  it('writes off the ₹600 still due of a ₹1,000 bill paid ₹400: status written_off, pending falls, bad debt on the dashboard', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000)], payments: [{ method: 'cash', amount: 40_000 }] })
    const before = await world.api.get(`/api/reports/dashboard?store=${world.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: world.tokens.owner })

    const { status, body } = await world.api.post(`/api/invoices/${sale.body.bill.id}/write-off`, {
      token: world.tokens.owner,
      body: { reason: 'Customer moved away, unreachable' },
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.invoice).toMatchObject({ status: 'written_off', total: 100_000, amountPaid: 40_000, writtenOff: 60_000, amountDue: 0 })
    expect(body.transaction).toMatchObject({ kind: 'write_off', amount: 60_000, reason: 'Customer moved away, unreachable' })
    expect(body.transaction.reference).toMatch(/^WO-\d{6}$/)
    expect(body.customer).toMatchObject({ pendingBalance: 0 })

    const after = await world.api.get(`/api/reports/dashboard?store=${world.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: world.tokens.owner })
    expect(after.body.badDebt - before.body.badDebt).toBe(60_000)
    // Bad debt is not money: revenue (money received) and cash flow do not move.
    expect(after.body.revenue).toBe(before.body.revenue)
  })

  it('nothing due is 422 (a paid bill, and a second write-off)', async () => {
    const customer = await newCustomer(world)
    const paid = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)], payments: [{ method: 'cash', amount: 10_000 }] })
    const refused = await world.api.post(`/api/invoices/${paid.body.bill.id}/write-off`, { token: world.tokens.owner, body: { reason: 'x' } })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toContain('nothing is due')

    const due = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    expect((await world.api.post(`/api/invoices/${due.body.bill.id}/write-off`, { token: world.tokens.owner, body: { reason: 'gone' } })).status).toBe(201)
    expect((await world.api.post(`/api/invoices/${due.body.bill.id}/write-off`, { token: world.tokens.owner, body: { reason: 'again' } })).status).toBe(422)
  })

  it('a reason is required (400 naming it)', async () => {
    const customer = await newCustomer(world)
    const due = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const { status, body } = await world.api.post(`/api/invoices/${due.body.bill.id}/write-off`, { token: world.tokens.owner, body: { reason: '  ' } })
    expect(status).toBe(400)
    expect(body.errors[0].data.errors[0].path).toBe('reason')
  })
})

describe('POST /api/invoices/:id/credit-notes', () => {
  it('takes ₹150 off a ₹1,000 invoice: CN-yy-0001 then CN-yy-0002 per store, creditedAmount up, amountDue and pending down', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 100_000)
    const first = await w.api.post(`/api/invoices/${invoice.id}/credit-notes`, { token: w.tokens.owner, body: { amount: 15_000, reason: 'Price corrected after complaint' } })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.creditNote).toMatchObject({ number: `CN-${storeYear2()}-0001`, amount: 15_000 })
    expect(first.body.invoice).toMatchObject({ creditedAmount: 15_000, amountDue: 85_000, status: 'open' })
    expect(first.body.customer.pendingBalance).toBe(85_000)

    const second = await w.api.post(`/api/invoices/${invoice.id}/credit-notes`, { token: w.tokens.owner, body: { amount: 5_000, reason: 'Late delivery' } })
    expect(second.body.creditNote.number).toBe(`CN-${storeYear2()}-0002`)
    expect(second.body.invoice).toMatchObject({ creditedAmount: 20_000, amountDue: 80_000 })

    // Paid in full afterwards, the invoice is paid — credited and paid together make its total.
    const pay = await w.api.post(`/api/invoices/${invoice.id}/mark-paid`, { token: w.tokens.owner, body: { method: 'cash' } })
    expect(pay.status).toBe(201)
    const { body: after } = await w.api.get(`/api/invoices/${invoice.id}?depth=0`, { token: w.tokens.owner })
    expect(after).toMatchObject({ status: 'paid', amountPaid: 80_000, creditedAmount: 20_000, amountDue: 0 })
  })

  it('more than amountDue is 422 (a paid invoice is voided or its payment reversed instead); nothing numbered', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    const invoice = await postedInvoice(w, customer.id, 100_000)
    await w.api.post(`/api/invoices/${invoice.id}/payments`, { token: w.tokens.owner, body: { amount: 90_000, method: 'cash' } })
    const refused = await w.api.post(`/api/invoices/${invoice.id}/credit-notes`, { token: w.tokens.owner, body: { amount: 10_001, reason: 'Too much' } })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toMatch(/^Credit note exceeds the amount due/)
    expect(refused.body.errors[0].data).toMatchObject({ field: 'amount', amountDue: 10_000 })
    // The refused note took no number: the next one is 0001.
    const ok = await w.api.post(`/api/invoices/${invoice.id}/credit-notes`, { token: w.tokens.owner, body: { amount: 10_000, reason: 'Goodwill' } })
    expect(ok.body.creditNote.number).toBe(`CN-${storeYear2()}-0001`)
    expect(ok.body.invoice.status).toBe('paid')
  })

  it('credit notes are append-only ledger rows', async () => {
    const customer = await newCustomer(world)
    const invoice = await postedInvoice(world, customer.id, 10_000)
    const made = await world.api.post(`/api/invoices/${invoice.id}/credit-notes`, { token: world.tokens.owner, body: { amount: 1_000, reason: 'x' } })
    const conn = await db()
    const refused = await conn.execute(sql`UPDATE credit_notes SET amount = 1 WHERE id = ${made.body.creditNote.id}`).then(
      () => 'accepted',
      (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
    )
    expect(refused).toMatch(/append-only/)
    const patched = await world.api.patch(`/api/credit-notes/${made.body.creditNote.id}`, { token: world.tokens.owner, body: { amount: 1 } })
    expect(patched.status).toBe(403)
  })
})

describe('deposit expiry (stores.advanceExpiryMonths)', () => {
  async function backdate(depositId: number, day: string) {
    const conn = await db()
    await conn.execute(sql`UPDATE advance_payments SET created_at = (${day}::date + time '12:00') AT TIME ZONE 'Asia/Kolkata' WHERE id = ${depositId}`)
  }

  it('POST /api/advance-payments/expire forfeits what remains of deposits older than the policy: ₹300 of a ₹500 deposit, income shown apart', async () => {
    const w = await newWorld({ advanceExpiryMonths: 3 } as never)
    const customer = await newCustomer(w)
    const old = await deposit(w, customer.id, 50_000)
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(20_000)], useAdvance: 20_000 })
    const fresh = await deposit(w, customer.id, 10_000)
    // 3 months and 1 day ago: past its last day of use; the fresh one stays.
    const { addMonths } = await import('@/domain/expiry')
    await backdate(old, addMonths(storeDay(-1), -3))

    const dayBefore = await w.api.get(`/api/reports/dashboard?store=${w.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: w.tokens.owner })
    const { status, body } = await w.api.post('/api/advance-payments/expire', { token: w.tokens.owner, body: {} })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.expired).toEqual([{ id: old, amount: 30_000, customer: customer.id }])

    const { body: deposits } = await w.api.get(`/api/advance-payments?where[customer][equals]=${customer.id}&sort=id&depth=0`, { token: w.tokens.owner })
    expect(
      deposits.docs.map((d: { id: number; status: string; forfeitedAmount: number; remainingAmount: number }) => [d.id, d.status, d.forfeitedAmount, d.remainingAmount]),
    ).toEqual([
      [old, 'expired', 30_000, 0],
      [fresh, 'active', 0, 10_000],
    ])
    expect((await getCustomer(w, customer.id)).advanceBalance).toBe(10_000)
    const dashboard = await w.api.get(`/api/reports/dashboard?store=${w.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: w.tokens.owner })
    expect(dashboard.body.forfeitedDeposits - dayBefore.body.forfeitedDeposits).toBe(30_000)
    // The money came in when it was deposited: forfeiting it is not money received again.
    expect(dashboard.body.revenue).toBe(dayBefore.body.revenue)

    // Running it again expires nothing more.
    const again = await w.api.post('/api/advance-payments/expire', { token: w.tokens.owner, body: {} })
    expect(again.body.expired).toEqual([])
  })

  it('a store without a policy expires nothing; an expired deposit cannot be refunded', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    const id = await deposit(w, customer.id, 5_000)
    await backdate(id, '2020-01-01')
    expect((await w.api.post('/api/advance-payments/expire', { token: w.tokens.owner, body: {} })).body.expired).toEqual([])
    await setStore(w, { advanceExpiryMonths: 1 })
    expect((await w.api.post('/api/advance-payments/expire', { token: w.tokens.owner, body: {} })).body.expired).toEqual([{ id, amount: 5_000, customer: customer.id }])
    const refund = await w.api.post(`/api/advance-payments/${id}/refund`, { token: w.tokens.owner, body: { amount: 1, method: 'cash', reason: 'x' } })
    expect(refund.status).toBe(422)
  })

  it('the daily job on Payload’s jobs queue runs the policy of every store, and two runners at once forfeit each deposit once', async () => {
    const w = await newWorld({ advanceExpiryMonths: 1 } as never)
    const customer = await newCustomer(w)
    const ids = [await deposit(w, customer.id, 1_000), await deposit(w, customer.id, 2_000)]
    for (const id of ids) await backdate(id, '2021-06-15')
    const payload = await testPayload()
    const { DAILY_QUEUE } = await import('@/jobs/expireDeposits')
    // What the autoRun cron of every instance that runs jobs does every five minutes (not in the
    // tests: TALLY_JOBS=off): queue the next scheduled run, due at 00:05 UTC. It waits in the
    // queue and is no part of the runs below. Two instances' crons fire together: one run is queued
    // (issue 19, src/jobs/scheduleOnce.ts).
    await Promise.all([payload.jobs.handleSchedules({ queue: DAILY_QUEUE }), payload.jobs.handleSchedules({ queue: DAILY_QUEUE })])
    const next = await payload.find({
      collection: 'payload-jobs',
      where: { and: [{ taskSlug: { equals: 'expireDeposits' } }, { waitUntil: { greater_than: new Date().toISOString() } }] },
      overrideAccess: true,
      limit: 10,
    })
    expect(next.docs.length).toBe(1)
    expect(new Date(String(next.docs[0]!.waitUntil)).toISOString().slice(11, 19)).toBe('00:05:00')
    // Two instances each queue the day's job and run their queue at once.
    const queued = [
      await payload.jobs.queue({ task: 'expireDeposits', input: {}, queue: DAILY_QUEUE }),
      await payload.jobs.queue({ task: 'expireDeposits', input: {}, queue: DAILY_QUEUE }),
    ].map((job) => job.id)
    await Promise.all([payload.jobs.run({ queue: DAILY_QUEUE }), payload.jobs.run({ queue: DAILY_QUEUE })])
    const conn = await db()
    const { rows } = await conn.execute(sql`
      SELECT advance_payment_id, count(*) AS n, sum(amount) AS amount FROM transactions
       WHERE kind = 'advance_expiry' AND advance_payment_id IN (${ids[0]}, ${ids[1]}) GROUP BY 1 ORDER BY 1`)
    expect(rows.map((row) => [Number(row.advance_payment_id), Number(row.n), Number(row.amount)])).toEqual([
      [ids[0], 1, 1_000],
      [ids[1], 1, 2_000],
    ])
    expect((await getCustomer(w, customer.id)).advanceBalance).toBe(0)
    // Only the two jobs queued here (and the scheduled one above, waiting for 00:05).
    const jobs = await payload.find({ collection: 'payload-jobs', where: { id: { in: queued } }, overrideAccess: true, limit: 10 })
    // Finished jobs are kept (deleteJobOnComplete: false): a runner that raced the other for a job
    // finds it still there instead of failing on a deleted one.
    expect(
      jobs.docs
        .map((job) => ({ id: job.id, done: Boolean(job.completedAt), hasError: job.hasError ?? false, error: job.error ?? null }))
        .sort((a, b) => Number(a.id) - Number(b.id)),
    ).toEqual([...queued].sort((a, b) => Number(a) - Number(b)).map((id) => ({ id, done: true, hasError: false, error: null })))
    // Issue 19: each job ran once — the two runners' claims are serialized (src/jobs/serializeJobClaims.ts);
    // without that both read the two free jobs and both ran each of them.
    expect(jobs.docs.map((job) => ({ id: job.id, runs: job.log?.length ?? 0 })).sort((a, b) => Number(a.id) - Number(b.id))).toEqual(
      [...queued].sort((a, b) => Number(a) - Number(b)).map((id) => ({ id, runs: 1 })),
    )
  })

  it('a claim that fails after taking the claim lock rolls its transaction back: the lock is free for every other instance', async () => {
    const payload = await testPayload()
    const { JOB_CLAIM_LOCK } = await import('@/jobs/serializeJobClaims')
    const adapter = payload.db as unknown as { sessions: Record<string, unknown> }
    // As Payload's claim (queues/utilities/updateJob.js): a transaction of its own, then updateJobs;
    // a bad query fails inside the claim, after the lock (Payload would not roll back).
    const transactionID = await payload.db.beginTransaction()
    await expect(payload.db.updateJobs({ data: { processing: true }, limit: 1, req: { transactionID }, where: { noSuchField: { equals: 1 } } } as never)).rejects.toThrow()
    expect(adapter.sessions[String(transactionID)]).toBeUndefined()
    // Another connection gets the lock at once (before the fix the open transaction held it for ever).
    const { rows } = await (await db()).execute(sql`SELECT pg_try_advisory_xact_lock(${JOB_CLAIM_LOCK}) AS free`)
    expect(rows[0]!.free).toBe(true)
    // And a real claim goes through.
    await expect(payload.jobs.run({ queue: 'no-such-queue' })).resolves.toBeDefined()
  })

  it('the schedule slots (owner jobs:schedule) older than two days are deleted by the next slot written', async () => {
    const { claimScheduleSlot, SCHEDULE_OWNER } = await import('@/ledger/idempotency')
    const conn = await db()
    const tag = `test:${Date.now()}:${Math.random().toString(36).slice(2)}`
    await conn.execute(sql`
      INSERT INTO idempotency_keys (owner, key, request_hash, created_at) VALUES
        (${SCHEDULE_OWNER}, ${`${tag}:old`}, ${'0'.repeat(64)}, now() - interval '3 days'),
        (${SCHEDULE_OWNER}, ${`${tag}:yesterday`}, ${'0'.repeat(64)}, now() - interval '1 day'),
        ('anonymous', ${`${tag}:other-owner`}, ${'0'.repeat(64)}, now() - interval '3 days')`)
    expect(await claimScheduleSlot(conn, `${tag}:new`)).toBe(true)
    expect(await claimScheduleSlot(conn, `${tag}:new`)).toBe(false) // the slot is taken: another instance queues nothing
    const { rows } = await conn.execute(sql`SELECT owner, key FROM idempotency_keys WHERE key LIKE ${`${tag}:%`} ORDER BY key`)
    expect(rows.map((row) => `${String(row.owner)} ${String(row.key).slice(tag.length + 1)}`)).toEqual([
      `${SCHEDULE_OWNER} new`,
      'anonymous other-owner',
      `${SCHEDULE_OWNER} yesterday`,
    ])
    await conn.execute(sql`DELETE FROM idempotency_keys WHERE key LIKE ${`${tag}:%`}`)
  })

  it('the task is scheduled daily on its queue', async () => {
    const payload = await testPayload()
    const task = payload.config.jobs.tasks?.find((candidate) => candidate.slug === 'expireDeposits')
    const { scheduleOnce } = await import('@/jobs/scheduleOnce')
    // One instance queues each day's run (issue 19).
    expect(task?.schedule).toEqual([{ cron: '0 5 0 * * *', queue: 'daily', hooks: { beforeSchedule: scheduleOnce } }])
    // The daily queue is run every five minutes (other queues, e.g. issue 18's reminders, have their own entries).
    const autoRun = payload.config.jobs.autoRun
    expect(typeof autoRun).toBe('function')
    const crons = async () => (typeof autoRun === 'function' ? await autoRun(payload) : (autoRun ?? []))
    const saved = process.env.TALLY_JOBS
    try {
      delete process.env.TALLY_JOBS
      expect(await crons()).toContainEqual({ cron: '0 */5 * * * *', queue: 'daily', limit: 10, disableScheduling: false })
      // TALLY_JOBS=off (the tests, the migrating instance): the cron neither runs nor queues
      // scheduled jobs — Payload queues them before it asks shouldAutoRun.
      process.env.TALLY_JOBS = 'off'
      const off = await crons()
      expect(off.length).toBeGreaterThanOrEqual(2)
      expect(off.every((cron) => cron.disableScheduling === true)).toBe(true)
      expect(await payload.config.jobs.shouldAutoRun?.(payload)).toBe(false)
    } finally {
      process.env.TALLY_JOBS = saved
    }
  })
})

describe('credit limits (customers.creditLimit, stores.defaultCreditLimit)', () => {
  it('a new customer takes the store default; a sale taking pending above it is 422 with data.available; within it passes', async () => {
    const w = await newWorld({ defaultCreditLimit: 100_000 } as never)
    const customer = await newCustomer(w)
    expect((await getCustomer(w, customer.id)) as unknown as { creditLimit: number }).toMatchObject({ creditLimit: 100_000 })
    const first = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(60_000)] })
    expect(first.status).toBe(201)
    expect(first.body.customer).toMatchObject({ pendingBalance: 60_000, creditLimit: 100_000, availableCredit: 40_000 })

    const refused = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [{ method: 'cash', amount: 5_000 }] })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0]).toMatchObject({ message: 'Credit limit exceeded', data: { field: 'creditLimit', available: 40_000 } })
    expect((await getCustomer(w, customer.id)).pendingBalance).toBe(60_000)

    // Paying enough now keeps it within: 50,000 bill, 10,000 paid → 100,000 exactly.
    const within = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [{ method: 'cash', amount: 10_000 }] })
    expect(within.status).toBe(201)
    expect(within.body.customer.pendingBalance).toBe(100_000)
  })

  it('0 = cash only: any pay-later is refused, a paid sale passes; an owner may override with a reason, kept on the bill', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    await setCustomer(w, customer.id, { creditLimit: 0 })
    const refused = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].data).toMatchObject({ field: 'creditLimit', available: 0 })
    const paid = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] })
    expect(paid.status).toBe(201)
    expect(paid.body.bill.creditOverrideReason).toBeNull()

    const byCashier = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)], overrideCreditLimit: { reason: 'Regular' } })
    expect(byCashier.status).toBe(403)
    const byOwner = await checkoutAs(w, w.tokens.owner, { customer: customer.id, items: [item(1_000)], overrideCreditLimit: { reason: 'Regular, pays on Fridays' } })
    expect(byOwner.status, JSON.stringify(byOwner.body)).toBe(201)
    // The checkout's answer says it too (the POS shows it after the sale).
    expect(byOwner.body.bill.creditOverrideReason).toBe('Regular, pays on Fridays')
    const { body: bill } = await w.api.get(`/api/invoices/${byOwner.body.bill.id}?depth=0`, { token: w.tokens.owner })
    expect(bill).toMatchObject({ creditOverrideReason: 'Regular, pays on Fridays', creditOverrideBy: expect.any(Number) })
  })

  it('posting an invoice and a booking count against the limit too', async () => {
    const w = await newWorld({ defaultCreditLimit: 50_000 } as never)
    const customer = await newCustomer(w)
    const over = await w.api.post('/api/invoices', { token: w.tokens.owner, body: { store: w.store.id, customer: customer.id, items: [item(60_000)], status: 'open' } })
    expect(over.status).toBe(422)
    expect(over.body.errors[0]).toMatchObject({ message: 'Credit limit exceeded', data: { field: 'creditLimit', available: 50_000 } })
    const { totalDocs } = (await w.api.get(`/api/invoices?where[customer][equals]=${customer.id}`, { token: w.tokens.owner })).body
    expect(totalDocs).toBe(0)

    const draft = await w.api.post('/api/invoices', { token: w.tokens.owner, body: { store: w.store.id, customer: customer.id, items: [item(60_000)] } })
    const post = await w.api.post(`/api/invoices/${draft.body.doc.id}/post`, { token: w.tokens.owner, body: {} })
    expect(post.status).toBe(422)
    const overridden = await w.api.post(`/api/invoices/${draft.body.doc.id}/post`, { token: w.tokens.owner, body: { overrideCreditLimit: { reason: 'Signed contract' } } })
    expect(overridden.status, JSON.stringify(overridden.body)).toBe(200)

    const phone = (await getCustomer(w, customer.id)) as unknown as { phone: string }
    const booking = await w.api.post('/api/bookings', {
      token: w.tokens.cashier,
      body: { store: w.store.id, kind: 'booking', phone: phone.phone, customerName: 'x', services: [{ description: 'Party', price: 20_000 }] },
    })
    expect(booking.status).toBe(422)
    expect(booking.body.errors[0].message).toBe('Credit limit exceeded')
    // An advance that covers the services commits nothing more; an enquiry commits nothing.
    const covered = await w.api.post('/api/bookings', {
      token: w.tokens.cashier,
      body: {
        store: w.store.id,
        kind: 'booking',
        phone: phone.phone,
        customerName: 'x',
        services: [{ description: 'Party', price: 20_000 }],
        advanceAmount: 20_000,
        paymentMode: 'cash',
      },
    })
    expect(covered.status, JSON.stringify(covered.body)).toBe(201)
    const enquiry = await w.api.post('/api/bookings', {
      token: w.tokens.cashier,
      body: { store: w.store.id, kind: 'enquiry', phone: phone.phone, customerName: 'x', services: [{ description: 'Party', price: 20_000 }] },
    })
    expect(enquiry.status).toBe(201)
  })

  it('a cashier cannot set a credit limit; an owner can clear it (no limit)', async () => {
    const w = await newWorld({ defaultCreditLimit: 1_000 } as never)
    const customer = await newCustomer(w)
    const byCashier = await w.api.patch(`/api/customers/${customer.id}`, { token: w.tokens.cashier, body: { creditLimit: 999_999 } })
    expect(byCashier.status).toBe(403)
    const cleared = await setCustomer(w, customer.id, { creditLimit: null })
    expect(cleared.creditLimit).toBeNull()
    expect((await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(500_000)] })).status).toBe(201)
  })
})

describe('pay-later terms (creditTermsDays)', () => {
  it('a POS bill left with money due is due issue day + terms: store 15 days, customer 30 overrides; a paid bill has none', async () => {
    const w = await newWorld({ creditTermsDays: 15 } as never)
    const customer = await newCustomer(w)
    const due = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)], payments: [{ method: 'cash', amount: 4_000 }] })
    expect(due.body.bill.dueDate).toBe(storeDay(15))
    const { body: stored } = await w.api.get(`/api/invoices/${due.body.bill.id}?depth=0`, { token: w.tokens.owner })
    expect(stored.dueDate.slice(0, 10)).toBe(storeDay(15))

    const paid = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] })
    expect(paid.body.bill.dueDate).toBeNull()

    await setCustomer(w, customer.id, { creditTermsDays: 30 })
    const longer = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
    expect(longer.body.bill.dueDate).toBe(storeDay(30))
  })

  it('with terms 0 the bill is due the day it is issued, and is overdue from the next day (aging counts from the due day)', async () => {
    const w = await newWorld()
    const customer = await newCustomer(w)
    const sale = await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    expect(sale.body.bill.dueDate).toBe(storeToday())
    const conn = await db()
    // Issued (and so due) five days ago: the calendar refresh makes it overdue, aged 5 days.
    await conn.execute(
      sql`UPDATE invoices SET issue_date = ${`${storeDay(-5)}T12:00:00Z`}::timestamptz, due_date = ${`${storeDay(-5)}T12:00:00Z`}::timestamptz WHERE id = ${sale.body.bill.id}`,
    )
    const { refreshTimeDependent } = await import('@/ledger/refresh')
    await refreshTimeDependent(conn as never)
    const { body } = await w.api.get(`/api/invoices/${sale.body.bill.id}?depth=0`, { token: w.tokens.owner })
    expect(body.status).toBe('overdue')
    const aging = await w.api.get(`/api/reports/aging?store=${w.store.id}`, { token: w.tokens.owner })
    expect(aging.body.buckets.d1_30).toBe(10_000)
  })
})

describe('store settings (PATCH /api/stores/:id)', () => {
  it('owners set terms, limits and the expiry policy; bad values are 400 naming the field', async () => {
    const w = await newWorld()
    const doc = await setStore(w, { creditTermsDays: 7, defaultCreditLimit: 250_000, advanceExpiryMonths: 12 })
    expect(doc).toMatchObject({ creditTermsDays: 7, defaultCreditLimit: 250_000, advanceExpiryMonths: 12 })
    for (const [field, value] of [
      ['creditTermsDays', -1],
      ['creditTermsDays', 1.5],
      ['creditTermsDays', 366],
      ['defaultCreditLimit', -5],
      ['advanceExpiryMonths', 0],
    ] as const) {
      const { status, body } = await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.owner, body: { [field]: value } })
      expect(status, `${field}=${value}`).toBe(400)
      expect(JSON.stringify(body)).toContain(field)
    }
    expect((await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.cashier, body: { creditTermsDays: 1 } })).status).toBe(403)
    expect((await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.otherOwner, body: { creditTermsDays: 1 } })).status).toBe(404)
  })

  it('currency and number prefix are fixed once the store has ledger rows (422), free before', async () => {
    const w = await newWorld()
    await setStore(w, { currency: 'USD', invoicePrefix: 'NEW' })
    await setStore(w, { currency: 'INR', invoicePrefix: 'SAL' })
    const customer = await newCustomer(w)
    await checkoutAs(w, w.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
    for (const change of [{ currency: 'USD' }, { invoicePrefix: 'XYZ' }]) {
      const { status, body } = await w.api.patch(`/api/stores/${w.store.id}`, { token: w.tokens.owner, body: change })
      expect(status).toBe(422)
      expect(body.errors[0].data.field).toBe(Object.keys(change)[0])
    }
    // Anything else still changes.
    await setStore(w, { name: 'Renamed', creditTermsDays: 3 })
  })
})
