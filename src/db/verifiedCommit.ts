/**
 * A COMMIT that fails must not answer 201. Payload's Postgres adapter ends a transaction by
 * resolving drizzle's transaction callback and swallows whatever COMMIT throws (its
 * beginTransaction `.catch`es the transaction promise), so a connection killed at COMMIT, or
 * a deferred constraint failing there, would report success for writes that were rolled
 * back. Here every drizzle transaction's outcome is remembered (no extra round trip), and
 * commitTransaction throws when its COMMIT did not go through:
 *
 * - Postgres answered the COMMIT with an error, or with the tag ROLLBACK (the transaction
 *   had already failed): nothing was saved → 503 `aborted`.
 * - the connection broke without an answer: the outcome is unknown → 503 `unknown`, asking
 *   to retry with the same Idempotency-Key, which replays the stored answer if it did commit.
 *
 * tests/int/db-faults.test.ts proves it with a deferred trigger that fails at COMMIT.
 */
import { APIError, type Payload } from 'payload'

type Transaction = { session?: { client?: QueryClient } }

interface QueryClient {
  query: (...args: unknown[]) => unknown
}

const GUARDED = Symbol('tally.commitGuard')

interface Drizzle {
  transaction: (work: (tx: Transaction) => Promise<unknown>, config?: unknown) => Promise<unknown>
}

interface AdapterWithSessions {
  commitTransaction: (id: string | number | Promise<string | number>) => Promise<void>
  sessions?: Record<string | number, { db: Transaction } | undefined>
  drizzle: Drizzle
}

export class CommitNotConfirmed extends APIError {
  // Spelled out: the production build renames classes, and log levels are looked up by name.
  override name = 'CommitNotConfirmed'
  constructor(outcome: 'aborted' | 'unknown') {
    super(
      outcome === 'aborted'
        ? 'The database could not commit this change: nothing was saved. Try again.'
        : 'The database connection was lost while saving and the outcome is unknown. Retry with the same Idempotency-Key: it is applied at most once.',
      503,
      { outcome },
      true,
    )
  }
}

/** COMMIT answered with the tag ROLLBACK: the transaction had failed before it. */
class CommitRolledBack extends Error {
  override name = 'CommitRolledBack'
  constructor() {
    super('COMMIT was answered with ROLLBACK: the transaction had already failed')
  }
}

/** Postgres itself answered (an ErrorResponse: SQLSTATE and severity), not a broken socket. */
function answeredByPostgres(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof CommitRolledBack) return true
    const { code, severity } = current as { code?: unknown; severity?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string') return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

/** Makes a pooled client's COMMIT fail when Postgres answers it with ROLLBACK. */
function guardCommit(client: QueryClient | undefined): void {
  if (!client || (client as { [GUARDED]?: boolean })[GUARDED]) return
  const query = client.query.bind(client)
  client.query = (...args: unknown[]) => {
    const [config, values, callback] = args
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text
    if (typeof text !== 'string' || text.trim().toLowerCase() !== 'commit' || typeof values === 'function' || typeof callback === 'function') {
      return query(...args)
    }
    return (query(...args) as Promise<{ command?: string }>).then((result) => {
      if (result?.command === 'ROLLBACK') throw new CommitRolledBack()
      return result
    })
  }
  ;(client as { [GUARDED]?: boolean })[GUARDED] = true
}

function rootMessage(error: unknown): string {
  let current: unknown = error
  while (current && typeof current === 'object' && 'cause' in current && (current as { cause?: unknown }).cause) current = (current as { cause: unknown }).cause
  return current instanceof Error ? current.message.split('\n')[0]! : String(current)
}

export function verifyCommits(payload: Payload): void {
  const adapter = payload.db as unknown as AdapterWithSessions
  const failed = new WeakMap<Transaction, unknown>()

  const wrap = () => {
    const drizzle = adapter.drizzle as Drizzle & { [GUARDED]?: boolean }
    if (drizzle[GUARDED]) return
    const transaction = drizzle.transaction.bind(drizzle)
    drizzle.transaction = (work, config) => {
      let handle: Transaction | undefined
      const run = transaction((tx) => {
        handle = tx
        guardCommit(tx.session?.client)
        return work(tx)
      }, config)
      // Registered before the adapter's own catch, so it has run when commitTransaction resumes.
      run.catch((error: unknown) => {
        if (handle) failed.set(handle, error)
      })
      return run
    }
    drizzle[GUARDED] = true
  }
  wrap()

  const commit = adapter.commitTransaction.bind(adapter)
  adapter.commitTransaction = async (incoming) => {
    const id = incoming instanceof Promise ? await incoming : incoming
    const tx = adapter.sessions?.[id]?.db
    await commit(id)
    if (!tx || !failed.has(tx)) {
      wrap() // a dev hot reload replaces the drizzle instance
      return
    }
    const error = failed.get(tx)
    failed.delete(tx)
    const outcome = answeredByPostgres(error) ? 'aborted' : 'unknown'
    payload.logger.warn(`COMMIT failed (${rootMessage(error)}); answering 503 (${outcome})`)
    throw new CommitNotConfirmed(outcome)
  }
}
