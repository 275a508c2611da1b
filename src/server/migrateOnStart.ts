/**
 * The container image's start (TALLY_MIGRATE_ON_START=true; src/instrumentation.ts calls this
 * in the Node.js runtime only): the standalone server has no tsx and no `npm start` wrapper,
 * so it applies the pending migrations and the ledger's SQL itself before it serves, under
 * the same advisory lock as `npm start` (src/cli/prepareDatabase.ts) — several instances may
 * start together. Never seeds demo data. A failure stops the server with one line.
 */
import { prepareDatabase } from '@/cli/prepareDatabase'
import { databaseConnection } from '@/db/connection'

export async function migrateOnStart(): Promise<void> {
  const connection = databaseConnection()
  if (!connection) {
    console.error('[tally] TALLY_MIGRATE_ON_START is set but DATABASE_URI is not: set it to the PostgreSQL to run against')
    process.exit(1)
  }
  try {
    await prepareDatabase({ uri: connection.uri, seed: 'never', log: (line) => console.log(`[tally] ${line}`) })
    console.log('[tally] database schema and ledger SQL are current')
  } catch (error) {
    console.error(`[tally] could not prepare the database: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`)
    process.exit(1)
  }
}
