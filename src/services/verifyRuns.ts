/**
 * Issue 19: `ledger:verify` runs, recorded in ledger_verify_runs, and the incremental run
 * (`--changed`) that re-checks only the customers whose rows changed since the last clean run.
 *
 * A row's `xmin` is the transaction that wrote it, and any write (an insert, an update, a hand
 * edit in psql) gives the row a new one. Each run records a watermark, the xmin of its first
 * snapshot: every transaction below it had ended before the run read anything. So a row whose
 * xmin is at or after the last clean run's watermark was written after that run looked (or
 * while it looked), and every other row was seen, clean, by it. `age(xmin) <= age(watermark)`
 * compares the two on Postgres's 32-bit clock; Postgres keeps a frozen row's raw xmin, and a row
 * older than 2^31 transactions wraps to a small age — checked again, which is safe. A watermark
 * more than MAX_WATERMARK_AGE transactions old falls back to a full run, far before that wrap.
 *
 * The incremental run checks the customers such a row belongs to (through every table verify
 * reads: the customer, its invoices and their lines, transactions, allocations, deposits and
 * their uses, credit notes, unmatched payments, bookings, an invoice's asset), plus those whose
 * figures turn with the calendar (an invoice falling due, a rental starting or ending since the
 * last clean run), with the same SQL as the full run (verifyLedger with a scope). Store-wide
 * figures (daily totals, status totals, credit-note numbers, card statements, payables) are
 * re-checked in full. A changed store row (its time zone shifts every day) means a full run.
 * What it cannot see: a row deleted by hand (no row is left to carry an xmin; ledger rows
 * refuse deletion) and a row moved by hand from one customer to another (only the new one is
 * re-checked) — the full run, which needs no history, finds both.
 */
import { sql } from 'drizzle-orm'

import type { Db } from '@/ledger/db'

import { verifyLedger, type Drift, type VerifyOptions } from './verifyLedger'

/** Far below the 2^31 at which 32-bit xids wrap, and far above a busy day's transactions. */
export const MAX_WATERMARK_AGE = 1_000_000_000

/** Above this share of the customers, the incremental run is no cheaper: a full run instead. */
const FULL_RUN_SHARE = 0.5

export interface VerifyRun {
  id: number
  mode: 'full' | 'changed'
  /** The clean run the incremental one started from. */
  since?: { id: number; startedAt: Date }
  /** Why `--changed` ran in full. */
  fullBecause?: string
  customersChecked: number
  customersTotal: number
  /** The incremental run's customers (and customer-less transactions), by id. */
  scope?: { customers: number[]; transactions: number[] }
  drifts: Drift[]
  counts: Record<string, number>
}

interface RunOptions extends Pick<VerifyOptions, 'parallel' | 'timings'> {
  /** Re-check only what changed since the last clean run (falls back to a full run when it cannot). */
  changed?: boolean
  /** A base run older than this many transactions means a full run (MAX_WATERMARK_AGE; tests lower it). */
  maxWatermarkAge?: number
}

/** `age(column) <= age(watermark)`: written at or after the watermark (a 64-bit xid, as text). */
const fresh = (column: string, watermark: string) => sql`age(${sql.raw(column)}) <= age((${watermark}::numeric % 4294967296)::text::xid)`

