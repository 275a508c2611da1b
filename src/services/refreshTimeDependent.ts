import type { Payload } from 'payload'

import { sql, type Db } from './db'

/**
 * Two derived values change with the calendar, not with the ledger: an invoice becomes
 * `overdue` the day after its due date, and a timesheet stops being an active rental when
 * its period ends. Recompute those from the figures views (only rows that changed). The
 * same hourly pass folds the report summaries' per-connection rows together.
 */
export async function refreshTimeDependent(db: Db): Promise<{ invoices: number; customers: number; summaryRowsFolded: number }> {
  const invoices = await db.execute(sql`
    UPDATE invoices i SET status = f.status::enum_invoices_status
      FROM invoice_figures f
     WHERE f.id = i.id AND i.status IN ('open', 'partial', 'overdue') AND i.status::text <> f.status`)
  const customers = await db.execute(sql`
    UPDATE customers c SET active_rentals = f.active_rentals
      FROM customer_figures f
     WHERE f.id = c.id AND c.services_count > 0 AND c.active_rentals <> f.active_rentals`)
  const statements = await db.execute(sql`
    UPDATE credit_card_invoices s SET status = f.status::enum_credit_card_invoices_status
      FROM statement_figures f WHERE f.id = s.id AND s.status::text <> f.status`)
  const payables = await db.execute(sql`
    UPDATE payment_statuses p SET status = f.status::enum_payment_statuses_status
      FROM payable_figures f WHERE f.id = p.id AND p.status::text <> f.status`)
  // The report summaries' per-connection rows folded into one per day / status.
  const { rows } = await db.execute(sql`SELECT tally_compact_report_totals() AS folded`)
  return {
    invoices: (invoices.rowCount ?? 0) + (statements.rowCount ?? 0) + (payables.rowCount ?? 0),
    customers: customers.rowCount ?? 0,
    summaryRowsFolded: Number(rows[0]?.folded ?? 0),
  }
}

const HOUR = 60 * 60 * 1000

/** Runs the refresh now and then hourly in this server process. */
export function scheduleTimeDependentRefresh(payload: Payload): void {
  const run = async () => {
    try {
      const changed = await refreshTimeDependent(payload.db.drizzle as unknown as Db)
      if (changed.invoices || changed.customers) payload.logger.info(`calendar refresh: ${changed.invoices} invoice status(es), ${changed.customers} customer(s) updated`)
    } catch (error) {
      payload.logger.warn(`calendar refresh failed (retried next hour): ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  void run()
  setInterval(() => void run(), HOUR).unref()
}
