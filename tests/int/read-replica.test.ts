/**
 * Issue 19: read-your-writes with a real streaming replica (src/db/readRouting.ts).
 *
 * A throwaway primary and a hot standby made from its base backup (src/db/replica.ts, as the
 * cluster bench makes them). A replica behind the primary is made so on purpose: its replay is
 * paused (`pg_wal_replay_pause()`) before the write and resumed after — no timing. The adapter
 * handle is built as Payload's postgres adapter builds it (drizzle's `withReplicas` over a
 * primary and a replica pool) and routed by `routeReads`; each "request" runs through
 * `withReadRouting` as the /api route handlers do. Which server answered is the server's own
 * word: `pg_is_in_recovery()`.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import { integer, pgTable, withReplicas } from '@payloadcms/db-postgres/drizzle/pg-core'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { freePort } from '@/db/freePort'
import { READ_AFTER_COOKIE, readsFromPrimary, RECHECK_MS, routeReads, stopRoutingReads, withReadRouting } from '@/db/readRouting'
import { makeReplica, startReplica, type RunningReplica } from '@/db/replica'
import { sessionStrategy } from '@/collections/Users/sessionStrategy'

const probe = pgTable('probe', { id: integer('id') })
const SLOT = 'tally_test_replica'

let root: string
let primary: EmbeddedPostgres
let replica: RunningReplica
const pools: pg.Pool[] = []
let adapter: { drizzle: any; primaryDrizzle: any }
let replicaPool: pg.Pool

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'tally-replica-'))
  chmodSync(root, 0o755) // the postgres system user must reach the data dirs
  const password = randomBytes(12).toString('hex')
  primary = await startEmbeddedPostgres({ dataDir: path.join(root, 'primary'), password, database: 'tally', ephemeral: true })
  const setup = new pg.Client({ connectionString: primary.uri })
  await setup.connect()
  await setup.query('CREATE TABLE probe (id integer)')
  await setup.query('INSERT INTO probe VALUES (0)')
  await setup.end()
  await makeReplica({
    primaryUri: primary.uri,
    primaryPort: primary.port,
    primaryDataDir: path.join(root, 'primary'),
    replicaDataDir: path.join(root, 'replica'),
    slot: SLOT,
    log: () => undefined,
  })
  replica = await startReplica({
    dataDir: path.join(root, 'replica'),
    port: await freePort(),
    password,
    database: 'tally',
    logFile: path.join(root, 'replica.log'),
    primaryUri: primary.uri,
    slot: SLOT,
  })
  const primaryPool = new pg.Pool({ connectionString: primary.uri, max: 2 })
  replicaPool = new pg.Pool({ connectionString: replica.uri, max: 2 })
  pools.push(primaryPool, replicaPool)
  // Stopping the servers in afterAll ends connections the pools are still closing (57P01): expected.
  for (const pool of pools) pool.on('error', () => undefined)
  // As @payloadcms/db-postgres connect() builds it.
  const primaryDb = drizzle({ client: primaryPool })
  adapter = { drizzle: withReplicas(primaryDb, [drizzle({ client: replicaPool })]), primaryDrizzle: primaryDb }
  routeReads({ db: adapter } as unknown as Payload)
}, 180_000)

afterAll(async () => {
  stopRoutingReads()
  for (const pool of pools) await pool.end()
  await replica?.stop()
  await primary?.stop()
  rmSync(root, { recursive: true, force: true })
})

/** What a Payload read (drizzle `select`) sees, and on which server. */
async function read(): Promise<{ standby: boolean; ids: number[] }> {
  const rows = (await adapter.drizzle.select({ id: probe.id, standby: sql<boolean>`pg_is_in_recovery()` }).from(probe)) as { id: number; standby: boolean }[]
  return { standby: rows[0]!.standby, ids: rows.map((row) => Number(row.id)).sort((a, b) => a - b) }
}

const get = (headers: Record<string, string> = {}) => new Request('http://tally.test/api/customers/1', { headers })
const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

