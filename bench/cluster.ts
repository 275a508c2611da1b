/**
 * `npm run bench:cluster` (issue 19): Tally scaled out on one machine, measured.
 *
 * An embedded Postgres primary → migrations → the bench dataset (bench/generate.ts) → a
 * streaming replica (a base backup of the primary, a physical slot, hot standby) → two
 * standalone production servers with DATABASE_URI = primary and DATABASE_READ_REPLICAS =
 * replica, both running the jobs queue → nginx in front of them. Then, through nginx:
 *
 * 1. the checkout, collect and read scenarios at concurrency 1 and 8, counting transactions
 *    and rows on each Postgres server (pg_stat_database) and sampling the replica's lag;
 * 2. jobs: queued jobs that both instances poll — each must run once;
 * 3. read-your-writes with the replica held 1.5 s behind (recovery_min_apply_delay): a
 *    collect then at once the customer and the statement, a checkout then its bill, a login
 *    then a request — with the position the write answered, and without it (the control);
 * 4. one instance SIGKILLed in the middle of money traffic: the other serves, every request
 *    the client retries with its Idempotency-Key lands exactly once;
 * 5. stored balances against the ledger, the replica against the primary, `ledger:verify`.
 *
 * Writes bench/cluster-results.json, prints a summary, stops everything it started (also on
 * Ctrl-C or failure). Logs and data under bench/data/cluster/ (git-ignored).
 *
 * Knobs: BENCH_SCALE (default 0.1), BENCH_DURATION seconds per measurement (default 5),
 * BENCH_REBUILD=1, BENCH_KEEP=1 (keep bench/data/cluster), BENCH_RYW_ROUNDS (default 20).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { BUILT_MARKER } from '@/cli/build'
import { prepareDatabase } from '@/cli/prepareDatabase'
import { EMBEDDED_URI_VAR } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { freePort } from '@/db/freePort'
import { makeReplica, startReplica, type RunningReplica } from '@/db/replica'

import { generate, type Dataset } from './generate'
import { alive, load, ms, packageVersion, percentile, request, ROOT, stopGroup, timed, type Call, type Stats } from './lib'
import { ensureNginx, nginxConfig } from './nginx'

const BENCH_DIR = path.join(ROOT, 'bench')
const DATA_DIR = path.join(BENCH_DIR, 'data', 'cluster')
const DURATION = Number(process.env.BENCH_DURATION ?? 5)
const SCALE = Number(process.env.BENCH_SCALE ?? 0.1)
const RYW_ROUNDS = Number(process.env.BENCH_RYW_ROUNDS ?? 20)
const CONCURRENCY = [1, 8] as const
const SLOT = 'tally_bench_replica'
const APPLY_DELAY_MS = 1500
const INJECTED_JOBS = 30
const KILL_CONNECTIONS = 8

const say = (line: string) => console.log(`[cluster] ${line}`)
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

// ---------------------------------------------------------------- clean-up
const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step()
      } catch (error) {
        console.error(`[cluster] cleanup: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  })()
  return cleaning
}
const onStray = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  if (cleaning) {
    console.error(`[cluster] (while stopping) ${message}`)
    return
  }
  console.error(`[cluster] failed: ${error instanceof Error ? (error.stack ?? message) : message}`)
  void cleanup().then(() => process.exit(1))
}
process.on('uncaughtException', onStray)
process.on('unhandledRejection', onStray)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    say(`${signal}: stopping everything this run started…`)
    void cleanup().then(() => process.exit(130))
  })
}

/** The live process a pid file names, or null. */
function livePid(file: string): number | null {
  const pid = existsSync(file) ? Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10) : NaN
  return Number.isSafeInteger(pid) && pid > 0 && alive(pid) ? pid : null
}

// ---------------------------------------------------------------- per-server counters
interface Counters {
  xactCommit: number
  xactRollback: number
  tupReturned: number
  tupFetched: number
  tupWritten: number
}
const COUNTERS_SQL = `SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted + tup_updated + tup_deleted AS tup_written
  FROM pg_stat_database WHERE datname = $1`
async function counters(pool: pg.Pool, database: string): Promise<Counters> {
  const { rows } = await pool.query(COUNTERS_SQL, [database])
  const row = rows[0]
  return {
    xactCommit: Number(row.xact_commit),
    xactRollback: Number(row.xact_rollback),
    tupReturned: Number(row.tup_returned),
    tupFetched: Number(row.tup_fetched),
    tupWritten: Number(row.tup_written),
  }
}
const delta = (after: Counters, before: Counters): Counters => ({
  xactCommit: after.xactCommit - before.xactCommit,
  xactRollback: after.xactRollback - before.xactRollback,
  tupReturned: after.tupReturned - before.tupReturned,
  tupFetched: after.tupFetched - before.tupFetched,
  tupWritten: after.tupWritten - before.tupWritten,
})

