import { createHash } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

import { inTransaction, sql, type Db } from './db'

export interface Outcome<T = unknown> {
  status: number
  body: T
}

/** How deep a request may nest to be hashed; the request guard already stops bodies at 32. */
const MAX_DEPTH = 64

/** JSON with sorted keys, so equal requests hash alike; bounded, so no body can overflow the stack. */
export function stable(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new RuleError(`the request nests deeper than ${MAX_DEPTH} levels`, '(body)', 400)
  if (Array.isArray(value)) return `[${value.map((item) => stable(item, depth + 1)).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key], depth + 1)}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * SPEC §3.9: runs a money operation once per Idempotency-Key. The key is claimed in the
 * operation's own transaction, so it commits with the ledger rows or not at all; a retry
 * that races the first waits on the key's row lock and then replays the stored answer.
 * The same key with another request is 409.
 */
const ownerOf = (req: PayloadRequest) => (req.user ? `${req.user.collection}:${req.user.id}` : 'anonymous')

/**
 * Claims an Idempotency-Key inside the current transaction. Returns the first answer when
 * the same request already ran (a racing retry waits here on the key's row lock until the
 * first commits or rolls back); another request under the same key is 409.
 */
export async function claimKey(db: Db, req: PayloadRequest, key: string, operation: string, request: unknown): Promise<Outcome | null> {
  const owner = ownerOf(req)
  const hash = createHash('sha256').update(stable({ operation, request })).digest('hex')
  const claimed = await db.execute(sql`
    INSERT INTO idempotency_keys (owner, key, request_hash) VALUES (${owner}, ${key}, ${hash})
    ON CONFLICT (owner, key) DO NOTHING RETURNING key`)
  if (claimed.rows.length > 0) return null
  const { rows } = await db.execute(sql`
    SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE owner = ${owner} AND key = ${key}`)
  const first = rows[0]
  if (!first || first.request_hash !== hash) {
    throw new RuleError('this Idempotency-Key was already used for a different request', 'Idempotency-Key', 409)
  }
  return { status: Number(first.response_status), body: first.response_body }
}

/** Stores the answer of a claimed key, in the same transaction as the work it describes. */
export async function storeOutcome(db: Db, req: PayloadRequest, key: string, outcome: Outcome): Promise<void> {
  await db.execute(sql`
    UPDATE idempotency_keys SET response_status = ${outcome.status}, response_body = ${JSON.stringify(outcome.body)}::jsonb,
           completed_at = now()
     WHERE owner = ${ownerOf(req)} AND key = ${key}`)
}

/**
 * SPEC §3.9: runs a money operation once per Idempotency-Key. The key is claimed in the
 * operation's own transaction, so it commits with the ledger rows or not at all.
 */
export async function runOnce<T>(
  req: PayloadRequest,
  options: { key: string | null; operation: string; request: unknown },
  work: (db: Db) => Promise<Outcome<T>>,
): Promise<Outcome<T> & { replayed: boolean }> {
  return inTransaction(req, async (db) => {
    const { key } = options
    if (!key) return { ...(await work(db)), replayed: false }
    const first = await claimKey(db, req, key, options.operation, options.request)
    if (first) return { ...(first as Outcome<T>), replayed: true }
    const outcome = await work(db)
    await storeOutcome(db, req, key, outcome)
    return { ...outcome, replayed: false }
  })
}

export function respond<T>(outcome: Outcome<T> & { replayed: boolean }): Response {
  return Response.json(outcome.body, { status: outcome.status, headers: outcome.replayed ? { 'Idempotent-Replayed': 'true' } : undefined })
}

/** The owner of the jobs queue's schedule slots (src/jobs/scheduleOnce.ts). */
export const SCHEDULE_OWNER = 'jobs:schedule'
/** A slot is only ever raced for within its own minute; two days is plenty to look back on. */
const SCHEDULE_SLOTS_KEPT = '2 days'

/**
 * Records a scheduled run's slot (queue, task, time) as an Idempotency-Key of owner
 * `jobs:schedule`: true for the one instance whose INSERT wrote it (it queues the run), false
 * for the others. The instance that wrote it also deletes the slots older than two days (at
 * most one a minute per schedule: a few thousand rows a day, so no batching).
 */
export async function claimScheduleSlot(db: Db, slot: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    INSERT INTO idempotency_keys (owner, key, request_hash) VALUES (${SCHEDULE_OWNER}, ${slot}, ${createHash('sha256').update(slot).digest('hex')})
    ON CONFLICT (owner, key) DO NOTHING RETURNING key`)
  if (rows.length === 0) return false
  await db.execute(sql`
    DELETE FROM idempotency_keys WHERE owner = ${SCHEDULE_OWNER} AND created_at < now() - ${SCHEDULE_SLOTS_KEPT}::interval`)
  return true
}