/** Customers (and customer-less transactions) with a row written at or after `watermark`, or whose figures turn with the calendar since `since`. */
export async function changedSince(db: Db, watermark: string, since: Date): Promise<{ customers: number[]; transactions: number[] }> {
  const f = (column: string) => fresh(column, watermark)
  const { rows } = await db.execute(sql`
    SELECT array(
      SELECT DISTINCT customer_id FROM (
        SELECT id AS customer_id FROM customers WHERE ${f('xmin')}
        UNION ALL SELECT customer_id FROM invoices WHERE ${f('xmin')}
        UNION ALL SELECT i.customer_id FROM invoices_items it JOIN invoices i ON i.id = it._parent_id WHERE ${f('it.xmin')}
        UNION ALL SELECT unnest(ARRAY[t.customer_id, a.customer_id, i.customer_id]) FROM transactions t
                  LEFT JOIN advance_payments a ON a.id = t.advance_payment_id LEFT JOIN invoices i ON i.id = t.invoice_id WHERE ${f('t.xmin')}
        UNION ALL SELECT unnest(ARRAY[t.customer_id, i.customer_id]) FROM allocations x
                  LEFT JOIN transactions t ON t.id = x.transaction_id LEFT JOIN invoices i ON i.id = x.invoice_id WHERE ${f('x.xmin')}
        UNION ALL SELECT unnest(ARRAY[a.customer_id, i.customer_id]) FROM advance_utilizations u
                  LEFT JOIN advance_payments a ON a.id = u.advance_payment_id LEFT JOIN invoices i ON i.id = u.invoice_id WHERE ${f('u.xmin')}
        UNION ALL SELECT unnest(ARRAY[a.customer_id, t.customer_id]) FROM advance_payments a
                  LEFT JOIN transactions t ON t.id = a.from_payment_id WHERE ${f('a.xmin')}
        UNION ALL SELECT unnest(ARRAY[n.customer_id, i.customer_id]) FROM credit_notes n LEFT JOIN invoices i ON i.id = n.invoice_id WHERE ${f('n.xmin')}
        UNION ALL SELECT unnest(ARRAY[u.customer_id, t.customer_id]) FROM unmatched_payments u
                  LEFT JOIN transactions t ON t.id = u.transaction_id WHERE ${f('u.xmin')}
        UNION ALL SELECT customer_id FROM bookings WHERE ${f('xmin')}
        UNION ALL SELECT i.customer_id FROM assets x JOIN invoices i ON i.asset_id = x.id WHERE ${f('x.xmin')}
        -- the calendar, in each store's days (as verify counts them): an open invoice whose due day has passed since, a
        -- rental that started or ended since
        UNION ALL SELECT i.customer_id FROM invoices i JOIN (
                    SELECT id, to_char(${since.toISOString()}::timestamptz AT TIME ZONE timezone, 'YYYY-MM-DD') AS since, to_char(now() AT TIME ZONE timezone, 'YYYY-MM-DD') AS today
                      FROM stores) s ON s.id = i.store_id AND s.since < s.today
                   WHERE (i.status IN ('open', 'partial') AND to_char(i.due_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') >= s.since AND to_char(i.due_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') < s.today)
                      OR (i.kind = 'timesheet' AND i.status NOT IN ('draft', 'void')
                          AND (to_char(i.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') > s.since AND to_char(i.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') <= s.today
                               OR to_char(i.period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD') >= s.since AND to_char(i.period_end AT TIME ZONE 'UTC', 'YYYY-MM-DD') < s.today))
      ) changed WHERE customer_id IS NOT NULL ORDER BY 1) AS customers,
      array(SELECT id FROM transactions WHERE customer_id IS NULL AND ${f('xmin')} ORDER BY 1) AS transactions`)
  const ids = (value: unknown) => (value as (number | string)[]).map(Number)
  return { customers: ids(rows[0]?.customers), transactions: ids(rows[0]?.transactions) }
}

/**
 * One `ledger:verify` run, recorded: full, or (`changed`) only what changed since the last
 * clean run. A run is a base for the next `--changed` only when it finished clean.
 */
export async function runVerify(db: Db, options: RunOptions = {}): Promise<VerifyRun> {
  // The watermark first, before anything is read; the run row is written in its own statement.
  const {
    rows: [started],
  } = await db.execute(sql`
    INSERT INTO ledger_verify_runs (mode, watermark) VALUES ('full', pg_snapshot_xmin(pg_current_snapshot()))
    RETURNING id, watermark::text AS watermark, (SELECT count(*) FROM customers)::int AS customers`)
  const id = Number(started!.id)
  const customersTotal = Number(started!.customers)
  let since: VerifyRun['since']
  let fullBecause: string | undefined
  let scope: VerifyRun['scope']
  if (options.changed) {
    const {
      rows: [base],
    } = await db.execute(sql`
      SELECT r.id, r.started_at, r.watermark::text AS watermark,
             ${started!.watermark}::numeric - r.watermark::text::numeric AS age
        FROM ledger_verify_runs r WHERE r.clean AND r.id < ${id} ORDER BY r.id DESC LIMIT 1`)
    fullBecause = 'no earlier clean run'
    if (base) {
      since = { id: Number(base.id), startedAt: new Date(String(base.started_at)) }
      const { rows: storeRows } = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM stores WHERE ${fresh('xmin', String(base.watermark))}) AS changed`)
      const maxAge = options.maxWatermarkAge ?? MAX_WATERMARK_AGE
      if (Number(base.age) > maxAge) fullBecause = `run #${since.id} is more than ${maxAge} transactions old`
      else if (storeRows[0]?.changed) fullBecause = `a store changed since run #${since.id}`
      else {
        const changed = await changedSince(db, String(base.watermark), since.startedAt)
        if (changed.customers.length > customersTotal * FULL_RUN_SHARE) {
          fullBecause = `${changed.customers.length} of ${customersTotal} customers changed since run #${since.id}`
        } else {
          fullBecause = undefined
          scope = changed
        }
      }
    }
  }
  const mode = scope ? 'changed' : 'full'
  const { drifts, counts } = await verifyLedger(db, { scope, parallel: options.parallel, timings: options.timings })
  const customersChecked = scope ? scope.customers.length : customersTotal
  await db.execute(sql`
    UPDATE ledger_verify_runs SET mode = ${mode}, since_run_id = ${scope ? since!.id : null}, finished_at = clock_timestamp(),
           customers_checked = ${customersChecked}, customers_total = ${customersTotal}, drifts = ${drifts.length}, clean = ${drifts.length === 0}
     WHERE id = ${id}`)
  return { id, mode, since: scope ? since : undefined, fullBecause: options.changed ? fullBecause : undefined, customersChecked, customersTotal, scope, drifts, counts }
}
