import { BasePayload, type Migration, type Payload } from 'payload'
import pg from 'pg'

import { SESSION_OPTIONS } from '@/db/connection'
import { seedDemo } from '@/seed/demo'

/** Arbitrary, fixed key: app instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_316_001

export interface PrepareOptions {
  uri: string
  seed: 'never' | 'if-empty' | 'always'
  log?: (line: string) => void
}

/**
 * Applies pending migrations (under an advisory lock, so several app instances may start at
 * once) and seeds the demo data when asked. Returns whether the demo data was written.
 */
export async function prepareDatabase({ uri, seed, log = () => undefined }: PrepareOptions): Promise<{ seeded: boolean }> {
  const lockClient = new pg.Client({ connectionString: uri, options: SESSION_OPTIONS })
  await lockClient.connect()
  let payload: Payload | undefined
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    const { default: config } = await import('@payload-config')
    const { migrations } = await import('../../migrations')
    process.env.TALLY_CALENDAR_REFRESH = 'off' // this short-lived instance only migrates and seeds
    // A private instance (not getPayload's process-wide cache): it is destroyed below.
    payload = (await new BasePayload().init({ config })) as Payload
    // Generated migrations type their args precisely; Payload's list type takes `unknown`.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })

    let seeded = false
    if (seed === 'always' || (seed === 'if-empty' && (await payload.count({ collection: 'stores', overrideAccess: true })).totalDocs === 0)) {
      log('Seeding demo data…')
      await seedDemo(payload, (line) => log(`  ${line}`))
      seeded = true
    }
    return { seeded }
  } finally {
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    await lockClient.end()
    // destroy() leaves one pooled connection checked out (Payload's reconnect watcher), so
    // pool.end() would wait forever; the CLI exits explicitly instead.
    await payload?.destroy()
  }
}
