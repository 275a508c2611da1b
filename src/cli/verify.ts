/**
 * `npm run ledger:verify`: recompute every derived field from the ledger and print each
 * drift; exit 1 on any. Uses DATABASE_URI, or the embedded database under ./.data.
 * `-- --changed` re-checks only what changed since the last clean run (src/services/verifyRuns.ts).
 */
import path from 'node:path'

import pg from 'pg'

import { SESSION_OPTIONS } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { runningPostmasterPid } from '@/db/runningPostmasterPid'
import { ConfigError, dataDir, readEnv } from '@/env'

import { embeddedPassword } from './embeddedPassword'

const USAGE = `usage: npm run ledger:verify [-- --changed] [-- --timings]

Recomputes every derived field from the raw ledger rows and prints each drift; exit 1 on any
drift, 2 when it cannot run. Each run is recorded in ledger_verify_runs.

  (no option)  the full run: every customer, invoice, deposit, transaction and store figure
  --changed    only the customers with a row written since the last clean run (and whose
               figures turn with the calendar since), plus the store-wide figures in full;
               runs in full when there is no clean run yet, it is too old, or a store changed
  --timings    also print each check's time
  --help       this text`

async function main() {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE)
    return
  }
  const unknown = args.filter((arg) => !['--changed', '--timings'].includes(arg))
  if (unknown.length > 0) {
    console.error(`ledger:verify: unknown option ${unknown.join(' ')}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  const env = readEnv()
  let embedded: EmbeddedPostgres | undefined
  let uri = env.DATABASE_URI ?? process.env.TALLY_EMBEDDED_DATABASE_URI
  if (!uri) {
    const dir = path.join(dataDir(env), 'pg')
    if (runningPostmasterPid(dir)) {
      throw new ConfigError('the embedded database is in use by a running Tally; stop it first or set DATABASE_URI')
    }
    embedded = await startEmbeddedPostgres({ dataDir: dir, password: embeddedPassword(env) })
    uri = embedded.uri
  }
  const started = Date.now()
  const { drizzle } = await import('drizzle-orm/node-postgres')
  // Two connections, two checks at once (the machine's cores); sorts and hashes of a large store stay in memory.
  const pool = new pg.Pool({ connectionString: uri, max: 2, options: `${SESSION_OPTIONS} -c work_mem=128MB` })
  // An idle client whose server is stopped (the embedded one, at the end) emits 'error'; the
  // answer is already printed, so it must not crash the process into a stack trace.
  pool.on('error', () => undefined)
  try {
    const { runVerify } = await import('@/services/verifyRuns')
    const { STORE_WIDE } = await import('@/services/verifyLedger')
    const db = drizzle({ client: pool })
    const timings: { check: number; entity: string; ms: number }[] = []
    const run = await runVerify(db as never, { changed: args.includes('--changed'), parallel: 2, timings })
    const { drifts, counts } = run
    for (const drift of drifts) {
      console.log(`DRIFT ${drift.entity} #${drift.id} ${drift.field}: stored ${drift.stored ?? 'null'}, recomputed ${drift.recomputed ?? 'null'}`)
    }
    if (args.includes('--timings')) {
      for (const timing of timings) console.log(`  check ${timing.check} (${timing.entity}): ${timing.ms} ms`)
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(2)
    const verdict = drifts.length === 0 ? 'clean' : `${drifts.length} drift(s)`
    if (run.mode === 'changed' && run.since) {
      console.log(
        `ledger:verify: ${verdict} — run #${run.id}: checked ${run.customersChecked} of ${run.customersTotal} customers changed since run #${run.since.id} (${run.since.startedAt.toISOString()}), and the store-wide figures in full (${STORE_WIDE.join(', ')}), in ${seconds}s`,
      )
    } else {
      if (run.fullBecause) console.log(`ledger:verify --changed: a full run instead: ${run.fullBecause}`)
      const scope = Object.entries(counts)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ')
      console.log(`ledger:verify: ${verdict} — run #${run.id} (full): checked ${scope} in ${seconds}s`)
    }
    process.exitCode = drifts.length === 0 ? 0 : 1
  } finally {
    await pool.end()
    await embedded?.stop()
  }
}

main().catch((error: unknown) => {
  console.error(`[tally] ledger:verify failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 2
})
