/**
 * Issue 19: an instance killed while it runs a job leaves that job `processing` for ever. Payload
 * never runs it again and its schedule never queues another (a daily deposit expiry or the
 * minute's reminders would stop for good). The next claim of any instance gives it back to the
 * queue (src/jobs/serializeJobClaims.ts, recoverStaleJobs), or fails it after MAX_RECOVERIES.
 * Each test works its own queue, so no other test's runner takes its jobs.
 */
import { afterAll, describe, expect, it } from 'vitest'

import { MAX_RECOVERIES, STALE_JOB_MINUTES } from '@/jobs/serializeJobClaims'
import { sql } from '@/ledger/db'

import { testPayload } from '../helpers/payload'

async function db() {
  return (await testPayload()).db.drizzle as unknown as { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
}

const queues: string[] = []
function ownQueue(): string {
  const queue = `recovery-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  queues.push(queue)
  return queue
}

afterAll(async () => {
  const conn = await db()
  for (const queue of queues) await conn.execute(sql`DELETE FROM payload_jobs WHERE queue = ${queue}`)
})

/** A job as a dead instance leaves it: claimed `minutesAgo` minutes ago (Payload's clock) and never finished. */
async function abandonedJob(queue: string, minutesAgo: number, recoveredBefore = 0) {
  const payload = await testPayload()
  const job = await payload.jobs.queue({ task: 'expireDeposits', input: {}, queue })
  const claimedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString()
  const meta = recoveredBefore > 0 ? JSON.stringify({ recovered: recoveredBefore }) : null
  await (
    await db()
  ).execute(sql`
    UPDATE payload_jobs SET processing = true, updated_at = ${claimedAt}::timestamptz, meta = ${meta}::jsonb WHERE id = ${job.id}`)
  return Number(job.id)
}

async function jobRow(id: number) {
  const { rows } = await (
    await db()
  ).execute(sql`
    SELECT processing, completed_at IS NOT NULL AS done, has_error, error ->> 'message' AS error, (meta ->> 'recovered')::int AS recovered,
           (SELECT count(*) FROM payload_jobs_log WHERE _parent_id = payload_jobs.id)::int AS runs
      FROM payload_jobs WHERE id = ${id}`)
  const row = rows[0]!
  return {
    processing: Boolean(row.processing),
    done: Boolean(row.done),
    hasError: Boolean(row.has_error),
    error: row.error == null ? null : String(row.error),
    recovered: row.recovered == null ? 0 : Number(row.recovered),
    runs: Number(row.runs),
  }
}

/** What Payload's defaultBeforeSchedule counts: a job of the queue that is neither finished nor failed blocks the next scheduled one. */
async function blocksItsSchedule(queue: string): Promise<boolean> {
  const { rows } = await (
    await db()
  ).execute(sql`
    SELECT count(*)::int AS n FROM payload_jobs WHERE queue = ${queue} AND completed_at IS NULL AND error IS NULL`)
  return Number(rows[0]!.n) > 0
}

describe('a job left running by a stopped instance', () => {
  it(`is given back to the queue by the next claim once it is ${STALE_JOB_MINUTES} minutes old, and runs once`, async () => {
    const payload = await testPayload()
    const queue = ownQueue()
    const id = await abandonedJob(queue, STALE_JOB_MINUTES + 1)
    expect(await blocksItsSchedule(queue)).toBe(true)
    // Before the fix Payload skipped it (processing) on every run, for ever.
    await payload.jobs.run({ queue })
    expect(await jobRow(id)).toEqual({ processing: false, done: true, hasError: false, error: null, recovered: 1, runs: 1 })
    expect(await blocksItsSchedule(queue)).toBe(false)
  })

  it('is left alone while it may still be running on another instance', async () => {
    const payload = await testPayload()
    const queue = ownQueue()
    const id = await abandonedJob(queue, STALE_JOB_MINUTES - 5)
    await payload.jobs.run({ queue })
    expect(await jobRow(id)).toEqual({ processing: true, done: false, hasError: false, error: null, recovered: 0, runs: 0 })
  })

  it(`fails instead of coming back a ${MAX_RECOVERIES + 1}th time, so its schedule goes on`, async () => {
    const payload = await testPayload()
    const queue = ownQueue()
    const id = await abandonedJob(queue, STALE_JOB_MINUTES + 1, MAX_RECOVERIES)
    await payload.jobs.run({ queue })
    expect(await jobRow(id)).toEqual({
      processing: false,
      done: false,
      hasError: true,
      error: `its instance stopped while running it ${MAX_RECOVERIES + 1} times`,
      recovered: MAX_RECOVERIES + 1,
      runs: 0,
    })
    expect(await blocksItsSchedule(queue)).toBe(false)
  })

  it('two instances claiming at once give it back once and run it once', async () => {
    const payload = await testPayload()
    const queue = ownQueue()
    const id = await abandonedJob(queue, STALE_JOB_MINUTES + 10)
    await Promise.all([payload.jobs.run({ queue }), payload.jobs.run({ queue }), payload.jobs.run({ queue })])
    expect(await jobRow(id)).toEqual({ processing: false, done: true, hasError: false, error: null, recovered: 1, runs: 1 })
  })
})
