import type { Payload } from 'payload'

import { staleSqlObjects } from './sqlObjects'

/**
 * At server start: says loudly when the database does not run this build's ledger SQL
 * (a server started without `npm start` / `npm run dev`, which apply src/ledger/sql).
 * Skipped while the schema is not migrated yet: the start that migrates applies it next.
 */
export function warnOfStaleSql(payload: Payload): void {
  void (async () => {
    try {
      const { rows } = await payload.db.pool.query(`SELECT to_regclass('payload_migrations') IS NOT NULL AS migrated`)
      if (!rows[0]?.migrated) return
      const stale = await staleSqlObjects(payload.db.pool)
      if (stale.length > 0) {
        payload.logger.error(
          `the database does not run this build's ledger SQL (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', …' : ''}): start through \`npm start\`, which applies src/ledger/sql`,
        )
      }
    } catch (error) {
      payload.logger.error(`could not check the ledger SQL: ${error instanceof Error ? error.message : String(error)}`)
    }
  })()
}
