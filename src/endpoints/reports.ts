import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { inTransaction, sql, type Db } from '@/ledger/db'
import { handler, parseWith, requireOwner } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { collectionSummary } from '@/services/collections'
import { agingReport } from '@/services/reports/aging'
import { dashboardReport, topOwing, type StoreRef } from '@/services/reports/dashboard'
import { reportPeriod } from '@/services/reports/period'
import { reconciliationReport } from '@/services/reports/reconciliation'

const query = z.object({
  store: idParam,
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number({ error: () => 'must be a whole number from 1 to 1000' }).int().min(1).max(1000).optional(),
  page: z.coerce.number({ error: () => 'must be a page number from 1' }).int().min(1).optional(),
})

/** Owners' reports: who may ask (403 for cashiers), for which store (404 for others'). */
async function storeFor(db: Db, req: PayloadRequest): Promise<StoreRef & { params: z.infer<typeof query> }> {
  requireOwner(req)
  const params = parseWith(query, Object.fromEntries(new URL(req.url ?? 'http://x').searchParams))
  const { rows } = await db.execute(sql`SELECT id, timezone FROM stores WHERE id = ${params.store}`)
  if (!rows[0] || !mayUseStore(req, params.store)) throw notFound('store')
  return { id: params.store, timezone: String(rows[0].timezone), params }
}

const report = (path: string, summary: string, run: (db: Db, store: StoreRef & { params: z.infer<typeof query> }) => Promise<unknown>): Endpoint =>
  described(
    {
      path: `/reports/${path}`,
      method: 'get',
      handler: handler(async (req) => Response.json(await inTransaction(req, async (db) => run(db, await storeFor(db, req))))),
    },
    { summary, who: 'owner', query, tag: 'reports' },
  )

export const reportEndpoints: Endpoint[] = [
  report('dashboard', "The owner's dashboard of a period (`from`, `to`: store days): daily totals, statuses, the customers who owe most", async (db, store) => {
    const { from, to } = reportPeriod(store.timezone, store.params.from, store.params.to)
    // SPEC §11 / issue 18: this month's collections (fell due vs collected) and DSO, as of today.
    return { ...(await dashboardReport(db, store, from, to)), topOwing: await topOwing(db, store.id), collections: await collectionSummary(db, store) }
  }),
  report('reconciliation', 'Reconciliation of a period: payments no invoice took, and what they could match', async (db, store) => {
    const { from, to } = reportPeriod(store.timezone, store.params.from, store.params.to, 3)
    return reconciliationReport(db, store, from, to)
  }),
  // The customers who owe the most, 50 a page by default; the buckets cover everyone.
  report('aging', 'Aging buckets over every open invoice, and the customers who owe the most, `limit` a page', (db, store) => agingReport(db, store, { limit: store.params.limit ?? 50, page: store.params.page ?? 1 })),
]
