import { AGING_BUCKETS, emptyBuckets, type AgingBucket } from '@/domain/aging'

import { sql, toMinor, type Db } from '../db'
import type { StoreRef } from './dashboard'

/**
 * Receivables by days past due (due date, or issue date when there is none), per customer
 * and in total — bucketed in SQL so it stays one pass over the open invoices.
 */
export async function agingReport(db: Db, store: StoreRef) {
  const { rows } = await db.execute(sql`
    WITH open AS (
      SELECT i.customer_id, i.amount_due,
             ((now() AT TIME ZONE ${store.timezone})::date - (coalesce(i.due_date, i.issue_date) AT TIME ZONE 'UTC')::date) AS late
        FROM invoices i
       WHERE i.store_id = ${store.id} AND i.status IN ('open', 'partial', 'overdue') AND i.amount_due > 0
    )
    SELECT o.customer_id, c.name, c.phone,
           sum(amount_due) FILTER (WHERE late <= 0) AS current,
           sum(amount_due) FILTER (WHERE late BETWEEN 1 AND 30) AS d1_30,
           sum(amount_due) FILTER (WHERE late BETWEEN 31 AND 60) AS d31_60,
           sum(amount_due) FILTER (WHERE late BETWEEN 61 AND 90) AS d61_90,
           sum(amount_due) FILTER (WHERE late > 90) AS d90plus,
           sum(amount_due) AS total
      FROM open o JOIN customers c ON c.id = o.customer_id
     GROUP BY o.customer_id, c.name, c.phone
     ORDER BY total DESC, o.customer_id`)
  const buckets = emptyBuckets()
  const customers = rows.map((row) => {
    const line = { customer: Number(row.customer_id), name: String(row.name), phone: String(row.phone), ...emptyBuckets(), total: toMinor(row.total) }
    for (const bucket of AGING_BUCKETS) {
      const amount = toMinor(row[bucket] ?? 0)
      line[bucket as AgingBucket] = amount
      buckets[bucket] += amount
    }
    return line
  })
  return { buckets, total: AGING_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0), customers }
}