async function getThrough(headers: Record<string, string> = {}) {
  let seen: Awaited<ReturnType<typeof read>> | undefined
  const response = await withReadRouting(get(headers), async () => {
    seen = await read()
    return answer(seen)
  })
  expect(response.headers.get('set-cookie')).toBeNull() // a read sets no position
  return seen!
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** On the standby, as its superuser. */
async function onStandby<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: replica.uri })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Runs `work` with the standby's replay paused: whatever the primary commits meanwhile is not on it. */
async function replayPaused<T>(work: () => Promise<T>): Promise<T> {
  await onStandby(async (client) => {
    await client.query('SELECT pg_wal_replay_pause()')
    for (let tries = 0; ; tries++) {
      const { rows } = await client.query(`SELECT pg_get_wal_replay_pause_state() AS state`)
      if (rows[0].state === 'paused') break
      if (tries > 300) throw new Error(`the standby's replay did not pause (${rows[0].state})`)
      await sleep(100)
    }
  })
  try {
    return await work()
  } finally {
    await onStandby((client) => client.query('SELECT pg_wal_replay_resume()'))
  }
}

/** A write through the router (a POST): the position it answers. */
async function write(id: number): Promise<string> {
  const post = new Request('http://tally.test/api/customers/1/collect', { method: 'POST' })
  const response = await withReadRouting(post, async () => {
    await adapter.drizzle.insert(probe).values({ id })
    return answer({ ok: true })
  })
  const lsn = response.headers.get('x-tally-read-after')
  expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
  return lsn!
}

/** The statements sent to the replica's pool (the router's checks and the reads it serves). */
function countReplicaQueries() {
  const spy = vi.spyOn(replicaPool, 'query')
  return {
    get count() {
      return spy.mock.calls.length
    },
    restore: () => spy.mockRestore(),
  }
}

