import { AGING_BUCKETS, AGING_LIMITS, emptyBuckets, type AgingBucket } from '@/domain/aging'
import { heldMoney } from '@/domain/held'
import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import { sql, sqlList, toMinor, toSum, type Db, type SQL } from '@/ledger/db'

import type { StoreRef } from './dashboard'

export interface AgingPage {
  /** Customers per page; null lists every customer who owes (CSV export), 0 none (totals only). */
  limit: number | null
  page: number
}

/** Σ amount due of one bucket: days past due (`late`) above the previous bucket's limit, up to its own. */
function bucketSum(limit: (typeof AGING_LIMITS)[number], index: number): SQL {
  const after = index === 0 ? null : AGING_LIMITS[index - 1]!.upTo
  const conditions = [after === null ? null : sql`late > ${after}`, limit.upTo === null ? null : sql`late <= ${limit.upTo}`].filter((part) => part !== null)
  return sql`sum(amount_due) FILTER (WHERE ${sql.join(conditions, sql` AND `)}) AS ${sql.identifier(limit.bucket)}`
}

/**
 * Receivables by days past due (due date, or issue date when there is none): the totals
 * per bucket over every open invoice, and the customers who owe the most, one page at a
 * time — both bucketed in SQL, so the answer stays small however many customers owe.
 */
export async function agingReport(db: Db, store: StoreRef, paging: AgingPage = { limit: null, page: 1 }) {
  const open = sql`
    SELECT i.customer_id, i.amount_due,
           ((now() AT TIME ZONE ${store.timezone})::date - (coalesce(i.due_date, i.issue_date) AT TIME ZONE 'UTC')::date) AS late
      FROM invoices i
     WHERE i.store_id = ${store.id} AND i.status IN (${sqlList(OPEN_INVOICE_STATUSES)}) AND i.amount_due > 0`
  // The buckets' bounds are AGING_LIMITS (domain/aging.ts), never restated here.
  const bucketed = sql`${sql.join(AGING_LIMITS.map(bucketSum), sql`, `)}, sum(amount_due) AS total`
  // One pass: per customer, then the page — the window sums see every customer before
  // LIMIT applies. A page past the end (or limit 0) has no row to carry them: ask again.
  const window = paging.limit === null ? sql`` : sql`LIMIT ${paging.limit} OFFSET ${(paging.page - 1) * paging.limit}`
  const pageQuery = sql`
    WITH open AS (${open}), owed AS (
      SELECT customer_id, ${bucketed} FROM open GROUP BY customer_id
    ), page AS (
      SELECT owed.*, count(*) OVER () AS all_customers,
             ${sql.join(
               AGING_BUCKETS.map((bucket) => sql`sum(${sql.identifier(bucket)}) OVER () AS ${sql.identifier(`all_${bucket}`)}`),
               sql`, `,
             )},
             sum(total) OVER () AS all_total
        FROM owed ORDER BY total DESC, customer_id ${window}
    )
    SELECT page.*, c.name, c.phone, c.advance_balance, c.unmatched_credit FROM page JOIN customers c ON c.id = page.customer_id
     ORDER BY page.total DESC, page.customer_id`
  const rows = paging.limit === 0 ? [] : (await db.execute(pageQuery)).rows
  const totals =
    rows.length > 0
      ? [Object.fromEntries(['customers', ...AGING_BUCKETS, 'total'].map((key) => [key, rows[0]![`all_${key}`]]))]
      : (await db.execute(sql`WITH open AS (${open}) SELECT ${bucketed}, count(DISTINCT customer_id) AS customers FROM open`)).rows
  const buckets = emptyBuckets()
  for (const bucket of AGING_BUCKETS) buckets[bucket] = toSum(totals[0]?.[bucket] ?? 0, `buckets.${bucket}`)
  const customers = rows.map((row) => {
    const total = toSum(row.total, 'customers.total')
    // SPEC §9a: what the shop already holds for them, netted (net ≤ 0: apply it, do not chase).
    const { held, net } = heldMoney({ pendingBalance: total, advanceBalance: toMinor(row.advance_balance), unmatchedCredit: toMinor(row.unmatched_credit) })
    const line = { customer: Number(row.customer_id), name: String(row.name), phone: String(row.phone), ...emptyBuckets(), total, held, net }
    for (const bucket of AGING_BUCKETS) line[bucket as AgingBucket] = toSum(row[bucket] ?? 0, `customers.${bucket}`)
    return line
  })
  const totalCustomers = Number(totals[0]?.customers ?? 0)
  return {
    buckets,
    total: toSum(totals[0]?.total ?? 0, 'total'),
    customers,
    totalCustomers,
    page: paging.page,
    limit: paging.limit,
    totalPages: paging.limit ? Math.max(1, Math.ceil(totalCustomers / paging.limit)) : 1,
  }
}
