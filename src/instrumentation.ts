/**
 * Runs once when the Next.js server starts. With TALLY_MIGRATE_ON_START=true (the container
 * image sets it) the server migrates the database before it serves: src/server/migrateOnStart.ts.
 * The import sits behind NEXT_RUNTIME so the Edge build never sees Node's APIs.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.TALLY_MIGRATE_ON_START === 'true') {
    const { migrateOnStart } = await import('./server/migrateOnStart')
    await migrateOnStart()
  }
}
