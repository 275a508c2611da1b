/**
 * Issue 19: read-your-writes with a real streaming replica (src/db/readRouting.ts).
 *
 * A throwaway primary and a hot standby made from its base backup (bench/replica.ts, as the
 * cluster bench makes them), the standby told to apply every commit 2 s late. The adapter
 * handle is built as Payload's postgres adapter builds it (drizzle's `withReplicas` over a
 * primary and a replica pool) and routed by `routeReads`; each "request" runs through
 * `withReadRouting` as the /api route handlers do. Which server answered is the server's own
 * word: `pg_is_in_recovery()`.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres'
import { drizzle } from '@payloadcms/db-postgres/drizzle/node-postgres'
import { integer, pgTable, withReplicas } from '@payloadcms/db-postgres/drizzle/pg-core'
import pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { makeReplica, startReplica, type RunningReplica } from '../../bench/replica'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { freePort } from '@/db/freePort'
import { READ_AFTER_COOKIE, readsFromPrimary, routeReads, stopRoutingReads, withReadRouting } from '@/db/readRouting'

const probe = pgTable('probe', { id: integer('id') })
const APPLY_DELAY_MS = 2_000
const SLOT = 'tally_test_replica'

let root: string
let primary: EmbeddedPostgres
let replica: RunningReplica
const pools: pg.Pool[] = []
let adapter: { drizzle: any; primaryDrizzle: any }

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
  // Every commit reaches the standby's readers 2 s after the primary's.
  writeFileSync(
    path.join(root, 'replica', 'postgresql.auto.conf'),
    `${readFileSync(path.join(root, 'replica', 'postgresql.auto.conf'), 'utf8')}\nrecovery_min_apply_delay = '${APPLY_DELAY_MS}ms'\n`,
  )
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
  const replicaPool = new pg.Pool({ connectionString: replica.uri, max: 2 })
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
  const post = new Request('http://tally.test/api/customers/1/collect', { method: 'POST' })
  const response = await withReadRouting(post, async () => {
    await adapter.drizzle.insert(probe).values({ id: 2 })
    return answer({ ok: true })
  })
  const lsn = response.headers.get('x-tally-read-after')!
  const cookie = `${READ_AFTER_COOKIE}=${encodeURIComponent(lsn)}`
  const started = Date.now()

  // At once (the standby applies commits 2 s late): the position sends the read to the primary …
  const withCookie = await getThrough({ cookie })
  const withHeader = await getThrough({ 'x-tally-read-after': lsn })
  // … and the control, without it, sees the replica as it was: the lag is real.
  const control = await getThrough()
  expect(Date.now() - started).toBeLessThan(APPLY_DELAY_MS) // still inside the delay
  expect(withCookie).toEqual({ standby: false, ids: [0, 1, 2] })
  expect(withHeader).toEqual({ standby: false, ids: [0, 1, 2] })
  expect(control.standby).toBe(true)
  expect(control.ids).not.toContain(2)

  // Once the replica has replayed the write, the same cookie reads the replica.
  await caughtUp(lsn)
  expect(await getThrough({ cookie })).toEqual({ standby: true, ids: [0, 1, 2] })
})