// ---------------------------------------------------------------- main
async function main() {
  const startedAt = performance.now()
  const phases: Record<string, number> = {}
  const failures: string[] = []
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what)
    say(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
    return ok
  }
  // A run killed with SIGKILL cannot stop its replica or nginx: say so rather than delete their files under them.
  for (const [what, file] of [
    ['primary', 'primary/postmaster.pid'],
    ['replica', 'replica/postmaster.pid'],
    ['nginx', 'nginx/nginx.pid'],
  ] as const) {
    const pid = livePid(path.join(DATA_DIR, file))
    if (pid) throw new Error(`the ${what} of an earlier run is still running (pid ${pid}, bench/data/cluster/${file}): stop it first`)
  }
  rmSync(DATA_DIR, { recursive: true, force: true })
  mkdirSync(DATA_DIR, { recursive: true })
  chmodSync(DATA_DIR, 0o755) // the postgres system user must reach the data dirs
  if (process.env.DATABASE_URI) say('DATABASE_URI is ignored: the cluster bench starts its own primary and replica')
  delete process.env.DATABASE_URI
  delete process.env.DATABASE_READ_REPLICAS
  const loadAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100)
  say(`machine: ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, load average ${loadAtStart.join(' ')}`)
  cleanups.push(() => {
    if (process.env.BENCH_KEEP) say(`kept ${path.relative(ROOT, DATA_DIR)}`)
    else for (const dir of ['primary', 'replica']) rmSync(path.join(DATA_DIR, dir), { recursive: true, force: true })
  })

  // 1. the primary, the dataset
  const password = randomBytes(12).toString('hex')
  const primary: EmbeddedPostgres = await timed(phases, 'primary', async () => {
    say(`starting the primary (embedded PostgreSQL) in ${path.relative(ROOT, DATA_DIR)}/primary …`)
    return startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'primary'), password, ephemeral: false })
  })
  cleanups.push(() => primary.stop())
  process.env[EMBEDDED_URI_VAR] = primary.uri
  const secret = randomBytes(32).toString('hex')
  process.env.PAYLOAD_SECRET = secret
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  process.env.TALLY_LOG_LEVEL ??= 'warn'
  await timed(phases, 'migrate', async () => {
    say('applying migrations …')
    await prepareDatabase({ uri: primary.uri, seed: 'never' })
  })
  say(`generating the dataset (scale ${SCALE}) …`)
  const dataset: Dataset = await timed(phases, 'generate', () =>
    generate({
      uri: primary.uri,
      customers: Math.round(20_000 * SCALE),
      invoices: Math.round(200_000 * SCALE),
      transactions: Math.round(500_000 * SCALE),
      log: (line) => console.log(line),
    }),
  )

  // 2. the replica
  const baseBackup = await timed(phases, 'baseBackup', () =>
    makeReplica({
      primaryUri: primary.uri,
      primaryPort: primary.port,
      primaryDataDir: path.join(DATA_DIR, 'primary'),
      replicaDataDir: path.join(DATA_DIR, 'replica'),
      slot: SLOT,
      log: say,
    }),
  )
  say(`base backup: ${baseBackup.method} in ${baseBackup.seconds}s`)
  const replica: RunningReplica = await timed(phases, 'replica', async () => {
    const port = await freePort()
    say(`starting the streaming replica on 127.0.0.1:${port} …`)
    return startReplica({
      dataDir: path.join(DATA_DIR, 'replica'),
      port,
      password,
      database: 'tally',
      logFile: path.join(DATA_DIR, 'replica.log'),
      primaryUri: primary.uri,
      slot: SLOT,
    })
  })
  cleanups.push(() => replica.stop())
  // Monitoring connects to the `postgres` database, so that it is not counted in `tally`'s figures.
  const monitorUri = (uri: string) => uri.replace(/\/tally$/, '/postgres')
  const primaryPool = new pg.Pool({ connectionString: primary.uri, max: 2 })
  const primaryMonitor = new pg.Pool({ connectionString: monitorUri(primary.uri), max: 2 })
  const replicaMonitor = new pg.Pool({ connectionString: monitorUri(replica.uri), max: 2 })
  const replicaPool = new pg.Pool({ connectionString: replica.uri, max: 2 })
  for (const pool of [primaryPool, primaryMonitor, replicaMonitor, replicaPool]) {
    pool.on('error', () => undefined)
    cleanups.push(() => pool.end())
  }
  /** Waits until the replica has replayed everything the primary has written (bounded). */
  const replicaCaughtUp = async (limitMs = 30_000) => {
    const { rows } = await primaryMonitor.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')
    const target = rows[0].lsn as string
    const t = performance.now()
    while (performance.now() - t < limitMs) {
      const { rows: replayed } = await replicaMonitor.query(`SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0 AS done`, [target])
      if (replayed[0].done) return Math.round(performance.now() - t)
      await sleep(100)
    }
    return null
  }

  // 3. the production build
  const buildMarker = path.join(ROOT, '.next', 'BUILD_ID')
  const standaloneServer = path.join(ROOT, '.next', 'standalone', 'server.js')
  // This bench measures the product's read routing and job claims: a build older than the sources is rebuilt.
  await timed(phases, 'build', async () => {
    const [command, args] = process.env.BENCH_REBUILD ? ['npm', ['run', 'build']] : [path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/ensureBuild.ts']]
    say(process.env.BENCH_REBUILD ? 'building (npm run build) …' : 'the production build, rebuilt if the sources changed since (src/cli/ensureBuild.ts) …')
    const built = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' } })
    if (built.status !== 0 || !existsSync(path.join(ROOT, BUILT_MARKER)) || !existsSync(standaloneServer)) throw new Error(`the production build failed (exit ${built.status})`)
  })
  const buildId = readFileSync(buildMarker, 'utf8').trim()

  // 4. two instances, both on the primary with the replica for reads, both running the jobs queue
  interface Instance {
    name: string
    port: number
    child?: ChildProcess
    killed: boolean
  }
  const instances: Instance[] = [
    { name: 'a', port: await freePort(), killed: false },
    { name: 'b', port: await freePort(), killed: false },
  ]
  const instanceUp = (instance: Instance) => instance.child !== undefined && instance.child.exitCode === null && instance.child.signalCode === null
  const serverEvents: string[] = []
  let stopping = false
  cleanups.push(async () => {
    stopping = true
    for (const instance of instances) if (instance.child) await stopGroup(instance.child)
  })
  const startInstance = async (instance: Instance) => {
    const logFile = path.join(DATA_DIR, `server-${instance.name}.log`)
    const logFd = openSync(logFile, 'a')
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(instance.port),
      HOSTNAME: '127.0.0.1',
      PAYLOAD_SECRET: secret,
      DATABASE_URI: primary.uri,
      DATABASE_READ_REPLICAS: replica.uri,
      [EMBEDDED_URI_VAR]: '',
      TALLY_LOG_LEVEL: process.env.TALLY_LOG_LEVEL ?? 'warn',
    }
    delete env.TALLY_JOBS // both run the queue, as in production
    const child = spawn(process.execPath, [standaloneServer], { cwd: ROOT, detached: true, stdio: ['ignore', logFd, logFd], env })
    instance.child = child
    child.on('exit', (code, signal) => {
      if (stopping || instance.killed) return
      const event = `instance ${instance.name} (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}`
      serverEvents.push(`${new Date().toISOString()} ${event}`)
      say(`WARNING: ${event}`)
    })
    const deadline = Date.now() + 180_000
    for (;;) {
      if (!instanceUp(instance)) throw new Error(`instance ${instance.name} exited; see ${logFile}`)
      const health = await request(`http://127.0.0.1:${instance.port}`, null, { method: 'GET', path: '/api/health' }).catch(() => null)
      if (health?.status === 200) break
      if (Date.now() > deadline) throw new Error(`instance ${instance.name} did not become healthy in 180 s; see ${logFile}`)
      await sleep(500)
    }
  }
  /** No active query from the app on either server (the start-up refresh, requests cut off by a window). */
  const waitIdle = async (limitMs = 120_000) => {
    const t = performance.now()
    for (let quiet = 0; quiet < 2 && performance.now() - t < limitMs;) {
      const busy = await Promise.all(
        [primaryMonitor, replicaMonitor].map(
          async (pool) =>
            (
              await pool.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'tally' AND state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
              )
            ).rows[0].n as number,
        ),
      )
      quiet = busy.every((n) => n === 0) ? quiet + 1 : 0
      await sleep(250)
    }
    return (performance.now() - t) / 1000
  }
  await timed(phases, 'serversStart', async () => {
    for (const instance of instances) {
      say(`instance ${instance.name} on 127.0.0.1:${instance.port} (log: bench/data/cluster/server-${instance.name}.log) …`)
      await startInstance(instance)
    }
    await waitIdle()
  })

  // 5. nginx in front of them
  const nginxBin = ensureNginx(say)
  const nginxDir = path.join(DATA_DIR, 'nginx')
  mkdirSync(nginxDir, { recursive: true })
  const nginxPort = await freePort()
  const nginxConf = path.join(DATA_DIR, 'nginx.conf')
  writeFileSync(nginxConf, nginxConfig({ dir: nginxDir, port: nginxPort, upstreams: instances.map((instance) => instance.port) }))
  const nginxVersion = spawnSync(nginxBin, ['-v'], { encoding: 'utf8' }).stderr.trim()
  const tested = spawnSync(nginxBin, ['-t', '-c', nginxConf, '-p', nginxDir], { encoding: 'utf8' })
  if (tested.status !== 0) throw new Error(`nginx -t refused ${nginxConf}: ${tested.stderr}`)
  const nginxLog = openSync(path.join(DATA_DIR, 'nginx.log'), 'a')
  const nginx = spawn(nginxBin, ['-c', nginxConf, '-p', nginxDir], { detached: true, stdio: ['ignore', nginxLog, nginxLog] })
  cleanups.push(() => stopGroup(nginx))
  const base = `http://127.0.0.1:${nginxPort}`
  for (let waited = 0; ; waited += 200) {
    const health = await request(base, null, { method: 'GET', path: '/api/health' }).catch(() => null)
    if (health?.status === 200) break
    if (nginx.exitCode !== null || waited > 20_000) throw new Error(`nginx did not answer on ${base}; see bench/data/cluster/nginx-error.log`)
    await sleep(200)
  }
  say(`${nginxVersion} on ${base} → instances ${instances.map((instance) => instance.port).join(', ')} (config: bench/data/cluster/nginx.conf)`)

  const login = async (who: { email: string; password: string }) => {
    const { status, body } = await request(base, null, { method: 'POST', path: '/api/users/login', body: who })
    if (status !== 200) throw new Error(`login ${who.email} failed: ${status} ${JSON.stringify(body)}`)
    return body.token as string
  }
  const ownerToken = await login(dataset.owner)
  const cashierToken = await login(dataset.cashier)
  const S = dataset.storeId

  // request material
  const { rows: everyone } = await primaryPool.query(`SELECT id FROM customers WHERE store_id = $1 AND id <> $2 ORDER BY id`, [S, dataset.hotCustomerId])
  const customers = everyone.map((row) => Number(row.id))
  for (let i = customers.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[customers[i], customers[j]] = [customers[j]!, customers[i]!]
  }
  const { rows: debtors } = await primaryPool.query(`SELECT id FROM customers WHERE store_id = $1 AND id <> $2 AND pending_balance >= 20000 ORDER BY random()`, [
    S,
    dataset.hotCustomerId,
  ])
  const owing = debtors.map((row) => Number(row.id))
  if (owing.length < 10) throw new Error('the dataset has too few customers owing ≥ ₹200 to collect from')
  // The read-your-writes check collects from customers the load never touches.
  const rywCustomers = owing.splice(0, Math.min(RYW_ROUNDS, Math.floor(owing.length / 2)))
  const SERVICES = ['Haircut', 'Hair colour', 'Facial', 'Manicure', 'Massage', 'Hair spa']
  const lines = () =>
    Array.from({ length: 1 + Math.floor(Math.random() * 2) }, () => ({
      description: SERVICES[Math.floor(Math.random() * SERVICES.length)]!,
      quantity: 1,
      unitPrice: (200 + Math.floor(Math.random() * 1300)) * 100,
    }))
  let checkoutTurn = 0
  let collectTurn = 0
  const checkoutBody = () => {
    const items = lines()
    const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)
    return { store: S, customer: customers[checkoutTurn++ % customers.length], items, payments: [{ method: 'cash', amount: total }] }
  }
  const collectCall = (): Call => {
    const turn = collectTurn++
    return { method: 'POST', path: `/api/customers/${owing[turn % owing.length]}/collect`, body: { amount: 100 * (1 + (turn % 5)), method: 'cash' } }
  }
  const randomCustomer = () => customers[Math.floor(Math.random() * customers.length)]
  const scenarios: { name: string; token: string; next: () => Call }[] = [
    { name: 'checkout', token: cashierToken, next: () => ({ method: 'POST', path: '/api/pos/checkout', body: checkoutBody() }) },
    { name: 'collect', token: cashierToken, next: collectCall },
    {
      name: 'customerList',
      token: cashierToken,
      next: () => ({ method: 'GET', path: `/api/customers?where[store][equals]=${S}&sort=-pendingBalance&limit=25&depth=0` }),
    },
    { name: 'posCustomer', token: cashierToken, next: () => ({ method: 'GET', path: `/api/customers/${randomCustomer()}?depth=0` }) },
    { name: 'statement', token: cashierToken, next: () => ({ method: 'GET', path: `/api/customers/${randomCustomer()}/statement` }) },
    { name: 'dashboard', token: ownerToken, next: () => ({ method: 'GET', path: `/api/reports/dashboard?store=${S}` }) },
    { name: 'aging', token: ownerToken, next: () => ({ method: 'GET', path: `/api/reports/aging?store=${S}` }) },
  ]
  for (const scenario of scenarios) {
    for (let i = 0; i < 3; i++) {
      const { status, body } = await request(base, scenario.token, scenario.next())
      if (status < 200 || status >= 300) throw new Error(`${scenario.name} warm-up answered ${status}: ${JSON.stringify(body).slice(0, 300)}`)
    }
  }

  // 6. jobs: queued work both instances poll (the reminders queue, every minute at :30, up to 20 each)
  const { rows: jobsBefore } = await primaryPool.query(`SELECT coalesce(max(id), 0)::int AS id FROM payload_jobs`)
  const firstJobId = Number(jobsBefore[0].id) + 1
  await primaryPool.query(
    `INSERT INTO payload_jobs (input, task_slug, queue, total_tried, has_error, processing, created_at, updated_at)
     SELECT '{}'::jsonb, 'queueDueReminders', 'reminders', 0, false, false, now(), now() FROM generate_series(1, $1)`,
    [INJECTED_JOBS],
  )
  say(`queued ${INJECTED_JOBS} queueDueReminders jobs on the reminders queue (ids from ${firstJobId}); both instances poll it`)

  // 7. the scenarios through nginx, the lag sampled all along
  const lagSamples: { at: number; scenario: string; bytes: number; replayLagMs: number | null }[] = []
  let currentScenario = 'idle'
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      try {
        const { rows } = await primaryMonitor.query(
          `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint AS bytes, (extract(epoch FROM r.replay_lag) * 1000)::float8 AS lag_ms
             FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = $1`,
          [SLOT],
        )
        if (rows[0])
          lagSamples.push({ at: Date.now(), scenario: currentScenario, bytes: Number(rows[0].bytes), replayLagMs: rows[0].lag_ms === null ? null : Number(rows[0].lag_ms) })
      } catch {
        // a sample lost is no failure
      }
      await sleep(250)
    }
  })()
  const results: Record<string, Record<string, Stats>> = {}
  const queriesByScenario: Record<string, { primary: Counters; replica: Counters }> = {}
  const totalsBefore = { primary: await counters(primaryMonitor, 'tally'), replica: await counters(replicaMonitor, 'tally') }
  await timed(phases, 'scenarios', async () => {
    for (const scenario of scenarios) {
      results[scenario.name] = {}
      currentScenario = scenario.name
      const before = { primary: await counters(primaryMonitor, 'tally'), replica: await counters(replicaMonitor, 'tally') }
      for (const connections of CONCURRENCY) {
        for (const instance of instances) if (!instanceUp(instance)) throw new Error(`instance ${instance.name} is down before ${scenario.name}`)
        const stats = await load({ base, token: scenario.token, connections, seconds: DURATION, next: scenario.next })
        results[scenario.name]![`c${connections}`] = stats
        const drained = await waitIdle()
        say(
          `${scenario.name.padEnd(13)} c${String(connections).padEnd(2)} p50 ${stats.p50} ms  p95 ${stats.p95} ms  ${stats.rps}/s  errors ${stats.errors} ${JSON.stringify(stats.errorsBy)}  (drained in ${drained.toFixed(1)}s)`,
        )
      }
      // Backends report their counters at most once a second: let the last report land.
      await sleep(1500)
      queriesByScenario[scenario.name] = {
        primary: delta(await counters(primaryMonitor, 'tally'), before.primary),
        replica: delta(await counters(replicaMonitor, 'tally'), before.replica),
      }
      const q = queriesByScenario[scenario.name]!
      say(
        `  ${scenario.name}: transactions primary ${q.primary.xactCommit} / replica ${q.replica.xactCommit}; rows read primary ${q.primary.tupReturned + q.primary.tupFetched} / replica ${q.replica.tupReturned + q.replica.tupFetched}`,
      )
    }
  })
  currentScenario = 'after'
  // An idle backend reports its last counters within 10 s.
  await sleep(11_000)
  const queriesTotal = {
    primary: delta(await counters(primaryMonitor, 'tally'), totalsBefore.primary),
    replica: delta(await counters(replicaMonitor, 'tally'), totalsBefore.replica),
  }
  const readTotal = queriesTotal.primary.tupReturned + queriesTotal.primary.tupFetched + queriesTotal.replica.tupReturned + queriesTotal.replica.tupFetched
  check(
    queriesTotal.replica.xactCommit > 0,
    `the replica served reads: ${queriesTotal.replica.xactCommit} transactions, ${queriesTotal.replica.tupReturned + queriesTotal.replica.tupFetched} rows`,
  )
  check(queriesTotal.replica.tupWritten === 0, 'nothing was written on the replica by the app (it is read-only)')

  // 8. jobs: each injected job ran once (and the crons' own jobs)
  const jobs = await timed(phases, 'jobs', async () => {
    const deadline = Date.now() + 75_000
    for (;;) {
      const { rows } = await primaryPool.query(`SELECT count(*)::int AS open FROM payload_jobs WHERE id >= $1 AND id < $2 AND completed_at IS NULL`, [
        firstJobId,
        firstJobId + INJECTED_JOBS,
      ])
      if (rows[0].open === 0 || Date.now() > deadline) break
      await sleep(1000)
    }
    await sleep(3000) // a duplicate run of the other instance finishes
    const { rows } = await primaryPool.query(
      `SELECT j.id, j.task_slug, j.completed_at IS NOT NULL AS completed, j.meta, (j.id >= $1 AND j.id < $2) AS injected,
              count(l.id)::int AS runs, count(l.id) FILTER (WHERE l.state = 'succeeded')::int AS succeeded
         FROM payload_jobs j LEFT JOIN payload_jobs_log l ON l._parent_id = j.id
        WHERE j.id >= $1 OR j.created_at > now() - interval '1 hour'
        GROUP BY j.id ORDER BY j.id`,
      [firstJobId, firstJobId + INJECTED_JOBS],
    )
    const injected = rows.filter((row) => row.injected)
    const scheduled = rows.filter((row) => !row.injected)
    // A job retried after a failure has several runs, one of them a success: twice is two successes
    // (or, for the jobs queued here, which cannot fail, any second run).
    const ranTwice = rows
      .filter((row) => row.succeeded > 1 || (row.injected && row.runs > 1))
      .map((row) => ({ id: row.id, task: row.task_slug, runs: row.runs, succeeded: row.succeeded }))
    // The crons queue one job per schedule slot (task, due time): two of one slot would be a double queueing.
    const { rows: doubleQueued } = await primaryPool.query(
      `SELECT task_slug, wait_until AS slot, count(*)::int AS n FROM payload_jobs
        WHERE (id < $1 OR id >= $2) AND wait_until IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`,
      [firstJobId, firstJobId + INJECTED_JOBS],
    )
    return {
      injected: injected.length,
      injectedCompleted: injected.filter((row) => row.completed).length,
      scheduledSeen: scheduled.length,
      runsPerJob: Object.fromEntries([1, 2, 3].map((n) => [n, rows.filter((row) => row.runs === n).length])),
      ranTwice,
      doubleQueued: doubleQueued.map((row) => ({ task: row.task_slug, slot: row.slot, jobs: row.n })),
    }
  })
  check(jobs.injectedCompleted === jobs.injected, `jobs: ${jobs.injectedCompleted} of ${jobs.injected} queued jobs completed by the two instances`)
  check(jobs.ranTwice.length === 0, `jobs: no job ran twice (${JSON.stringify(jobs.ranTwice.slice(0, 5))}${jobs.ranTwice.length > 5 ? ' …' : ''})`)
  check(jobs.doubleQueued.length === 0, `jobs: no schedule queued twice in one minute (${JSON.stringify(jobs.doubleQueued)})`)

  // 9. read-your-writes with the replica held behind
  const ryw = await timed(phases, 'readYourWrites', async () => {
    const setDelay = async (value: string | null) => {
      const file = path.join(DATA_DIR, 'replica', 'postgresql.auto.conf')
      const text = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('recovery_min_apply_delay'))
      if (value) text.push(`recovery_min_apply_delay = '${value}'`)
      writeFileSync(file, `${text.join('\n').trimEnd()}\n`)
      await replicaMonitor.query('SELECT pg_reload_conf()')
      await sleep(300)
      const { rows } = await replicaMonitor.query(`SELECT current_setting('recovery_min_apply_delay') AS delay`)
      return String(rows[0].delay)
    }
    const delay = await setDelay(`${APPLY_DELAY_MS}ms`)
    say(`read-your-writes: the replica now applies each commit ${delay} late`)
    const cookieOf = (headers: Headers) => {
      const lsn = headers.get('x-tally-read-after')
      return lsn ? `tally-read-after=${encodeURIComponent(lsn)}` : null
    }
    const tally = {
      rounds: 0,
      customerFresh: 0,
      statementFresh: 0,
      customerFreshWithoutPosition: 0,
      checkoutBillFound: 0,
      checkoutBillFoundWithoutPosition: 0,
      loginUsable: 0,
      loginUsableWithoutPosition: 0,
      positionMissing: 0,
    }
    const upstreams = new Map<string, number>()
    const seen = (headers: Headers) => {
      const upstream = headers.get('x-upstream') ?? '?'
      upstreams.set(upstream, (upstreams.get(upstream) ?? 0) + 1)
    }
    for (const [round, customer] of rywCustomers.entries()) {
      tally.rounds++
      // a collect, then at once the POS customer and the statement (on whichever instance nginx picks)
      const collect = await request(
        base,
        cashierToken,
        { method: 'POST', path: `/api/customers/${customer}/collect`, body: { amount: 100, method: 'cash' } },
        { 'Idempotency-Key': randomUUID() },
      )
      if (collect.status !== 201) throw new Error(`read-your-writes collect answered ${collect.status}: ${JSON.stringify(collect.body)}`)
      seen(collect.headers)
      const remaining = Number(collect.body.remainingBalance)
      const cookie = cookieOf(collect.headers)
      if (!cookie) tally.positionMissing++
      if (round === 0) {
        say(
          `  e.g. POST /api/customers/${customer}/collect → ${collect.status} via ${collect.headers.get('x-upstream')}, X-Tally-Read-After: ${collect.headers.get('x-tally-read-after')}, ` +
            `Set-Cookie: ${collect.headers.get('set-cookie')}, remainingBalance ${remaining}`,
        )
      }
      const withPosition: Record<string, string> = cookie ? { cookie } : {}
      const [pos, statement, control] = await Promise.all([
        request(base, cashierToken, { method: 'GET', path: `/api/customers/${customer}?depth=0` }, withPosition),
        request(base, cashierToken, { method: 'GET', path: `/api/customers/${customer}/statement` }, withPosition),
        request(base, cashierToken, { method: 'GET', path: `/api/customers/${customer}?depth=0` }),
      ])
      for (const answer of [pos, statement, control]) seen(answer.headers)
      if (pos.status === 200 && Number(pos.body.pendingBalance) === remaining) tally.customerFresh++
      if (statement.status === 200 && Number(statement.body.customer?.pendingBalance) === remaining) tally.statementFresh++
      if (control.status === 200 && Number(control.body.pendingBalance) === remaining) tally.customerFreshWithoutPosition++
      // a checkout, then its bill
      const sale = await request(base, cashierToken, { method: 'POST', path: '/api/pos/checkout', body: checkoutBody() }, { 'Idempotency-Key': randomUUID() })
      if (sale.status !== 201) throw new Error(`read-your-writes checkout answered ${sale.status}: ${JSON.stringify(sale.body).slice(0, 300)}`)
      const bill = Number(sale.body.bill?.id)
      const saleCookie = cookieOf(sale.headers)
      const [billRead, billControl] = await Promise.all([
        request(base, cashierToken, { method: 'GET', path: `/api/invoices/${bill}?depth=0` }, saleCookie ? { cookie: saleCookie } : {}),
        request(base, cashierToken, { method: 'GET', path: `/api/invoices/${bill}?depth=0` }),
      ])
      if (billRead.status === 200 && Number(billRead.body.id) === bill) tally.checkoutBillFound++
      if (billControl.status === 200 && Number(billControl.body.id) === bill) tally.checkoutBillFoundWithoutPosition++
      // a login (a new session row), then a request with its token
      if (round < 5) {
        const signIn = await request(base, null, { method: 'POST', path: '/api/users/login', body: dataset.cashier })
        const token = signIn.body.token as string
        const loginCookie = cookieOf(signIn.headers)
        const [me, meControl] = await Promise.all([
          request(base, token, { method: 'GET', path: '/api/users/me' }, loginCookie ? { cookie: loginCookie } : {}),
          request(base, token, { method: 'GET', path: '/api/users/me' }),
        ])
        if (me.status === 200 && me.body.user) tally.loginUsable++
        if (meControl.status === 200 && meControl.body.user) tally.loginUsableWithoutPosition++
      }
    }
    await setDelay(null)
    const caughtUpMs = await replicaCaughtUp()
    return { applyDelay: delay, ...tally, logins: Math.min(5, tally.rounds), upstreams: Object.fromEntries(upstreams), caughtUpAfterMs: caughtUpMs }
  })
  say(`read-your-writes: ${JSON.stringify(ryw)}`)
  check(ryw.positionMissing === 0, 'every money write answered its read-after position')
  check(ryw.customerFresh === ryw.rounds, `POS customer just after a collect (with the position): ${ryw.customerFresh}/${ryw.rounds} fresh`)
  check(ryw.statementFresh === ryw.rounds, `statement just after a collect: ${ryw.statementFresh}/${ryw.rounds} fresh`)
  check(ryw.checkoutBillFound === ryw.rounds, `a checkout's bill read just after it (with the position): ${ryw.checkoutBillFound}/${ryw.rounds}`)
  check(ryw.loginUsable === ryw.logins, `a request just after a login (with the position): ${ryw.loginUsable}/${ryw.logins}`)
  const lagVisible = ryw.customerFreshWithoutPosition < ryw.rounds || ryw.checkoutBillFoundWithoutPosition < ryw.rounds
  check(
    lagVisible,
    `the lag was visible (control reads without the position: customer fresh ${ryw.customerFreshWithoutPosition}/${ryw.rounds}, bill found ${ryw.checkoutBillFoundWithoutPosition}/${ryw.rounds}, login usable ${ryw.loginUsableWithoutPosition}/${ryw.logins})`,
  )

  // 10. kill one instance in the middle of money traffic; the client retries with the same key
  const kill = await timed(phases, 'kill', async () => {
    const { rows: marks } = await primaryPool.query(`SELECT (SELECT coalesce(max(id), 0) FROM transactions)::int AS tx, (SELECT coalesce(max(id), 0) FROM invoices)::int AS inv`)
    const { tx: txBefore, inv: invBefore } = marks[0]
    const seconds = Math.max(10, DURATION * 2)
    interface Sent {
      key: string
      kind: 'checkout' | 'collect'
      call: Call
      attempts: number
      status?: number
      body?: any
      replayed?: boolean
    }
    const sent: Sent[] = []
    const latencies: number[] = []
    let retries = 0
    let answered5xx = 0
    let transportErrors = 0
    const send = async (item: Sent) => {
      for (;;) {
        item.attempts++
        try {
          const answer = await request(base, cashierToken, item.call, { 'Idempotency-Key': item.key })
          if (answer.status === 502 || answer.status === 503 || answer.status === 504) {
            answered5xx++
          } else {
            item.status = answer.status
            item.body = answer.body
            item.replayed = answer.headers.get('idempotent-replayed') === 'true'
            return
          }
        } catch {
          transportErrors++
        }
        if (item.attempts >= 30) return
        retries++
        await sleep(200)
      }
    }
    const victim = instances[0]!
    const started = performance.now()
    const deadline = started + seconds * 1000
    const killed: { at: number | null } = { at: null }
    const killer = (async () => {
      await sleep(seconds * 400)
      say(`SIGKILL instance ${victim.name} (pid ${victim.child?.pid}) mid-run …`)
      victim.killed = true
      killed.at = performance.now() - started
      if (victim.child?.pid) process.kill(-victim.child.pid, 'SIGKILL')
    })()
    let turn = 0
    await Promise.all(
      Array.from({ length: KILL_CONNECTIONS }, async () => {
        while (performance.now() < deadline) {
          const kind = turn++ % 2 === 0 ? 'checkout' : 'collect'
          const call: Call = kind === 'checkout' ? { method: 'POST', path: '/api/pos/checkout', body: checkoutBody() } : collectCall()
          const item: Sent = { key: `cluster-kill-${randomUUID()}`, kind, call, attempts: 0 }
          sent.push(item)
          const t = performance.now()
          await send(item)
          if (item.status === 201) latencies.push(performance.now() - t)
        }
      }),
    )
    await killer
    const elapsed = (performance.now() - started) / 1000
    // Anything still without an answer: send it once more, now that the survivor is alone.
    for (const item of sent.filter((entry) => entry.status === undefined)) await send(item)
    const ok = sent.filter((item) => item.status === 201)
    const refused = sent.filter((item) => item.status !== undefined && item.status !== 201)
    const unanswered = sent.filter((item) => item.status === undefined)
    // What landed: the bills and payments written since the mark, against what the client was told.
    const { rows: newInvoices } = await primaryPool.query(`SELECT id FROM invoices WHERE id > $1 AND store_id = $2`, [invBefore, S])
    const { rows: newPayments } = await primaryPool.query(`SELECT id FROM transactions WHERE id > $1 AND store_id = $2`, [txBefore, S])
    const { rows: keys } = await primaryPool.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'cluster-kill-%' AND response_status IS NOT NULL`)
    const toldBills = new Set(ok.filter((item) => item.kind === 'checkout').map((item) => Number(item.body.bill?.id)))
    const toldCollects = new Set(ok.filter((item) => item.kind === 'collect').map((item) => Number(item.body.transaction)))
    const toldCheckoutPayments = new Set(
      ok.filter((item) => item.kind === 'checkout').flatMap((item) => (item.body.transactions ?? []).map((entry: { id: number }) => Number(entry.id))),
    )
    const landedBills = new Set(newInvoices.map((row) => Number(row.id)))
    const landedPayments = new Set(newPayments.map((row) => Number(row.id)))
    const sameSet = (a: Set<number>, b: Set<number>) => a.size === b.size && [...a].every((value) => b.has(value))
    const toldPayments = new Set([...toldCollects, ...toldCheckoutPayments])
    const byUpstreamAfterKill = await request(base, cashierToken, { method: 'GET', path: '/api/health' })
    return {
      seconds: Math.round(elapsed * 10) / 10,
      killedAtSeconds: killed.at === null ? null : Math.round(killed.at / 100) / 10,
      requests: sent.length,
      succeeded: ok.length,
      replayed: ok.filter((item) => item.replayed).length,
      retried: sent.filter((item) => item.attempts > 1).length,
      retries,
      answered5xxByNginx: answered5xx,
      transportErrors,
      refused: refused.map((item) => ({ key: item.key, status: item.status, body: JSON.stringify(item.body).slice(0, 200) })),
      unanswered: unanswered.length,
      rps: Math.round((ok.length / elapsed) * 10) / 10,
      p50: ms(
        percentile(
          [...latencies].sort((a, b) => a - b),
          50,
        ),
      ),
      p95: ms(
        percentile(
          [...latencies].sort((a, b) => a - b),
          95,
        ),
      ),
      keysStored: keys[0].n,
      billsTold: toldBills.size,
      billsLanded: landedBills.size,
      billsExact: sameSet(toldBills, landedBills),
      paymentsTold: toldPayments.size,
      paymentsLanded: landedPayments.size,
      paymentsExact: sameSet(toldPayments, landedPayments),
      survivorAnswers: byUpstreamAfterKill.headers.get('x-upstream'),
    }
  })
  say(`kill: ${JSON.stringify(kill)}`)
  check(
    kill.unanswered === 0 && kill.refused.length === 0,
    `every money request during the kill ended in 201 (${kill.succeeded}/${kill.requests}; ${kill.retried} needed a retry, ${kill.replayed} answered as replays)`,
  )
  check(kill.billsExact, `each checkout landed exactly once: ${kill.billsLanded} bills written, ${kill.billsTold} bills answered`)
  check(kill.paymentsExact, `each payment landed exactly once: ${kill.paymentsLanded} payments written, ${kill.paymentsTold} answered`)
  check(kill.keysStored === kill.succeeded, `one stored Idempotency-Key per request: ${kill.keysStored} for ${kill.succeeded}`)

  // 11. balances, the replica against the primary, then ledger:verify on the primary
  const balances = await timed(phases, 'balances', async () => {
    const { rows } = await primaryPool.query(
      `SELECT count(*)::int AS drift FROM customers c JOIN customer_figures f ON f.id = c.id
        WHERE c.store_id = $1 AND (c.pending_balance IS DISTINCT FROM f.pending_balance OR c.advance_balance IS DISTINCT FROM f.advance_balance)`,
      [S],
    )
    const caughtUpMs = await replicaCaughtUp()
    const sums = `SELECT sum(pending_balance)::text AS pending, sum(advance_balance)::text AS advance, count(*)::int AS customers,
      (SELECT count(*) FROM transactions)::int AS transactions FROM customers WHERE store_id = $1`
    const [onPrimary, onReplica] = await Promise.all([primaryPool.query(sums, [S]), replicaPool.query(sums, [S])])
    return {
      customersDrifting: rows[0].drift as number,
      replicaCaughtUpMs: caughtUpMs,
      primary: onPrimary.rows[0],
      replica: onReplica.rows[0],
      replicaSame: JSON.stringify(onPrimary.rows[0]) === JSON.stringify(onReplica.rows[0]),
    }
  })
  check(balances.customersDrifting === 0, `stored balances equal the ledger (customer_figures): ${balances.customersDrifting} customers drift`)
  check(balances.replicaSame, `the replica caught up (${balances.replicaCaughtUpMs} ms) and holds the same balances as the primary`)

  sampling = false
  await sampler
  stopping = true
  for (const instance of instances) if (instance.child) await stopGroup(instance.child)
  await stopGroup(nginx)
  const buildIdAfter = existsSync(buildMarker) ? readFileSync(buildMarker, 'utf8').trim() : '(missing)'
  if (buildIdAfter !== buildId) say(`WARNING: .next was rebuilt by someone else during the run (${buildId} → ${buildIdAfter})`)
  const verify = await timed(phases, 'verify', async () => {
    say('npm run ledger:verify on the primary …')
    const t = performance.now()
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/verify.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URI: primary.uri, DATABASE_READ_REPLICAS: '', [EMBEDDED_URI_VAR]: '' },
    })
    const seconds = Math.round((performance.now() - t) / 10) / 100
    const output = `${run.stdout}${run.stderr}`.trim()
    const summary =
      output
        .split('\n')
        .filter((line) => line.startsWith('ledger:verify'))
        .pop() ??
      output.split('\n').pop() ??
      ''
    if (run.status !== 0) writeFileSync(path.join(DATA_DIR, 'verify.log'), output)
    return { seconds, clean: run.status === 0, summary }
  })
  check(verify.clean, `ledger:verify on the primary: ${verify.summary} (${verify.seconds}s)`)

  // the lag under load
  const lagOf = (samples: typeof lagSamples) => {
    const bytes = samples.map((sample) => sample.bytes).sort((a, b) => a - b)
    const lag = samples.map((sample) => sample.replayLagMs ?? 0).sort((a, b) => a - b)
    return {
      samples: samples.length,
      bytesP50: percentile(bytes, 50),
      bytesP95: percentile(bytes, 95),
      bytesMax: bytes[bytes.length - 1] ?? 0,
      replayLagMsP50: ms(percentile(lag, 50)),
      replayLagMsP95: ms(percentile(lag, 95)),
      replayLagMsMax: ms(lag[lag.length - 1] ?? 0),
    }
  }
  const lag = {
    all: lagOf(lagSamples.filter((sample) => scenarios.some((scenario) => scenario.name === sample.scenario))),
    byScenario: Object.fromEntries(scenarios.map((scenario) => [scenario.name, lagOf(lagSamples.filter((sample) => sample.scenario === scenario.name))])),
  }
  phases.total = Math.round((performance.now() - startedAt) / 100) / 10

  const { rows: version } = await primaryPool.query('SHOW server_version').catch(() => ({ rows: [{ server_version: 'unknown' }] }))
  const output = {
    generatedAt: new Date().toISOString(),
    passed: failures.length === 0,
    failures,
    machine: {
      cpus: os.cpus().length,
      memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      model: os.cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    },
    versions: { node: process.version, next: packageVersion('next'), payload: packageVersion('payload'), postgres: String(version[0]?.server_version), nginx: nginxVersion },
    scale: SCALE,
    durationPerRunSeconds: DURATION,
    dataset: { customers: dataset.counts.customers, invoices: dataset.counts.invoices, transactions: dataset.counts.transactions },
    topology: {
      primary: `127.0.0.1:${primary.port}`,
      replica: `127.0.0.1:${replica.port}`,
      instances: instances.map((instance) => `127.0.0.1:${instance.port}`),
      nginx: base,
      baseBackup,
    },
    scenarios: results,
    queries: {
      note: "pg_stat_database deltas of the tally database on each server (transactions committed, rows returned + fetched, rows written); the bench monitors from the postgres database, so these are the app servers' own",
      byScenario: queriesByScenario,
      total: queriesTotal,
      replicaShareOfRowsRead: readTotal === 0 ? 0 : Math.round(((queriesTotal.replica.tupReturned + queriesTotal.replica.tupFetched) / readTotal) * 1000) / 1000,
    },
    replicationLag: lag,
    jobs,
    readYourWrites: ryw,
    kill,
    balances,
    verify,
    serverEvents,
    phasesSeconds: phases,
  }
  writeFileSync(path.join(BENCH_DIR, 'cluster-results.json'), `${JSON.stringify(output, null, 2)}\n`)

  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  console.log(
    [
      '',
      row(['scenario', 'conc.', 'p50 ms', 'p95 ms', 'req/s', 'errors', 'primary xacts', 'replica xacts', 'lag p95 bytes']),
      row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
      ...Object.entries(results).flatMap(([name, byConcurrency]) =>
        Object.entries(byConcurrency).map(([c, s], index) =>
          row([
            name,
            c.slice(1),
            s.p50,
            s.p95,
            s.rps,
            s.errors,
            index === 0 ? queriesByScenario[name]!.primary.xactCommit : '',
            index === 0 ? queriesByScenario[name]!.replica.xactCommit : '',
            index === 0 ? lag.byScenario[name]!.bytesP95 : '',
          ]),
        ),
      ),
      '',
      `replica lag under load: p50 ${lag.all.bytesP50} B / p95 ${lag.all.bytesP95} B / max ${lag.all.bytesMax} B behind; replay_lag p95 ${lag.all.replayLagMsP95} ms, max ${lag.all.replayLagMsMax} ms (${lag.all.samples} samples)`,
      `reads: replica ${queriesTotal.replica.xactCommit} transactions / ${queriesTotal.replica.tupReturned + queriesTotal.replica.tupFetched} rows; primary ${queriesTotal.primary.xactCommit} transactions / ${queriesTotal.primary.tupReturned + queriesTotal.primary.tupFetched} rows (replica share of rows read ${output.queries.replicaShareOfRowsRead})`,
      `kill: ${kill.succeeded} money requests in ${kill.seconds}s with instance a SIGKILLed at ${kill.killedAtSeconds}s; ${kill.retried} retried with their key, ${kill.replayed} replayed; bills ${kill.billsLanded}/${kill.billsTold}, payments ${kill.paymentsLanded}/${kill.paymentsTold}`,
      `jobs: ${jobs.injectedCompleted}/${jobs.injected} completed, runs per job ${JSON.stringify(jobs.runsPerJob)}, ran twice: ${jobs.ranTwice.length}`,
      `ledger:verify: ${verify.clean ? 'clean' : 'DRIFTS'} in ${verify.seconds}s`,
      `phases (s): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      failures.length ? `FAILED: ${failures.join('; ')}` : 'every check passed',
      'written: bench/cluster-results.json',
    ].join('\n'),
  )
  if (failures.length) process.exitCode = 1
}

main()
  .catch((error: unknown) => {
    console.error(`[cluster] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exitCode = 1
  })
  .finally(async () => {
    await cleanup()
    process.exit(process.exitCode ?? 0)
  })
