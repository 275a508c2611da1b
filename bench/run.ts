/**
 * `npm run bench`: a throwaway embedded Postgres → migrations → the bench dataset
 * (bench/generate.ts) → the standalone production build (`npm run build`, served by
 * .next/standalone/server.js as `npm start` does) → autocannon over the POS and
 * owner endpoints at concurrency 1, 8 and 32 → the raw-SQL floor of a checkout → a hot
 * customer → `ledger:verify` over everything. Writes bench/results.json and prints a table.
 * Everything it starts is stopped at the end, on Ctrl-C and on failure.
 *
 * Knobs (environment): BENCH_DURATION seconds per measurement (default 10),
 * BENCH_SCALE dataset scale (default 1 = 20k customers / 200k invoices / 500k transactions),
 * BENCH_REBUILD=1 to run `npm run build` even when a build exists, BENCH_KEEP=1 to keep the
 * temporary database directory, BENCH_CONCURRENCY=1,8 to measure only those concurrencies,
 * BENCH_AB=<rounds> for the A/B of the auth strategy (see AB_ROUNDS below), BENCH_SERVER_ARGS
 * for node flags of the server (a CPU profile: bench/profile.ts), BENCH_RESULTS=path to write
 * the results elsewhere than bench/results.json (the cost curve, bench/curve.ts, keeps one
 * file per scale).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { EMBEDDED_URI_VAR } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { freePort } from '@/db/freePort'
import { BUILT_MARKER } from '@/cli/build'
import { prepareDatabase } from '@/cli/prepareDatabase'

import { beforeFunctions, lean, minimal, runFloor, sameStatements, type FloorCheckout, type FloorLine } from './floor'
import { generate, type Dataset } from './generate'
import { load, packageVersion, request, ROOT, stopGroup, summarize, timed, type Call, type Stats } from './lib'

const BENCH_DIR = path.join(ROOT, 'bench')
const DATA_DIR = path.join(BENCH_DIR, 'data') // logs (git-ignored)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const RESULTS = path.resolve(ROOT, process.env.BENCH_RESULTS ?? 'bench/results.json')
/** BENCH_ONLY=dashboard,aging: just those scenarios, no floor / hot customer / verify, results to bench/data/partial.json. */
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((name) => name.trim())
  .filter(Boolean)
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? process.env.BENCH_CONCURRENCY.split(',').map(Number) : [1, 8, 32]
/**
 * BENCH_AB=2: the A/B of issue 19 on one build and one database. The selected scenarios are
 * measured with the server started with TALLY_AUTH_STRATEGY=payload (A: Payload's own
 * strategies) and with ours (B), in ABBA order over that many rounds, each pass after a
 * restart and a warm-up; then the checkout's raw-SQL floor. No hot customer, no verify;
 * results to bench/data/ab.json.
 */
const AB_ROUNDS = Number(process.env.BENCH_AB ?? 0)
const AUTH_VARIANTS = ['payload', 'tally'] as const
const HOT_CONNECTIONS = 32
const HOT_AMOUNT = 100 // ₹1.00 per collect

const say = (line: string) => console.log(`[bench] ${line}`)

