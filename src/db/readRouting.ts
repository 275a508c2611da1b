/**
 * Which server a read goes to when DATABASE_READ_REPLICAS is set (issue 19).
 *
 * Payload's adapter wraps drizzle in `withReplicas`: `select` / `query` (Payload's find,
 * findByID, count — and the user load of every authenticated request) go to a replica,
 * `execute` / `insert` / `update` / transactions to the primary. Ours (the ledger, the
 * statement, the reports) run inside the request's transaction, on the primary. Payload only
 * sends reads back to the primary for 2 s after a write *in the same process*; with two
 * instances behind a load balancer, a cashier who collects on one and reloads the customer on
 * the other would see the balance before the payment for as long as the replica lags.
 *
 * The rule here — causal reads by LSN:
 * - a replica serves only the reads of an /api request (`guardedRoute`) that is a GET/HEAD;
 *   everything else (writes and the reads they make, server-rendered pages, jobs, start-up
 *   work) reads from the primary;
 * - a successful write answers with the primary's WAL insert position after its COMMIT, as the
 *   `tally-read-after` cookie and the `X-Tally-Read-After` header;
 * - a read that carries that position (cookie or header) goes to the replicas only once every
 *   replica has replayed it (`pg_last_wal_replay_lsn()`, remembered per process, asked again
 *   only while a replica is behind), else to the primary.
 * So a session always sees its own writes, on whichever instance, however far the replica lags;
 * and a replica is asked nothing more than one cheap query while it is catching up.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

import { sql } from '@payloadcms/db-postgres'
import { withReplicas } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Payload } from 'payload'

import { secureCookies } from '@/env'

export const READ_AFTER_COOKIE = 'tally-read-after'
export const READ_AFTER_HEADER = 'x-tally-read-after'
/** Long enough for any lag worth the name; once a replica has replayed it the cookie costs nothing. */
const READ_AFTER_MAX_AGE_SECONDS = 600

interface Executor {
  execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }>
}

interface Router {
  primary: Executor
  replicas: Executor[]
  /** The highest LSN each replica is known to have replayed. */
  replayed: bigint[]
}

interface ReadContext {
  fromPrimary: boolean
}

// On globalThis: Next may bundle this module more than once (route handlers, the config).
const GLOBAL = globalThis as typeof globalThis & { __tallyReadRouting?: { router?: Router; context: AsyncLocalStorage<ReadContext> } }
const state = (GLOBAL.__tallyReadRouting ??= { context: new AsyncLocalStorage<ReadContext>() })

/** `16/B374D848` → a comparable number; null when it is not an LSN. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text?.trim() ?? '')
  if (!match) return null
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`)
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`
}

/** The position a request asks to read after: its header, else its cookie. */
export function readAfterOf(request: Request): bigint | null {
  const header = parseLsn(request.headers.get(READ_AFTER_HEADER))
  if (header !== null) return header
  const cookie = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${READ_AFTER_COOKIE}=`))
  return cookie ? parseLsn(decodeURIComponent(cookie.slice(READ_AFTER_COOKIE.length + 1))) : null
}

/**
 * Called once at start (payload.config onInit): when the adapter has read replicas, replaces
 * its `withReplicas` handle by one whose replica choice follows the rule above. Before
 * `verifyCommits`, which wraps the handle's `transaction`.
 */
export function routeReads(payload: Payload): void {
  const adapter = payload.db as unknown as { drizzle: { $replicas?: unknown[] }; primaryDrizzle?: unknown }
  const replicas = adapter.drizzle.$replicas
  if (!adapter.primaryDrizzle || !replicas?.length) return
  type Db = Parameters<typeof withReplicas>[0]
  const primary = adapter.primaryDrizzle as Db
  const pool = replicas as [Db, ...Db[]]
  adapter.drizzle = withReplicas(primary, pool, (choices) =>
    state.context.getStore()?.fromPrimary === false ? choices[Math.floor(Math.random() * choices.length)]! : primary,
  ) as unknown as typeof adapter.drizzle
  state.router = {
    primary: primary as unknown as Executor,
    replicas: pool as unknown as Executor[],
    replayed: pool.map(() => 0n),
  }
}

/** Forgets the replicas (tests that routed a throwaway adapter's reads). */
export function stopRoutingReads(): void {
  state.router = undefined
}

/** True inside a request (or work) whose Payload reads must see the primary. */
export function readsFromPrimary(): boolean {
  return state.context.getStore()?.fromPrimary !== false
}

/** Whether every replica has replayed `lsn` (asks the ones not known to have). */
async function replicasHaveReplayed(router: Router, lsn: bigint): Promise<boolean> {
  const behind = router.replicas.map((_, index) => index).filter((index) => router.replayed[index]! < lsn)
  if (behind.length === 0) return true
  const answers = await Promise.all(
    behind.map(async (index) => {
      try {
        const { rows } = await router.replicas[index]!.execute(sql`SELECT pg_last_wal_replay_lsn()::text AS lsn`)
        // null: not a standby, or it cannot say — not known to have it.
        const replayed = parseLsn(rows[0]?.lsn as string | null)
        if (replayed === null) return false
        if (replayed > router.replayed[index]!) router.replayed[index] = replayed
        return replayed >= lsn
      } catch {
        return false // a replica that does not answer is not caught up
      }
    }),
  )
  return answers.every(Boolean)
}

const READS = new Set(['GET', 'HEAD'])

/**
 * Runs an /api request under the rule above: decides where its Payload reads go and, after
 * a successful write, tells the client the position to read after.
 */
export async function withReadRouting(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const router = state.router
  if (!router) return handle()
  const method = request.method.toUpperCase()
  if (READS.has(method)) {
    const after = readAfterOf(request)
    const fromPrimary = after !== null && !(await replicasHaveReplayed(router, after))
    return state.context.run({ fromPrimary }, handle)
  }
  const response = await state.context.run({ fromPrimary: true }, handle)
  if (method === 'OPTIONS' || response.status < 200 || response.status >= 300) return response
  // After the COMMIT: the primary's WAL *insert* position is past its commit record. (Not
  // pg_current_wal_lsn(), the write position: with synchronous_commit=off a commit returns before
  // its WAL is written, and that position would not cover it.)
  let position: bigint | null = null
  try {
    const { rows } = await router.primary.execute(sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`)
    position = parseLsn(rows[0]?.lsn as string)
  } catch {
    // no position: the client's next read may be served by a lagging replica; never fail the write for it
  }
  if (position === null) return response
  const lsn = formatLsn(position)
  const headers = new Headers(response.headers)
  headers.set('X-Tally-Read-After', lsn)
  headers.append(
    'Set-Cookie',
    `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}; Path=/; Max-Age=${READ_AFTER_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`,
  )
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}
