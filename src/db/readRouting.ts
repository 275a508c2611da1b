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
 * - a read that carries that position (cookie or header; the larger when both) goes to the
 *   replicas only once every replica has replayed it (`pg_last_wal_replay_lsn()`), else to the
 *   primary;
 * - Payload's GETs that write (`/api/payload-jobs/run`, `/handle-schedules`: everything under
 *   `/api/payload-jobs/`) are served as writes.
 * So a session always sees its own writes, on whichever instance, however far the replica lags.
 *
 * What a replica is asked stays bounded whatever the clients send (the position is theirs to
 * forge): each replica's replayed position is remembered per process; while it is behind, one
 * check at a time is in flight, shared by every request waiting on it, and it is asked again
 * at most every RECHECK_MS; a request waits at most CHECK_WAIT_MS for an answer, then reads the
 * primary; and a position beyond the highest this process knows the WAL to have reached (the
 * positions it handed out, the servers' answers) by more than POSITION_MARGIN is none a write
 * it knows of gave — it reads the primary without asking a replica (the primary's position is
 * learnt again in the background, at most once a second, for other instances' writes).
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
/** A replica known to be behind is asked again no sooner than this. */
export const RECHECK_MS = 20
/** A read waits no longer than this for a replica's answer; then it reads the primary. */
export const CHECK_WAIT_MS = 50
/** A check in flight this long is abandoned (a hung connection): the next read asks afresh. */
const ABANDON_CHECK_MS = 5_000
/** The primary's WAL position is asked at most this often (for positions past the highest known). */
const LEARN_PRIMARY_MS = 1_000
/**
 * How far past the highest position this process knows of a client's position may be (another
 * instance's writes since): 256 MiB of WAL. Beyond it, it was not handed out by a write.
 */
export const POSITION_MARGIN = 256n << 20n
/** Payload's GETs that write (jobs/run, jobs/handle-schedules): served as writes, on the primary. */
const WRITING_GETS = '/api/payload-jobs/'
const READS = new Set(['GET', 'HEAD'])

interface Executor {
  execute: (query: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }>
}

interface Replica {
  db: Executor
  /** The highest LSN it is known to have replayed. */
  replayed: bigint
  /** The one check in flight, shared by every read waiting on it. */
  asking: Promise<void> | null
  /** When that check (or the last one) was sent, performance.now(). */
  askedAt: number
}

interface Router {
  primary: Executor
  replicas: Replica[]
  /** The highest WAL position this process has handed out or seen a server reach. */
  highest: bigint
  /** When the primary's position was last asked (learnPrimaryPosition), performance.now(). */
  learnedAt: number
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

/** `decodeURIComponent`, or null for a malformed escape (`%`, `%zz`): a client's cookie is anything. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

/** The position a request asks to read after: the larger of its header's and its cookie's. */
export function readAfterOf(request: Request): bigint | null {
  const header = parseLsn(request.headers.get(READ_AFTER_HEADER))
  const cookie = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${READ_AFTER_COOKIE}=`))
  const fromCookie = cookie ? parseLsn(decoded(cookie.slice(READ_AFTER_COOKIE.length + 1))) : null
  if (header === null) return fromCookie
  return fromCookie !== null && fromCookie > header ? fromCookie : header
}

/** Whether a request's Payload reads may be served by a replica: a GET/HEAD that writes nothing. */
export function mayReadReplica(request: Request): boolean {
  if (!READS.has(request.method.toUpperCase())) return false
  // As Payload's router would read it (`/api//payload-jobs/run`, `%2D`): a path that will not decode is not risked.
  const path = decoded(new URL(request.url).pathname)
  return path !== null && !path.replace(/\/{2,}/g, '/').startsWith(WRITING_GETS)
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
    replicas: pool.map((db) => ({ db: db as unknown as Executor, replayed: 0n, asking: null, askedAt: -Infinity })),
    highest: 0n,
    learnedAt: -Infinity,
  }
}

/** Forgets the replicas (tests that routed a throwaway adapter's reads). */
export function stopRoutingReads(): void {
  state.router = undefined
}

/**
 * From here to the end of the current request, its Payload reads go to the primary. For a read
 * that must not be stale whatever the request's position says: the user of an API key (Payload's
 * API-key strategy finds it with a plain `find`, which would read a replica, so a key revoked a
 * moment ago on the primary would still let a request in for as long as the replica lags).
 */
export function readFromPrimaryFromNowOn(): void {
  const store = state.context.getStore()
  if (store) store.fromPrimary = true
}

/** True inside a request (or work) whose Payload reads must see the primary. */
export function readsFromPrimary(): boolean {
  return state.context.getStore()?.fromPrimary !== false
}

function knowReached(router: Router, lsn: bigint): void {
  if (lsn > router.highest) router.highest = lsn
}

/** Asks a replica how far it has replayed: the one check in flight for it. */
function ask(router: Router, replica: Replica): void {
  replica.askedAt = performance.now()
  const asking: Promise<void> = Promise.resolve()
    .then(() => replica.db.execute(sql`SELECT pg_last_wal_replay_lsn()::text AS lsn`))
    .then(
      ({ rows }) => {
        // null: not a standby, or it cannot say — nothing more is known.
        const replayed = parseLsn(rows[0]?.lsn as string | null)
        if (replayed !== null && replayed > replica.replayed) {
          replica.replayed = replayed
          knowReached(router, replayed)
        }
      },
      () => undefined, // a replica that does not answer is not known to have caught up
    )
    .finally(() => {
      if (replica.asking === asking) replica.asking = null
    })
  replica.asking = asking
}

/**
 * Learns how far the primary's WAL has reached, in the background and at most once a second:
 * positions other instances handed out since this one last wrote are then within reach.
 */
function learnPrimaryPosition(router: Router): void {
  const now = performance.now()
  if (now - router.learnedAt < LEARN_PRIMARY_MS) return
  router.learnedAt = now
  router.primary.execute(sql`SELECT pg_current_wal_insert_lsn()::text AS lsn`).then(
    ({ rows }) => {
      const reached = parseLsn(rows[0]?.lsn as string | null)
      if (reached !== null) knowReached(router, reached)
    },
    () => undefined,
  )
}

/** Whether a replica has replayed `lsn`, by what is known, a fresh answer or the check in flight. */
async function hasReplayed(router: Router, replica: Replica, lsn: bigint): Promise<boolean> {
  if (replica.replayed >= lsn) return true
  const now = performance.now()
  if (replica.asking && now - replica.askedAt > ABANDON_CHECK_MS) replica.asking = null
  if (!replica.asking) {
    // Behind as of an answer younger than RECHECK_MS: the primary, without asking again.
    if (now - replica.askedAt < RECHECK_MS) return false
    ask(router, replica)
  }
  const wait = replica.askedAt + CHECK_WAIT_MS - now
  if (wait > 0 && replica.asking) {
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([replica.asking, new Promise<void>((resolve) => (timer = setTimeout(resolve, wait)))])
    clearTimeout(timer)
  }
  return replica.replayed >= lsn
}

/** Whether every replica has replayed `lsn` (false: the read goes to the primary). */
async function replicasHaveReplayed(router: Router, lsn: bigint): Promise<boolean> {
  // No write this process knows of gave this position: the primary, and no replica is asked.
  if (lsn > router.highest + POSITION_MARGIN) {
    learnPrimaryPosition(router)
    return false
  }
  const answers = await Promise.all(router.replicas.map((replica) => hasReplayed(router, replica, lsn)))
  return answers.every(Boolean)
}

/**
 * Runs an /api request under the rule above: decides where its Payload reads go and, after
 * a successful write, tells the client the position to read after.
 */
export async function withReadRouting(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const router = state.router
  if (!router) return handle()
  const method = request.method.toUpperCase()
  if (mayReadReplica(request)) {
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
  knowReached(router, position)
  const lsn = formatLsn(position)
  const headers = new Headers(response.headers)
  headers.set('X-Tally-Read-After', lsn)
  headers.append(
    'Set-Cookie',
    `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}; Path=/; Max-Age=${READ_AFTER_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`,
  )
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}