// ---------------------------------------------------------------- processes
const cleanups: (() => Promise<void> | void)[] = []
let cleaning: Promise<void> | undefined
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step()
      } catch (error) {
        console.error(`[bench] cleanup: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  })()
  return cleaning
}
// Stopping the database under live connections makes pg emit 'error' events: while this run
// is stopping (or has failed), such errors must not abort the clean-up.
const onStray = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  if (cleaning) {
    console.error(`[bench] (while stopping) ${message}`)
    return
  }
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? message) : message}`)
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

// ---------------------------------------------------------------- main
async function main() {
  const startedAt = performance.now()
  const phases: Record<string, number> = {}
  mkdirSync(DATA_DIR, { recursive: true })
  if (process.env.DATABASE_URI) say('DATABASE_URI is ignored: the bench always uses its own throwaway embedded Postgres')
  delete process.env.DATABASE_URI
  delete process.env.DATABASE_READ_REPLICAS
  say(
    `machine: ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, load average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  )

  // 1. a throwaway database
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tally-bench-'))
  chmodSync(tmp, 0o755) // the postgres system user must reach the data dir
  cleanups.push(() => {
    const log = path.join(tmp, 'pg.log')
    if (existsSync(log)) copyFileSync(log, path.join(DATA_DIR, 'postgres.log'))
    if (process.env.BENCH_KEEP) say(`kept ${tmp}`)
    else rmSync(tmp, { recursive: true, force: true })
  })
  const db: EmbeddedPostgres = await timed(phases, 'database', async () => {
    say(`starting a throwaway embedded PostgreSQL in ${tmp} …`)
    return startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), password: randomBytes(12).toString('hex'), ephemeral: false })
  })
  cleanups.push(() => db.stop())
  process.env[EMBEDDED_URI_VAR] = db.uri
  const secret = randomBytes(32).toString('hex')
  process.env.PAYLOAD_SECRET = secret
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  process.env.TALLY_LOG_LEVEL ??= 'warn'

  await timed(phases, 'migrate', async () => {
    say('applying migrations …')
    await prepareDatabase({ uri: db.uri, seed: 'never' })
  })

  // 2. the dataset
  say(`generating the dataset (scale ${SCALE}) …`)
  const dataset: Dataset = await timed(phases, 'generate', () =>
    generate({
      uri: db.uri,
      customers: Math.round(20_000 * SCALE),
      invoices: Math.round(200_000 * SCALE),
      transactions: Math.round(500_000 * SCALE),
      log: (line) => console.log(line),
    }),
  )

  // 2b. the clean run `ledger:verify --changed` starts from at the end (a store verified after its import; not with BENCH_ONLY, which verifies nothing)
  if (!ONLY) {
    await timed(phases, 'verifyBase', async () => {
      const base = ledgerVerify([])
      say(`  ledger:verify after the import: ${base.summary} (wall ${base.seconds}s)`)
    })
  }

  // 3. the production build
  // `npm run build` (src/cli/build.ts) writes the standalone server and, last, its marker: a
  // build without the marker stopped half-way and is built again.
  const buildMarker = path.join(ROOT, '.next', 'BUILD_ID')
  const standaloneServer = path.join(ROOT, '.next', 'standalone', 'server.js')
  await timed(phases, 'build', async () => {
    if (existsSync(path.join(ROOT, BUILT_MARKER)) && existsSync(standaloneServer) && !process.env.BENCH_REBUILD) {
      say(`using the existing standalone build (.next/BUILD_ID ${readFileSync(buildMarker, 'utf8').trim()}; BENCH_REBUILD=1 rebuilds)`)
      return
    }
    say('building (npm run build) …')
    const built = spawnSync('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    })
    if (built.status !== 0) throw new Error(`npm run build failed (exit ${built.status})`)
  })
  const buildId = readFileSync(buildMarker, 'utf8').trim()

  // 4. the standalone server, started as `npm start` starts it (restarted if something outside this run kills it — the run says so)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const serverLog = path.join(DATA_DIR, 'server.log')
  const logFd = openSync(serverLog, 'w')
  const pool = new pg.Pool({ connectionString: db.uri, max: 2 })
  cleanups.push(() => pool.end())
  const serverEvents: string[] = []
  let server: ChildProcess | undefined
  let stopping = false
  cleanups.push(() => {
    stopping = true
    return server ? stopGroup(server) : undefined
  })
  const spawnServer = () => {
    // BENCH_SERVER_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=$PWD/bench/data/prof" (see bench/profile.ts;
    // the directory absolute: the standalone server changes into .next/standalone)
    const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? []
    const child = spawn(process.execPath, [...nodeArgs, standaloneServer], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        PAYLOAD_SECRET: secret,
        [EMBEDDED_URI_VAR]: db.uri,
        TALLY_LOG_LEVEL: process.env.TALLY_LOG_LEVEL ?? 'warn',
        // The cost curve gives the generator (this process) a larger heap; the server keeps Node's default.
        NODE_OPTIONS: (process.env.NODE_OPTIONS ?? '').replace(/--max-old-space-size=\d+/g, '').trim(),
      },
    })
    child.on('exit', (code, signal) => {
      if (stopping) return
      const event = `the server (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}`
      serverEvents.push(`${new Date().toISOString()} ${event}`)
      say(`WARNING: ${event} — it was not stopped by this run`)
    })
    return child
  }
  const serverUp = () => server !== undefined && server.exitCode === null && server.signalCode === null
  const startServer = async () => {
    server = spawnServer()
    const deadline = Date.now() + 180_000
    for (;;) {
      if (!serverUp()) throw new Error(`the server exited (${server.exitCode ?? server.signalCode}); see ${serverLog}`)
      const health = await request(base, null, { method: 'GET', path: '/api/health' }).catch(() => null)
      if (health?.status === 200) break
      if (Date.now() > deadline) throw new Error(`the server did not become healthy in 180 s; see ${serverLog}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    // Payload's start-up calendar refresh (refreshTimeDependent) scans every open invoice:
    // wait for it so it does not overlap the measurements.
    for (let quiet = 0, waited = 0; quiet < 3 && waited < 120; waited++) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`)
      quiet = rows[0].n === 0 ? quiet + 1 : 0
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  const ensureServer = async (why: string) => {
    if (serverUp()) return false
    say(`restarting the server (${why}) …`)
    serverEvents.push(`${new Date().toISOString()} restarted before ${why}`)
    await startServer()
    return true
  }
  const restartServer = async (why: string) => {
    say(`restarting the server (${why}) …`)
    stopping = true
    if (server) await stopGroup(server)
    stopping = false
    await startServer()
  }
  await timed(phases, 'serverStart', async () => {
    say(`the standalone server on ${base} (log: ${path.relative(ROOT, serverLog)}) …`)
    await startServer()
  })

  const login = async (who: { email: string; password: string }) => {
    const { status, body } = await request(base, null, { method: 'POST', path: '/api/users/login', body: who })
    if (status !== 200) throw new Error(`login ${who.email} failed: ${status} ${JSON.stringify(body)}`)
    return body.token as string
  }
  const ownerToken = await login(dataset.owner)
  const cashierToken = await login(dataset.cashier)
  const cashierId = Number((await pool.query(`SELECT id FROM users WHERE email = $1`, [dataset.cashier.email])).rows[0].id)
  const S = dataset.storeId

  // request material
  const { rows: everyone } = await pool.query(`SELECT id FROM customers WHERE store_id = $1 AND id <> $2 ORDER BY id`, [S, dataset.hotCustomerId])
  const customers = everyone.map((row) => Number(row.id))
  for (let i = customers.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[customers[i], customers[j]] = [customers[j]!, customers[i]!]
  }
  const { rows: debtors } = await pool.query(`SELECT id FROM customers WHERE store_id = $1 AND id <> $2 AND pending_balance >= 20000 ORDER BY random()`, [S, dataset.hotCustomerId])
  const owing = debtors.map((row) => Number(row.id))
  if (owing.length === 0) throw new Error('the dataset has no customer with pending ≥ ₹200 to collect from')
  const SERVICES = ['Haircut', 'Hair colour', 'Facial', 'Manicure', 'Massage', 'Hair spa']
  const lines = (): FloorLine[] =>
    Array.from({ length: 1 + Math.floor(Math.random() * 2) }, () => ({
      description: SERVICES[Math.floor(Math.random() * SERVICES.length)]!,
      quantity: 1,
      unitPrice: (200 + Math.floor(Math.random() * 1300)) * 100,
    }))
  let checkoutTurn = 0
  let collectTurn = 0
  const checkoutCall = (): Call => {
    const items = lines()
    const total = items.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0)
    return {
      method: 'POST',
      path: '/api/pos/checkout',
      body: { store: S, customer: customers[checkoutTurn++ % customers.length], items, payments: [{ method: 'cash', amount: total }] },
    }
  }
  const collectCall = (): Call => {
    const turn = collectTurn++
    return { method: 'POST', path: `/api/customers/${owing[turn % owing.length]}/collect`, body: { amount: 100 * (1 + (turn % 5)), method: 'cash' } }
  }
  const allScenarios: { name: string; token: string; next: () => Call }[] = [
    { name: 'checkout', token: cashierToken, next: checkoutCall },
    { name: 'collect', token: cashierToken, next: collectCall },
    {
      // what the customers screen reads for its list (src/services/customerList.ts, issue 19);
      // BENCH_CUSTOMER_LIST=rest: Payload's find as before (it counts every customer of the store)
      name: 'customerList',
      token: cashierToken,
      next: () =>
        process.env.BENCH_CUSTOMER_LIST === 'rest'
          ? { method: 'GET', path: `/api/customers?where[store][equals]=${S}&sort=-pendingBalance&limit=25&depth=0` }
          : { method: 'GET', path: `/api/customers/list?store=${S}&sort=pending&page=1` },
    },
    {
      name: 'statement',
      token: cashierToken,
      next: () => ({ method: 'GET', path: `/api/customers/${customers[Math.floor(Math.random() * customers.length)]}/statement` }),
    },
    { name: 'dashboard', token: ownerToken, next: () => ({ method: 'GET', path: `/api/reports/dashboard?store=${S}` }) },
    { name: 'reconciliation', token: ownerToken, next: () => ({ method: 'GET', path: `/api/reports/reconciliation?store=${S}` }) },
    { name: 'aging', token: ownerToken, next: () => ({ method: 'GET', path: `/api/reports/aging?store=${S}` }) },
  ]
  const scenarios = allScenarios.filter((scenario) => !ONLY || ONLY.includes(scenario.name))

  /**
   * Between runs: requests cut off by autocannon keep running in the server; wait until the
   * database has no active query from it and /api/health answers fast, so that no run pays
   * for the previous one.
   */
  const waitIdle = async () => {
    const t = performance.now()
    for (let quiet = 0; quiet < 2 && performance.now() - t < 180_000;) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`)
      if (!serverUp()) break
      const h = performance.now()
      const healthy = await request(base, null, { method: 'GET', path: '/api/health' }).then(
        (r) => r.status === 200,
        () => false,
      )
      quiet = rows[0].n === 0 && healthy && performance.now() - h < 50 ? quiet + 1 : 0
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    return (performance.now() - t) / 1000
  }

  // sanity + warm-up: every scenario answers 2xx before it is measured
  await timed(phases, 'warmup', async () => {
    for (const scenario of scenarios) {
      for (let i = 0; i < 3; i++) {
        const { status, body } = await request(base, scenario.token, scenario.next())
        if (status < 200 || status >= 300) throw new Error(`${scenario.name} warm-up answered ${status}: ${JSON.stringify(body).slice(0, 300)}`)
      }
    }
  })

  // 5. the scenarios
  const measureAll = async (into: Record<string, Record<string, Stats>>, tag = '') => {
    for (const scenario of scenarios) {
      into[scenario.name] = {}
      for (const connections of CONCURRENCY) {
        const label = `${scenario.name} c${connections}`
        await ensureServer(label)
        let stats = await load({ base, token: scenario.token, connections, seconds: DURATION, next: scenario.next })
        if (!serverUp()) {
          say(`${label}: the server died during the run — measuring again`)
          await ensureServer(`${label} (again)`)
          stats = await load({ base, token: scenario.token, connections, seconds: DURATION, next: scenario.next })
        }
        into[scenario.name]![`c${connections}`] = stats
        const drained = await waitIdle()
        say(
          `${tag}${scenario.name.padEnd(14)} c${String(connections).padEnd(3)} p50 ${stats.p50} ms  p95 ${stats.p95} ms  p99 ${stats.p99} ms  ${stats.rps}/s  ` +
            `errors ${stats.errors} ${JSON.stringify(stats.errorsBy)}  unfinished ${stats.unfinished}  (drained in ${drained.toFixed(1)}s)`,
        )
      }
    }
  }
  const results: Record<string, Record<string, Stats>> = {}
  const abPasses: { auth: (typeof AUTH_VARIANTS)[number]; round: number; loadAverage: number[]; scenarios: Record<string, Record<string, Stats>> }[] = []
  await timed(phases, 'scenarios', async () => {
    if (!AB_ROUNDS) return measureAll(results)
    for (let round = 1; round <= AB_ROUNDS; round++) {
      for (const auth of round % 2 === 1 ? AUTH_VARIANTS : [...AUTH_VARIANTS].reverse()) {
        process.env.TALLY_AUTH_STRATEGY = auth
        await restartServer(`A/B round ${round}: TALLY_AUTH_STRATEGY=${auth}`)
        // JIT and pools warm, unmeasured
        for (const scenario of scenarios) await load({ base, token: scenario.token, connections: 4, seconds: 3, next: scenario.next })
        await waitIdle()
        const loadAverage = os.loadavg().map((v) => Math.round(v * 100) / 100)
        const pass = { auth, round, loadAverage, scenarios: {} as Record<string, Record<string, Stats>> }
        await measureAll(pass.scenarios, `[${auth} ${round}] `)
        abPasses.push(pass)
      }
    }
  })

  if (AB_ROUNDS) {
    let floorTurn = 0
    const run = await timed(phases, 'floor', () =>
      runFloor(db.uri, sameStatements, {
        concurrency: 8,
        seconds: DURATION,
        next: () => ({ storeId: S, customerId: customers[floorTurn++ % customers.length]!, userId: cashierId, items: lines() }),
      }),
    )
    const floorC8 = summarize(run.latencies, run.ok, run.seconds, { refused422: 0, client4xx: 0, server5xx: 0, transport: run.errors })
    say(`floor checkout        c8   p50 ${floorC8.p50} ms  p95 ${floorC8.p95} ms  p99 ${floorC8.p99} ms  ${floorC8.rps}/s  errors ${floorC8.errors}`)
    const ratio = (value: number | undefined) => (value === undefined ? null : Math.round((value / floorC8.p50) * 100) / 100)
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b)
      const mid = Math.floor(sorted.length / 2)
      return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10
    }
    // per variant: the median over its passes of each figure
    const summary = Object.fromEntries(
      AUTH_VARIANTS.map((auth) => {
        const passes = abPasses.filter((pass) => pass.auth === auth)
        const figures = Object.fromEntries(
          scenarios.map((scenario) => [
            scenario.name,
            Object.fromEntries(
              CONCURRENCY.map((c) => {
                const all = passes.map((pass) => pass.scenarios[scenario.name]![`c${c}`]!)
                const p50 = median(all.map((s) => s.p50))
                const p95 = median(all.map((s) => s.p95))
                return [`c${c}`, { p50, p95, spread: Math.round((p95 / p50) * 100) / 100, rps: median(all.map((s) => s.rps)), errors: all.reduce((n, s) => n + s.errors, 0) }]
              }),
            ),
          ]),
        )
        return [
          auth,
          {
            ...figures,
            checkoutVsFloor: ratio(figures.checkout?.c8?.p50),
            customerListVsFloor: ratio(figures.customerList?.c8?.p50),
          },
        ]
      }),
    )
    const ab = {
      generatedAt: new Date().toISOString(),
      scale: SCALE,
      secondsPerRun: DURATION,
      rounds: AB_ROUNDS,
      buildId,
      floor: { checkout: { c8: floorC8 } },
      summary,
      passes: abPasses,
      loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    }
    writeFileSync(path.join(DATA_DIR, 'ab.json'), `${JSON.stringify(ab, null, 2)}\n`)
    for (const auth of AUTH_VARIANTS) {
      const figures = summary[auth] as Record<string, unknown>
      say(`A/B ${auth.padEnd(8)} ${JSON.stringify(figures)}`)
    }
    say('written bench/data/ab.json (A = payload: Payload’s own strategies, B = tally: ours)')
    return
  }

  if (ONLY) {
    writeFileSync(path.join(DATA_DIR, 'partial.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), scale: SCALE, scenarios: results }, null, 2)}\n`)
    say(`BENCH_ONLY: written bench/data/partial.json (bench/results.json untouched)`)
    return
  }

  // 6. the raw-SQL floor of a checkout, concurrency 8
  let floorTurn = 0
  const floorInput = (): FloorCheckout => ({ storeId: S, customerId: customers[floorTurn++ % customers.length]!, userId: cashierId, items: lines() })
  const floor: Record<string, Record<string, Stats>> = {}
  await timed(phases, 'floor', async () => {
    for (const [name, variant] of [
      ['checkout', sameStatements],
      ['checkoutBeforeFunctions', beforeFunctions],
      ['checkoutLean', lean],
      ['checkoutMinimal', minimal],
    ] as const) {
      const run = await runFloor(db.uri, variant, { concurrency: 8, seconds: DURATION, next: floorInput })
      floor[name] = { c8: summarize(run.latencies, run.ok, run.seconds, { refused422: 0, client4xx: 0, server5xx: 0, transport: run.errors }) }
      const stats = floor[name]!.c8!
      say(`floor ${name.padEnd(15)} c8   p50 ${stats.p50} ms  p95 ${stats.p95} ms  p99 ${stats.p99} ms  ${stats.rps}/s  errors ${stats.errors}`)
    }
  })

  // 7. the hot customer: 32 connections collecting from one customer. A closed loop (not
  //    autocannon) so that no request is cut off at the end: every answer is counted.
  const hot = await timed(phases, 'hotCustomer', async () => {
    await ensureServer('hot customer')
    const pendingOf = async () => Number((await pool.query(`SELECT pending_balance FROM customers WHERE id = $1`, [dataset.hotCustomerId])).rows[0].pending_balance)
    const paidOf = async () => Number((await pool.query(`SELECT coalesce(sum(amount), 0) AS s FROM transactions WHERE customer_id = $1`, [dataset.hotCustomerId])).rows[0].s)
    const before = await pendingOf()
    const paidBefore = await paidOf()
    let collected = 0
    const latencies: number[] = []
    const errorsBy = { refused422: 0, client4xx: 0, server5xx: 0, transport: 0 }
    const started = performance.now()
    const deadline = started + DURATION * 1000
    await Promise.all(
      Array.from({ length: HOT_CONNECTIONS }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now()
          try {
            const { status, body } = await request(base, cashierToken, {
              method: 'POST',
              path: `/api/customers/${dataset.hotCustomerId}/collect`,
              body: { amount: HOT_AMOUNT, method: 'cash' },
            })
            if (status === 201) {
              latencies.push(performance.now() - t)
              collected += Number(body.amountCollected)
            } else if (status === 422) errorsBy.refused422++
            else if (status >= 500) errorsBy.server5xx++
            else errorsBy.client4xx++
          } catch {
            errorsBy.transport++
          }
        }
      }),
    )
    const stats = summarize(latencies, latencies.length, (performance.now() - started) / 1000, errorsBy)
    const after = await pendingOf()
    const paidAfter = await paidOf()
    const { rows: view } = await pool.query(`SELECT pending_balance FROM customer_figures WHERE id = $1`, [dataset.hotCustomerId])
    const balanceExact = before - after === collected && paidAfter - paidBefore === collected && Number(view[0].pending_balance) === after
    say(
      `hot customer: ${stats.rps} payments/s at c${HOT_CONNECTIONS} (p50 ${stats.p50} ms, p95 ${stats.p95} ms, errors ${stats.errors}), pending ${before} → ${after}, collected ${collected}: ${balanceExact ? 'exact' : 'NOT EXACT'}`,
    )
    return { stats, before, after, collected, balanceExact }
  })

  // 8. stop the server, then ledger:verify over everything (dataset + what the bench wrote)
  stopping = true
  if (server) await stopGroup(server)
  const buildIdAfter = existsSync(buildMarker) ? readFileSync(buildMarker, 'utf8').trim() : '(missing)'
  if (buildIdAfter !== buildId) say(`WARNING: .next was rebuilt by someone else during the run (${buildId} → ${buildIdAfter})`)
  // `ledger:verify [args]` as `npm run ledger:verify` runs it, on the bench's database: its last summary line and wall time.
  function ledgerVerify(args: string[]) {
    const t = performance.now()
    const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/verify.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URI: db.uri, [EMBEDDED_URI_VAR]: '' },
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
    if (run.status !== 0) writeFileSync(path.join(DATA_DIR, `verify${args.join('')}.log`), output)
    return { seconds, clean: run.status === 0, summary }
  }
  // `--changed` first: it re-checks what the scenarios wrote since the clean run after the import
  // (a full run first would leave it nothing to check); then the full run, timed as before.
  const verifyChanged = await timed(phases, 'verifyChanged', async () => {
    say('npm run ledger:verify -- --changed (what the bench wrote since the run after the import) …')
    const changed = ledgerVerify(['--changed'])
    say(`  ${changed.summary} (wall ${changed.seconds}s)`)
    return changed
  })
  const verify = await timed(phases, 'verify', async () => {
    say('npm run ledger:verify over the dataset …')
    const full = ledgerVerify([])
    say(`  ${full.summary} (wall ${full.seconds}s)`)
    return full
  })

  const { rows: version } = await pool.query('SHOW server_version')
  const { rows: counts } = await pool.query(
    `
    SELECT (SELECT count(*) FROM customers WHERE store_id = $1)::int AS customers, (SELECT count(*) FROM invoices WHERE store_id = $1)::int AS invoices,
           (SELECT count(*) FROM transactions WHERE store_id = $1)::int AS transactions`,
    [S],
  )
  // The database's size on disk, and its largest tables with their indexes (the cost curve reports them).
  const { rows: size } = await pool.query(`SELECT pg_database_size(current_database())::bigint AS bytes`)
  const { rows: largest } = await pool.query(`
    SELECT c.relname AS "table", pg_total_relation_size(c.oid)::bigint AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname = 'public'
    ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6`)
  phases.total = Math.round((performance.now() - startedAt) / 100) / 10

  const checkoutC8 = results.checkout!.c8!
  const output = {
    machine: { cpus: os.cpus().length, memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, model: os.cpus()[0]?.model ?? 'unknown' },
    versions: { node: process.version, next: packageVersion('next'), payload: packageVersion('payload'), postgres: String(version[0].server_version) },
    dataset: { customers: dataset.counts.customers, invoices: dataset.counts.invoices, transactions: dataset.counts.transactions },
    scale: SCALE,
    databaseBytes: Number(size[0].bytes),
    largestTables: largest.map((table) => ({ table: String(table.table), bytes: Number(table.bytes) })),
    scenarios: results,
    floor: { checkout: floor.checkout!, checkoutBeforeFunctions: floor.checkoutBeforeFunctions!, checkoutLean: floor.checkoutLean!, checkoutMinimal: floor.checkoutMinimal! },
    checkoutVsFloor: Math.round((checkoutC8.p50 / floor.checkout!.c8!.p50) * 100) / 100,
    hotCustomer: { rps: hot.stats.rps, balanceExact: hot.balanceExact },
    verifySeconds: verify.seconds,
    verifyChangedSeconds: verifyChanged.seconds,
    details: {
      generatedAt: new Date().toISOString(),
      durationPerRunSeconds: DURATION,
      loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
      latencyNote: 'ms; percentiles over 2xx responses; rps = 2xx per second; errors = 422 + other 4xx + 5xx + transport errors',
      checkoutVsFloorLean: Math.round((checkoutC8.p50 / floor.checkoutLean!.c8!.p50) * 100) / 100,
      checkoutVsFloorMinimal: Math.round((checkoutC8.p50 / floor.checkoutMinimal!.c8!.p50) * 100) / 100,
      datasetFull: dataset.counts,
      datasetAfterRun: counts[0],
      generator: { seconds: dataset.seconds, corrected: dataset.corrected },
      hotCustomer: { connections: HOT_CONNECTIONS, amountPerCollect: HOT_AMOUNT, pendingBefore: hot.before, pendingAfter: hot.after, collected: hot.collected, ...hot.stats },
      verify,
      verifyChanged,
      buildId,
      serverEvents,
      phasesSeconds: phases,
    },
  }
  writeFileSync(RESULTS, `${JSON.stringify(output, null, 2)}\n`)

  // the table
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  const table = [
    row(['scenario', 'conc.', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s (2xx)', 'errors (422 / 5xx / other)', 'open at end']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...Object.entries(results).flatMap(([name, byConcurrency]) =>
      Object.entries(byConcurrency).map(([c, s]) =>
        row([
          name,
          c.slice(1),
          s.p50,
          s.p95,
          s.p99,
          s.rps,
          `${s.errors} (${s.errorsBy.refused422} / ${s.errorsBy.server5xx} / ${s.errorsBy.client4xx + s.errorsBy.transport})`,
          s.unfinished,
        ]),
      ),
    ),
    ...Object.entries(output.floor).map(([name, { c8 }]) => row([`floor: ${name} (raw SQL)`, 8, c8!.p50, c8!.p95, c8!.p99, c8!.rps, c8!.errors, '–'])),
    row(['hotCustomer (collect, one customer)', HOT_CONNECTIONS, hot.stats.p50, hot.stats.p95, hot.stats.p99, hot.stats.rps, hot.stats.errors, 0]),
  ].join('\n')
  console.log(`\n${table}\n`)
  console.log(
    [
      `checkout p50 at c8 / floor p50: ${output.checkoutVsFloor}× (vs the lean SQL: ${output.details.checkoutVsFloorLean}×, vs the minimal SQL: ${output.details.checkoutVsFloorMinimal}×)`,
      `hot customer: ${output.hotCustomer.rps} payments/s at c${HOT_CONNECTIONS}, balance exact: ${output.hotCustomer.balanceExact}`,
      `ledger:verify: ${verify.clean ? 'clean' : 'DRIFTS'} in ${verify.seconds}s; --changed: ${verifyChanged.clean ? 'clean' : 'DRIFTS'} in ${verifyChanged.seconds}s`,
      `phases (s): ${Object.entries(phases)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      `database: ${(output.databaseBytes / 2 ** 20).toFixed(0)} MiB`,
      `written: ${path.relative(ROOT, RESULTS)}`,
    ].join('\n'),
  )
  if (!verify.clean || !verifyChanged.clean) process.exitCode = 1
}

main()
  .catch((error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exitCode = 1
  })
  .finally(async () => {
    await cleanup()
    // Payload's destroy() leaves a pooled connection open (see prepareDatabase): exit explicitly.
    process.exit(process.exitCode ?? 0)
  })