async function caughtUp(lsn: string) {
  const client = new pg.Client({ connectionString: replica.uri })
  await client.connect()
  try {
    for (let waited = 0; waited < 30_000; waited += 100) {
      const { rows } = await client.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done`, [lsn])
      if (rows[0].done) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`the replica did not replay ${lsn} in 30 s`)
  } finally {
    await client.end()
  }
}

it('a GET reads the replica; a write, its own reads and what it answers are the primary', async () => {
  expect(await getThrough()).toEqual({ standby: true, ids: [0] })
  // Outside any /api request (pages, jobs, start-up work) reads are the primary's.
  expect(readsFromPrimary()).toBe(true)
  expect((await read()).standby).toBe(false)

  const post = new Request('http://tally.test/api/customers/1/collect', { method: 'POST' })
  let during: Awaited<ReturnType<typeof read>> | undefined
  const response = await withReadRouting(post, async () => {
    await adapter.drizzle.insert(probe).values({ id: 1 })
    during = await read()
    return answer({ ok: true })
  })
  expect(during).toEqual({ standby: false, ids: [0, 1] })
  const lsn = response.headers.get('x-tally-read-after')
  expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
  expect(response.headers.get('set-cookie')).toContain(`${READ_AFTER_COOKIE}=${encodeURIComponent(lsn!)}; Path=/; Max-Age=600; HttpOnly; SameSite=Lax`)
  expect(await response.json()).toEqual({ ok: true }) // the body passes untouched
  // A refused write answers no position.
  const refused = await withReadRouting(post, async () => new Response('{}', { status: 422 }))
  expect(refused.headers.get('x-tally-read-after')).toBeNull()
})

it('read-your-writes: with the position a lagging replica is skipped, without it the lag shows; once replayed the replica serves again', async () => {
  let lsn = ''
  await replayPaused(async () => {
    lsn = await write(2)
    const cookie = `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}`
    // The standby has not replayed the write: the position sends the read to the primary …
    expect(await getThrough({ cookie })).toEqual({ standby: false, ids: [0, 1, 2] })
    expect(await getThrough({ 'x-tally-read-after': lsn })).toEqual({ standby: false, ids: [0, 1, 2] })
    // … and the control, without it, reads the replica as it is: really behind.
    const control = await getThrough()
    expect(control.standby).toBe(true)
    expect(control.ids).not.toContain(2)
  })
  // Once the replica has replayed the write, the same cookie reads the replica: its last
  // "behind" answer is older than RECHECK_MS, so it is asked again. (A check slower than
  // CHECK_WAIT_MS on a loaded machine reads the primary meanwhile: a few tries.)
  await caughtUp(lsn)
  let seen: Awaited<ReturnType<typeof getThrough>> | undefined
  for (let tries = 0; tries < 20 && !seen?.standby; tries++) {
    await sleep(RECHECK_MS * 2)
    seen = await getThrough({ cookie: `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}` })
  }
  expect(seen).toEqual({ standby: true, ids: [0, 1, 2] })
})

it('a forged position past any the WAL has reached reads the primary without asking the replica', async () => {
  const queries = countReplicaQueries()
  try {
    for (const forged of ['FFFFFFFF/FFFFFFFF', '7FFFFFFF/0']) {
      expect((await getThrough({ cookie: `${READ_AFTER_COOKIE}=${encodeURIComponent(forged)}` })).standby).toBe(false)
      expect((await getThrough({ 'x-tally-read-after': forged })).standby).toBe(false)
    }
    expect(queries.count).toBe(0)
  } finally {
    queries.restore()
  }
  // A malformed cookie is no position: the replica, no error.
  expect((await getThrough({ cookie: `${READ_AFTER_COOKIE}=%` })).standby).toBe(true)
})

it('concurrent reads behind a lagging replica share one check of it', async () => {
  await replayPaused(async () => {
    const lsn = await write(3)
    await sleep(RECHECK_MS * 2) // no answer about the replica is fresh
    const queries = countReplicaQueries()
    try {
      const seen = await Promise.all(Array.from({ length: 8 }, () => getThrough({ cookie: `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}` })))
      expect(seen.map((one) => one.standby)).toEqual(Array(8).fill(false))
      expect(seen.every((one) => one.ids.includes(3))).toBe(true)
      expect(queries.count).toBe(1) // one pg_last_wal_replay_lsn() for eight reads
    } finally {
      queries.restore()
    }
  })
})

it('a replica that does not answer the check in time: the read goes to the primary without waiting for it', async () => {
  await replayPaused(async () => {
    const lsn = await write(4)
    await sleep(RECHECK_MS * 2)
    // Both connections of the replica's pool busy for 3 s: the check waits for one.
    let busyDone = false
    const busy = Promise.all([replicaPool.query('SELECT pg_sleep(3)'), replicaPool.query('SELECT pg_sleep(3)')]).then(() => {
      busyDone = true
    })
    const seen = await getThrough({ cookie: `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}` })
    expect(seen.standby).toBe(false)
    expect(seen.ids).toContain(4)
    expect(busyDone).toBe(false) // answered before the replica could have
    await busy
  })
})

it("an API key's user is found on the primary: a key revoked a moment ago is not accepted by a lagging replica", async () => {
  // Payload's API-key strategy finds the user with a `find` (a replica read); ours runs first and
  // sends the request's reads to the primary. The users collection as Payload sanitizes it.
  const payload = {
    collections: { users: { config: { auth: { useAPIKey: true, useSessions: true, depth: 0 } } } },
    config: { auth: { jwtOrder: ['JWT', 'Bearer', 'cookie'] }, cookiePrefix: 'payload', csrf: [] },
  }
  const authenticate = (headers: Headers) => sessionStrategy.authenticate({ headers, payload } as never)
  await replayPaused(async () => {
    await write(5) // on the primary only, as a revoked key would be
    let seen: Awaited<ReturnType<typeof read>> | undefined
    const byKey = get({ authorization: 'users API-Key 3b1c2f0e-0000-4000-8000-000000000000' })
    await withReadRouting(byKey, async () => {
      expect(await authenticate(byKey.headers)).toEqual({ user: null }) // Payload's own strategy decides, after it
      seen = await read()
      return answer(seen)
    })
    expect(seen).toEqual({ standby: false, ids: expect.arrayContaining([5]) as number[] })
    // Without a key the same GET still reads the replica (and does not see the write yet).
    const plain = get()
    await withReadRouting(plain, async () => {
      await authenticate(plain.headers)
      seen = await read()
      return answer(seen)
    })
    expect(seen!.standby).toBe(true)
    expect(seen!.ids).not.toContain(5)
  })
})
