/**
 * A COMMIT that fails must not answer 201. Payload's Postgres adapter ends a transaction by
 * resolving drizzle's transaction callback and swallows whatever COMMIT throws (its
 * beginTransaction catches the transaction promise), so a connection killed at COMMIT would
 * report success for writes that were rolled back. Wrapped here: before COMMIT the
 * transaction's id is read (`txid_current_if_assigned()`, NULL when it wrote nothing); after
 * it, `txid_status()` on another connection says what really happened — the one question
 * Postgres can still answer when the connection died during COMMIT.
 */
import { APIError, type Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'

interface Executor {
  execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }>
}

interface AdapterWithSessions {
  commitTransaction: (id: string | number | Promise<string | number>) => Promise<void>
  sessions?: Record<string | number, { db: Executor } | undefined>
  drizzle: Executor
}

export class CommitNotConfirmed extends APIError {
  // Spelled out: the production build renames classes, and log levels are looked up by name.
  override name = 'CommitNotConfirmed'
  constructor(outcome: 'aborted' | 'unknown') {
    super(
      outcome === 'aborted'
        ? 'The database could not commit this change: nothing was saved. Try again.'
        : 'The database connection was lost while saving and the outcome could not be confirmed. Retry with the same Idempotency-Key: it is applied at most once.',
      503,
      { outcome },
      true,
    )
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function statusOf(pool: Executor, xid: string): Promise<string | null> {
  // A backend killed during COMMIT finishes aborting on its own: 'in progress' for a moment.
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await pool.execute(sql`SELECT txid_status(${xid}::bigint) AS status`)
    const status = (rows[0]?.status as string | null | undefined) ?? null
    if (status !== 'in progress') return status
    await pause(20)
  }
  return 'in progress'
}

export function verifyCommits(payload: Payload): void {
  const adapter = payload.db as unknown as AdapterWithSessions
  const commit = adapter.commitTransaction.bind(adapter)
  adapter.commitTransaction = async (incoming) => {
    const id = incoming instanceof Promise ? await incoming : incoming
    const session = adapter.sessions?.[id]
    if (!session) return commit(id)
    let xid: string | null
    try {
      const { rows } = await session.db.execute(sql`SELECT txid_current_if_assigned()::text AS xid`)
      xid = (rows[0]?.xid as string | null | undefined) ?? null
    } catch {
      // The connection is already gone: the transaction cannot commit. Let the adapter
      // release the session, then say so.
      await commit(id)
      throw new CommitNotConfirmed('aborted')
    }
    await commit(id)
    if (xid === null) return // wrote nothing: nothing to lose
    let status: string | null
    try {
      status = await statusOf(adapter.drizzle, xid)
    } catch {
      throw new CommitNotConfirmed('unknown')
    }
    if (status === 'committed') return
    payload.logger.warn(`COMMIT of transaction ${xid} did not happen (status ${status ?? 'unknown'}); answering 503`)
    throw new CommitNotConfirmed(status === 'aborted' ? 'aborted' : 'unknown')
  }
}
