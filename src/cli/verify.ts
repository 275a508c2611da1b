/**
 * `npm run ledger:verify`: recompute every derived field from the ledger and print each
 * drift; exit 1 on any. Uses DATABASE_URI, or the embedded database under ./.data.
 */
import path from 'node:path'

import pg from 'pg'

import { SESSION_OPTIONS } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { runningPostmasterPid } from '@/db/runningPostmasterPid'
import { ConfigError, dataDir, readEnv } from '@/env'

import { embeddedPassword } from './embeddedPassword'

async function main() {
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
  const pool = new pg.Pool({ connectionString: uri, max: 2, options: SESSION_OPTIONS })
  // An idle client whose server is stopped (the embedded one, at the end) emits 'error'; the
  // answer is already printed, so it must not crash the process into a stack trace.
  pool.on('error', () => undefined)
  try {
    const { verifyLedger } = await import('@/services/verifyLedger')
    const db = drizzle({ client: pool })
    const { drifts, counts } = await verifyLedger(db as never)
    for (const drift of drifts) {
      console.log(`DRIFT ${drift.entity} #${drift.id} ${drift.field}: stored ${drift.stored ?? 'null'}, recomputed ${drift.recomputed ?? 'null'}`)
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(2)
    const scope = Object.entries(counts)
      .map(([name, count]) => `${count} ${name}`)
      .join(', ')
    console.log(`ledger:verify: ${drifts.length === 0 ? 'clean' : `${drifts.length} drift(s)`} — checked ${scope} in ${seconds}s`)
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
