/**
 * SQL inside the request's transaction. Every ledger write runs on `sqlFor(req)`, so its
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

/** `a, b, c` as parameters, for `IN (…)` (drizzle turns a bare array into one parameter). */
export const sqlList = (values: readonly unknown[]): SQL =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )

/** The drizzle handle of req's transaction (or the pool when there is none). */
export async function sqlFor(req: PayloadRequest): Promise<Db> {
  const adapter = req.payload.db
  const id = req.transactionID ? await req.transactionID : undefined
  const session = id ? adapter.sessions?.[id] : undefined
  return (session?.db ?? adapter.drizzle) as unknown as Db
}

const RETRYABLE = new Set(['40001', '40P01']) // serialization failure, deadlock

interface PgError {
  code: string
  constraint?: string
  detail?: string
}

/** The Postgres error behind `error` (drizzle and Payload wrap it in causes), or null. */
export function pgErrorOf(error: unknown): PgError | null {
  let current: unknown = error
  for (let depth = 0; current && depth < 6; depth++) {
    const { code, constraint, detail } = current as { code?: unknown; constraint?: unknown; detail?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: typeof constraint === 'string' ? constraint : undefined, detail: typeof detail === 'string' ? detail : undefined }
    }
    current = (current as { cause?: unknown }).cause
  }
  return null
}

/** What the database refused for the client's sake, as the rule it broke (else null). */
export function refusalOf(error: unknown): RuleError | null {
  const pg = pgErrorOf(error)
  if (pg?.code === '23505' && pg.constraint === 'transactions_store_reference_key') {
    const reference = /\(store_id, reference\)=\(\d+, (.*)\)/.exec(pg.detail ?? '')?.[1]
    return new RuleError(`${reference ? `the reference ${reference}` : 'this reference'} is already used in this store; give another`, 'reference', 409)
  }
  return null
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
      if (owns && attempt < 4 && RETRYABLE.has(pgErrorOf(error)?.code ?? '')) continue
      throw error
    }
  }
}

/** bigint / numeric columns arrive as strings: convert at the edge, refuse anything unsafe. */
export function toMinor(value: unknown, what = 'amount'): number {
  const number = typeof value === 'string' ? Number(value) : ((value as number | null | undefined) ?? 0)
  if (!Number.isSafeInteger(number)) throw new Error(`${what} from the database is not a safe integer: ${String(value)}`)
  return number
}

/**
 * A figure summed over many rows (a report total). Every stored amount is bounded (SPEC §1,
 * migration store_links_and_bounds), but a store's sums may still outgrow what a JSON number
 * holds exactly: answer 422 naming the figure, never a 500 and never a rounded amount.
 */
export function toSum(value: unknown, what: string): number {
  const number = typeof value === 'string' ? Number(value) : ((value as number | null | undefined) ?? 0)
  if (!Number.isSafeInteger(number)) {
    throw new RuleError(`${what} adds up to more than ${Number.MAX_SAFE_INTEGER} minor units, more than a report can show exactly`, what, 422)
  }
  return number
}
