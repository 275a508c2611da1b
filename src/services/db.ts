/**
 * SQL inside the request's transaction. Every service writes through `sqlFor(req)`, so its
 * statements and every Local API call made with the same `req` share one transaction.
 */
import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

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

export function rowsOf<T>(result: { rows: Record<string, unknown>[] }): T[] {
  return result.rows as T[]
}

/** bigint / numeric columns arrive as strings: convert at the edge, refuse anything unsafe. */
export function toMinor(value: unknown, what = 'amount'): number {
  const number = typeof value === 'string' ? Number(value) : (value as number | null | undefined) ?? 0
  if (!Number.isSafeInteger(number)) throw new Error(`${what} from the database is not a safe integer: ${String(value)}`)
  return number
}

/**
 * A figure summed over many rows (a report total). Every stored amount is bounded (SPEC §1,
 * migration store_links_and_bounds), but a store's sums may still outgrow what a JSON number
 * holds exactly: answer 422 naming the figure, never a 500 and never a rounded amount.
 */
export function toSum(value: unknown, what: string): number {
  const number = typeof value === 'string' ? Number(value) : (value as number | null | undefined) ?? 0
  if (!Number.isSafeInteger(number)) {
    throw new RuleError(`${what} adds up to more than ${Number.MAX_SAFE_INTEGER} minor units, more than a report can show exactly`, what, 422)
  }
  return number
}
