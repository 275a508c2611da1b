/**
 * Every app instance runs the jobs queue (payload.config.ts jobs.autoRun), and their crons fire
 * in the same second. Payload alone would let two of them do the same work (issue 19):
 * - it claims jobs with a read and then an update by id inside one transaction, so two
 *   instances claiming together both read the same free jobs and both take them — each of
 *   those jobs runs twice;
 * - it queues a scheduled run after counting the queue, so both instances queue the same run.
 *
 * Here, with no change to Payload:
 * - `serializeJobClaims`: a claim (an update that sets `processing: true`) first takes a
 *   transaction-level advisory lock in Payload's claim transaction; the next claimer waits
 *   until that one has committed and then reads the jobs as taken (READ COMMITTED: its read
 *   starts after the lock). Claims are a few milliseconds; the jobs still run in parallel.
 * - `scheduleOnce`: a task's schedule hook records its slot (queue, task, time) as an
 *   Idempotency-Key of owner `jobs:schedule`; only the instance whose INSERT wrote it queues
 *   the run.
 */
import { createHash } from 'node:crypto'

import type { Payload, TaskConfig } from 'payload'

import { sql, sqlFor } from '@/ledger/db'

type UpdateJobs = Payload['db']['updateJobs']
/** Payload's BeforeScheduleFn (not exported from the package root). */
type BeforeSchedule = NonNullable<NonNullable<NonNullable<TaskConfig['schedule']>[number]['hooks']>['beforeSchedule']>
type Sessions = Record<string | number, { db: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> } } | undefined>

const CLAIMED = Symbol.for('tally.serializedJobClaims')

export function serializeJobClaims(payload: Payload): void {
  const adapter = payload.db as Payload['db'] & { sessions?: Sessions; [CLAIMED]?: boolean }
  if (adapter[CLAIMED]) return
  const claim: UpdateJobs = adapter.updateJobs.bind(adapter)
  adapter.updateJobs = async (args) => {
    const transactionID = args.data?.processing === true ? await args.req?.transactionID : undefined
    const session = transactionID !== undefined ? adapter.sessions?.[transactionID as string | number] : undefined
    // Held until Payload commits the claim; two keys, apart from any one-key advisory lock.
    if (session) await session.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tally'), hashtext('payload-jobs claim'))`)
    return claim(args)
  }
  adapter[CLAIMED] = true
}

export const SCHEDULE_OWNER = 'jobs:schedule'

/** A schedule's beforeSchedule hook: Payload's own rule, then one instance per slot. */
export const scheduleOnce: BeforeSchedule = async (args) => {
  const decided = await args.defaultBeforeSchedule(args)
  if (!decided.shouldSchedule) return decided
  const { queueable } = args
  const at = decided.waitUntil ?? queueable.waitUntil
  const slot = `${queueable.scheduleConfig.queue}:${queueable.taskConfig?.slug ?? queueable.workflowConfig?.slug ?? '?'}:${at ? at.toISOString() : 'now'}`
  const db = await sqlFor(args.req)
  const { rows } = await db.execute(sql`
    INSERT INTO idempotency_keys (owner, key, request_hash) VALUES (${SCHEDULE_OWNER}, ${slot}, ${createHash('sha256').update(slot).digest('hex')})
    ON CONFLICT (owner, key) DO NOTHING RETURNING key`)
  return { ...decided, shouldSchedule: rows.length > 0 }
}
