import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { todayIn } from '@/domain/dates'
import { notFound } from '@/domain/errors'
import { GSTR1_SECTIONS, gstr1Table } from '@/domain/gstr1'
import { currencyDigits } from '@/domain/money'
import { inTransaction, sql, type Db } from '@/ledger/db'
import { handler, parseWith, requireOwner } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { collectionSummary } from '@/services/collections'
import { toCsv } from '@/lib/csv'
import { agingReport } from '@/services/reports/aging'
import { dashboardReport, topOwing, type StoreRef } from '@/services/reports/dashboard'
import { reportPeriod } from '@/services/reports/period'
import { reconciliationReport } from '@/services/reports/reconciliation'
import { monthDays, taxReport } from '@/services/reports/tax'

const query = z.object({
  store: idParam,
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce
    .number({ error: () => 'must be a whole number from 1 to 1000' })
    .int()
    .min(1)
    .max(1000)
    .optional(),
  page: z.coerce
    .number({ error: () => 'must be a page number from 1' })
    .int()
    .min(1)
    .optional(),
})

/** Owners' reports: who may ask (403 for cashiers), for which store (404 for others'). */
async function storeFor<T extends z.ZodType<{ store: number }> = typeof query>(
  db: Db,
  req: PayloadRequest,
  schema: T = query as unknown as T,
): Promise<StoreRef & { params: z.infer<T> }> {
  requireOwner(req)
  const params = parseWith(schema, Object.fromEntries(new URL(req.url ?? 'http://x').searchParams))
  const { rows } = await db.execute(sql`SELECT id, timezone FROM stores WHERE id = ${params.store}`)
  if (!rows[0] || !mayUseStore(req, params.store)) throw notFound('store')
  return { id: params.store, timezone: String(rows[0].timezone), params }
}

const taxQuery = z.object({
  store: idParam,
  month: z.string().optional(),
  format: z.enum(['json', 'csv'], { error: () => 'must be json or csv' }).default('json'),
  section: z.enum(GSTR1_SECTIONS, { error: () => `must be one of ${GSTR1_SECTIONS.join(', ')}` }).default('summary'),
})

/**
 * GET /api/reports/tax?store&month=YYYY-MM[&format=csv&section=b2b] (SPEC §12, owners): the
 * month's tax (the store's current month by default); as CSV, one GSTR-1 table.
 */
const taxEndpoint: Endpoint = described(
  {
    path: '/reports/tax',
    method: 'get',
    handler: handler(async (req) =>
      inTransaction(req, async (db) => {
        const store = await storeFor(db, req, taxQuery)
        const month = store.params.month ?? todayIn(store.timezone).slice(0, 7)
        monthDays(month)
        const report = await taxReport(db, store, month)
        if (store.params.format === 'json') return Response.json(report)
        const table = gstr1Table(report, store.params.section, currencyDigits(report.store.currency))
        const filename = `${store.params.section}-${report.store.name}-${month}.csv`.replace(/[^\w.-]+/g, '-')
        return new Response(toCsv(table.rows, table.columns), {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` },
        })
      }),
    ),
  },
  {
    summary: "The month's GST (SPEC §12): summary, by rate, B2B, B2C, HSN/SAC, credit notes and net tax; format=csv&section=… gives one GSTR-1 table as CSV",
    who: 'owner',
    query: taxQuery,
    tag: 'reports',
  },
)

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
  report('aging', 'Aging buckets over every open invoice, and the customers who owe the most, `limit` a page', (db, store) =>
    agingReport(db, store, { limit: store.params.limit ?? 50, page: store.params.page ?? 1 }),
  ),
  taxEndpoint,
]
