/**
 * Runs once when the Next.js server starts. With TALLY_MIGRATE_ON_START=true (the container
 * image sets it: it has no tsx and no `npm start` wrapper) the standalone server applies the
 * pending migrations and the ledger's SQL itself before it serves, under the same advisory
 * lock as `npm start` (src/cli/prepareDatabase.ts), so several instances may start together.
 * Never seeds demo data. A failure stops the server with one line.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.TALLY_MIGRATE_ON_START !== 'true') return
  const { databaseConnection } = await import('./db/connection')
  const { prepareDatabase } = await import('./cli/prepareDatabase')
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
