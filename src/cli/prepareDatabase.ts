import { BasePayload, type Migration, type Payload } from 'payload'
import pg from 'pg'

import { SESSION_OPTIONS } from '@/db/connection'
import { applySqlObjects } from '@/ledger/sqlObjects'
import { seedDemo } from '@/seed/demo'

import { adoptBaseline } from './adoptBaseline'

/** Arbitrary, fixed key: app instances starting together take turns migrating. */
const MIGRATION_LOCK = 7_316_001

export interface PrepareOptions {
  uri: string
  seed: 'never' | 'if-empty' | 'always'
  log?: (line: string) => void
}

/**
 * Under an advisory lock (several app instances may start at once): applies the pending
 * migrations (DDL), then the ledger's SQL objects whose files changed (src/ledger/sql, see
 * src/ledger/sqlObjects.ts), and seeds the demo data when asked. Returns whether the demo
 * data was written.
 */
export async function prepareDatabase({ uri, seed, log = () => undefined }: PrepareOptions): Promise<{ seeded: boolean }> {
  const calendarRefresh = process.env.TALLY_CALENDAR_REFRESH
  const lockClient = new pg.Client({ connectionString: uri, options: SESSION_OPTIONS })
  await lockClient.connect()
  let payload: Payload | undefined
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    if ((await adoptBaseline(lockClient)) === 'adopted') log('the database predates the migration baseline: recorded it as migrated')
    const { default: config } = await import('@payload-config')
    const { migrations } = await import('../../migrations')
    process.env.TALLY_CALENDAR_REFRESH = 'off' // this short-lived instance only migrates and seeds (undone below: a server may run on)
    // A private instance (not getPayload's process-wide cache): it is destroyed below.
    payload = (await new BasePayload().init({ config })) as Payload
    // Generated migrations type their args precisely; Payload's list type takes `unknown`.
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    const sqlObjects = await applySqlObjects(lockClient)
    if (sqlObjects.applied.length + sqlObjects.removed.length > 0) {
      log(`ledger SQL: ${sqlObjects.applied.length} object(s) applied${sqlObjects.removed.length ? `, ${sqlObjects.removed.length} removed` : ''}`)
    }

    let seeded = false
    if (seed === 'always' || (seed === 'if-empty' && (await payload.count({ collection: 'stores', overrideAccess: true })).totalDocs === 0)) {
      log('Seeding demo data…')
      await seedDemo(payload, (line) => log(`  ${line}`))
      seeded = true
    }
    return { seeded }
  } finally {
    if (calendarRefresh === undefined) delete process.env.TALLY_CALENDAR_REFRESH
    else process.env.TALLY_CALENDAR_REFRESH = calendarRefresh
    await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined)
    await lockClient.end()
    // destroy() leaves one pooled connection checked out (Payload's reconnect watcher), so
    // pool.end() would wait forever; the CLI exits explicitly instead.
    await payload?.destroy()
  }
}
