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
 */
import type { Payload } from 'payload'

import { sql } from '@/ledger/db'

type UpdateJobs = Payload['db']['updateJobs']
type Sessions = Record<string | number, { db: { execute: (query: ReturnType<typeof sql>) => Promise<unknown> } } | undefined>

/** Arbitrary, fixed (as MIGRATION_LOCK, EXPIRY_LOCK): the one-key advisory lock a job claim holds. */
export const JOB_CLAIM_LOCK = 7_316_019

const CLAIMED = Symbol.for('tally.serializedJobClaims')

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
      return await claim(args)
    } catch (error) {
      await adapter.rollbackTransaction(transactionID as string | number).catch(() => undefined)
      throw error
    }
  }
  adapter[CLAIMED] = true
}
