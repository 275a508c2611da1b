/**
 * `npm run bench:verify`: `ledger:verify` full and `--changed` at a dataset scale, without the
 * build and the HTTP scenarios of `npm run bench` (issue 19: verify under 60 s at scale 5).
 *
 * 1. an embedded PostgreSQL in BENCH_VERIFY_DIR (kept: a second run reuses its dataset; default
 *    a temp dir, removed at the end), migrated, with the bench dataset at BENCH_SCALE (default 1);
 * 2. `ledger:verify` in full: the clean run the incremental one starts from;
 * 3. writes: BENCH_DURATION seconds (default 10) of checkouts at concurrency 8 through the
 *    checkout's own SQL (bench/floor.ts), each for a different customer;
 * 4. `ledger:verify -- --changed` (what step 3 wrote), then the full run again.
 * Prints each run's summary line, wall time and the load average; writes bench/data/verify-<scale>.json.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { prepareDatabase } from '@/cli/prepareDatabase'
import { EMBEDDED_URI_VAR } from '@/db/connection'
import { startEmbeddedPostgres } from '@/db/embedded'

import { runFloor, sameStatements, type FloorLine } from './floor'
import { generate } from './generate'
import { ROOT } from './lib'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const DURATION = Number(process.env.BENCH_DURATION ?? 10)
const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')
const say = (line: string) => console.log(`[bench:verify] ${line}`)

async function main() {
  const kept = process.env.BENCH_VERIFY_DIR
  const dir = kept ?? mkdtempSync(path.join(os.tmpdir(), 'tally-verify-'))
  mkdirSync(dir, { recursive: true })
  chmodSync(dir, 0o755) // the postgres system user must reach the data dir
  const fresh = !existsSync(path.join(dir, 'pg'))
  const passwordFile = path.join(dir, 'password')
  const password = fresh || !existsSync(passwordFile) ? randomBytes(12).toString('hex') : readFileSync(passwordFile, 'utf8')
  writeFileSync(passwordFile, password, { mode: 0o600 })
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), password, ephemeral: false })
  process.env[EMBEDDED_URI_VAR] = db.uri
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  process.env.TALLY_LOG_LEVEL ??= 'warn'
  const pool = new pg.Pool({ connectionString: db.uri, max: 2 })
  try {
    say(`load average ${load()}; database in ${dir}${fresh ? '' : ' (kept)'}`)
    await prepareDatabase({ uri: db.uri, seed: 'never' })
    if (fresh) {
      say(`generating the dataset (scale ${SCALE}) …`)
      await generate({
        uri: db.uri,
        customers: Math.round(20_000 * SCALE),
        invoices: Math.round(200_000 * SCALE),
        transactions: Math.round(500_000 * SCALE),
        log: (line) => console.log(line),
      })
    }
    const verify = (args: string[]) => {
      const loadBefore = load()
      const t = performance.now()
      const run = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src/cli/verify.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URI: db.uri, [EMBEDDED_URI_VAR]: '' },
      })
      const seconds = Math.round((performance.now() - t) / 10) / 100
      const output = `${run.stdout}${run.stderr}`.trim()
      const summary = output.split('\n').pop() ?? ''
      say(`ledger:verify ${args.join(' ')}: ${summary} (wall ${seconds}s, load average before ${loadBefore})`)
      if (run.status !== 0) throw new Error(`ledger:verify ${args.join(' ')} exited ${run.status}:\n${output}`)
      return { seconds, summary, loadBefore }
    }

    const base = verify([])
    const store = await pool.query(`SELECT id FROM stores ORDER BY id LIMIT 1`)
    const cashier = await pool.query(`SELECT id FROM users WHERE email = 'cashier@bench.tally'`)
    const { rows: everyone } = await pool.query(`SELECT id FROM customers WHERE store_id = $1 ORDER BY random()`, [store.rows[0].id])
    const customers = everyone.map((row) => Number(row.id))
    let turn = 0
    const lines = (): FloorLine[] => [{ description: 'Haircut', quantity: 1, unitPrice: (200 + Math.floor(Math.random() * 1300)) * 100 }]
    const writes = await runFloor(db.uri, sameStatements, {
      concurrency: 8,
      seconds: DURATION,
      next: () => ({ storeId: Number(store.rows[0].id), customerId: customers[turn++ % customers.length]!, userId: Number(cashier.rows[0].id), items: lines() }),
    })
    say(`wrote ${writes.ok} checkouts in ${DURATION}s (${writes.errors} errors)`)
    const changed = verify(['--changed'])
    const full = verify([])
    const result = { scale: SCALE, base, checkouts: writes.ok, changed, full, loadAverageAtEnd: load() }
    mkdirSync(path.join(ROOT, 'bench', 'data'), { recursive: true })
    writeFileSync(path.join(ROOT, 'bench', 'data', `verify-${SCALE}.json`), `${JSON.stringify(result, null, 2)}\n`)
    say(`full ${full.seconds}s, --changed ${changed.seconds}s after ${writes.ok} checkouts; written bench/data/verify-${SCALE}.json`)
  } finally {
    await pool.end()
    await db.stop()
    if (!kept) rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:verify] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exitCode = 1
})
