import { sql } from '@payloadcms/db-postgres'
import type { Endpoint } from 'payload'

import { databaseMode } from '@/db/connection'
import { appVersion } from '@/version'

/** GET /api/health — liveness plus a round trip to the database. */
export const health: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const db = databaseMode()
    try {
      await req.payload.db.drizzle.execute(sql`select 1`)
      return Response.json({ ok: true, db, version: appVersion })
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'health check: database unreachable' })
      return Response.json({ ok: false, db, version: appVersion }, { status: 503 })
    }
  },
}
