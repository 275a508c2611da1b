import { sql } from '@payloadcms/db-postgres'
import type { Endpoint } from 'payload'
import { z } from 'zod'

import { databaseMode } from '@/db/connection'
import { staleSqlObjects } from '@/ledger/sqlObjects'
import { described } from '@/lib/openapi/describe'
import { appVersion } from '@/version'

/**
 * GET /api/health — liveness plus a round trip to the database; `ledgerSql` says whether
 * the database runs this build's ledger SQL (src/ledger/sql), `stale` when a file changed
 * and the start that applies it (npm start / dev) has not run.
 */
export const health: Endpoint = described(
  {
    path: '/health',
    method: 'get',
    handler: async (req) => {
      const db = databaseMode()
      try {
        await req.payload.db.drizzle.execute(sql`select 1`)
        const stale = await staleSqlObjects(req.payload.db.pool)
        return Response.json({ ok: true, db, version: appVersion, ledgerSql: stale.length === 0 ? 'current' : 'stale' })
      } catch (error) {
        req.payload.logger.error({ err: error, msg: 'health check: database unreachable' })
        return Response.json({ ok: false, db, version: appVersion }, { status: 503 })
      }
    },
  },
  {
    summary: "Liveness and a round trip to the database; `ledgerSql` says whether the database runs this build's ledger SQL",
    who: 'public',
    tag: 'health',
    response: z.object({ ok: z.literal(true), db: z.enum(['embedded', 'external']), version: z.string(), ledgerSql: z.enum(['current', 'stale']) }),
    errors: { 503: 'The database cannot be reached: `{ok: false, db, version}`.' },
  },
)
