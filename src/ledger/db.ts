/**
 * SQL inside the request's transaction. Every ledger write runs on `sqlFor(req)`, so its
 * statements and every Local API call made with the same `req` share one transaction.
 */
import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

export { sql }
export type SQL = ReturnType<typeof sql>

export interface Db {
  execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[]; rowCount?: number | null }>
}

/** The drizzle handle of req's transaction (or the pool when there is none). */
export async function sqlFor(req: PayloadRequest): Promise<Db> {
  const adapter = req.payload.db
  const id = req.transactionID ? await req.transactionID : undefined
  const session = id ? adapter.sessions?.[id] : undefined
  return (session?.db ?? adapter.drizzle) as unknown as Db
}

const RETRYABLE = new Set(['40001', '40P01']) // serialization failure, deadlock

function pgCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Runs `work` in req's transaction: joins one that is open (a hook inside a Payload
 * operation) or opens, commits and — on error — rolls back its own. An operation that
 * owns its transaction is retried on a serialization failure or deadlock.
 */
export async function inTransaction<T>(req: PayloadRequest, work: (db: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const owns = await initTransaction(req)
    try {
      const result = await work(await sqlFor(req))
      if (owns) await commitTransaction(req)
      return result
    } catch (error) {
      if (owns) await killTransaction(req)
      if (owns && attempt < 4 && RETRYABLE.has(pgCode(error) ?? '')) continue
      throw error
    }
  }
}

/** bigint / numeric columns arrive as strings: convert at the edge, refuse anything unsafe. */
export function toMinor(value: unknown, what = 'amount'): number {
  const number = typeof value === 'string' ? Number(value) : (value as number | null | undefined) ?? 0
  if (!Number.isSafeInteger(number)) throw new Error(`${what} from the database is not a safe integer: ${String(value)}`)
  return number
}
