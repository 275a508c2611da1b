/**
 * Every app instance runs the jobs queue (payload.config.ts jobs.autoRun), and their crons fire
 * in the same second. Payload claims jobs with a read and then an update by id inside one
 * transaction, so two instances claiming together both read the same free jobs and both take
 * them — each of those jobs would run twice (issue 19).
 *
 * Here, with no change to Payload: a claim (an update that sets `processing: true`) first takes
 * a transaction-level advisory lock in Payload's claim transaction; the next claimer waits until
 * that one has committed and then reads the jobs as taken (READ COMMITTED: its read starts after
 * the lock). Claims are a few milliseconds; the jobs still run in parallel.
 *
 * Payload's claim (queues/utilities/updateJob.js) begins that transaction, calls
 * `db.updateJobs` and commits, with no rollback when the update throws: a failed claim would
 * leave its transaction open, holding the lock, and every instance's next claim would wait on
 * it for ever. So the wait is bounded (lock_timeout) and a claim that throws rolls its
 * transaction back here before the error goes on.
 *
 * A job whose instance died while running it (kill -9, a crash, a redeploy) stays
 * `processing` for ever: Payload never runs it again, and its schedule never queues another
 * (defaultBeforeSchedule counts it as active), so the daily deposit expiry or the minute's
 * reminders would stop for good. Each claim, under the same lock, first gives such jobs back to
 * the queue: a job claimed more than STALE_JOB_MINUTES ago (Payload's own clock, as its
 * waitUntil) and not finished. Every task here is safe to run twice (deposit expiry re-reads
 * under row locks; a reminder is claimed before it is sent, so it goes out at most once). A job
 * given back MAX_RECOVERIES times ends with an error instead, so a job that kills its instance
 * cannot loop, and its schedule goes on.
 */
import type { Payload } from 'payload'

import { sql } from '@/ledger/db'

type UpdateJobs = Payload['db']['updateJobs']
type Sessions = Record<string | number, { db: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> } } | undefined>

/** Arbitrary, fixed (as MIGRATION_LOCK, EXPIRY_LOCK): the one-key advisory lock a job claim holds. */
export const JOB_CLAIM_LOCK = 7_316_019

const CLAIMED = Symbol.for('tally.serializedJobClaims')

/** A claim older than this with no end is an instance that died (the longest task takes seconds). TALLY_JOB_STALE_MINUTES overrides. */
export const STALE_JOB_MINUTES = 30
/** A job given back this many times is failed instead of given back again. */
export const MAX_RECOVERIES = 3

export function staleJobMinutes(): number {
  const minutes = Number(process.env.TALLY_JOB_STALE_MINUTES)
  return Number.isInteger(minutes) && minutes > 0 ? minutes : STALE_JOB_MINUTES
}

export interface RecoveredJob {
  id: number
  taskSlug: string | null
  queue: string | null
  recovered: number
  failed: boolean
}

type Execute = (query: ReturnType<typeof sql>) => Promise<unknown>

/** Gives back to the queue (or fails, after MAX_RECOVERIES) the jobs claimed before `now - minutes` and never finished. */
export async function recoverStaleJobs(execute: Execute, now: Date = new Date(), minutes: number = staleJobMinutes()): Promise<RecoveredJob[]> {
  const before = new Date(now.getTime() - minutes * 60_000).toISOString()
  const result = (await execute(sql`
    WITH stale AS (
      SELECT id, coalesce((meta ->> 'recovered')::int, 0) + 1 AS recovered
        FROM payload_jobs
       WHERE processing AND completed_at IS NULL AND updated_at < ${before}::timestamptz
       FOR UPDATE SKIP LOCKED
    )
    UPDATE payload_jobs AS job
       SET processing = false,
           updated_at = ${now.toISOString()}::timestamptz,
           meta = coalesce(job.meta, '{}'::jsonb) || jsonb_build_object('recovered', stale.recovered, 'recoveredAt', ${now.toISOString()}::text),
           has_error = stale.recovered > ${MAX_RECOVERIES},
           error = CASE WHEN stale.recovered > ${MAX_RECOVERIES}
                        THEN jsonb_build_object('message', ${`its instance stopped while running it ${MAX_RECOVERIES + 1} times`}::text)
                        ELSE job.error END
      FROM stale
     WHERE job.id = stale.id
    RETURNING job.id, job.task_slug, job.queue, stale.recovered`)) as { rows: Record<string, unknown>[] }
  return result.rows.map((row) => ({
    id: Number(row.id),
    taskSlug: row.task_slug == null ? null : String(row.task_slug),
    queue: row.queue == null ? null : String(row.queue),
    recovered: Number(row.recovered),
    failed: Number(row.recovered) > MAX_RECOVERIES,
  }))
}

export function serializeJobClaims(payload: Payload): void {
  const adapter = payload.db as Payload['db'] & { sessions?: Sessions; [CLAIMED]?: boolean }
  if (adapter[CLAIMED]) return
  const claim: UpdateJobs = adapter.updateJobs.bind(adapter)
  adapter.updateJobs = async (args) => {
    const transactionID = args.data?.processing === true ? await args.req?.transactionID : undefined
    const session = transactionID !== undefined ? adapter.sessions?.[transactionID as string | number] : undefined
    if (!session) return claim(args)
    // The transaction is Payload's claim transaction (updateJob.js begins it for this call alone).
    try {
      // Another instance's claim takes a few ms: waiting 5 s means it is stuck; fail, roll back, retry next tick.
      await session.db.execute(sql`SET LOCAL lock_timeout = '5s'`)
      // Held until Payload commits the claim.
      await session.db.execute(sql`SELECT pg_advisory_xact_lock(${JOB_CLAIM_LOCK})`)
      const recovered = await recoverStaleJobs((query) => session.db.execute(query))
      if (recovered.length > 0) {
        payload.logger.warn(
          { jobs: recovered },
          `jobs: ${recovered.length} job(s) left running by a stopped instance given back to the queue (or failed after ${MAX_RECOVERIES} tries)`,
        )
      }
      return await claim(args)
    } catch (error) {
      await adapter.rollbackTransaction(transactionID as string | number).catch(() => undefined)
      throw error
    }
  }
  adapter[CLAIMED] = true
}
