/**
 * Derived fields (balances, amounts due, statuses) re-derived from the ledger rows through
 * the *_figures views (src/ledger/sql/views), after every write and hourly for what changes
 * with the calendar. A stored figure is never computed anywhere else.
 */
import { notFound } from '@/domain/errors'
import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'

import { sql, sqlList, toMinor, type Db } from './db'

export async function refreshInvoice(db: Db, invoiceId: number): Promise<void> {
  await db.execute(sql`
    UPDATE invoices i SET amount_paid = f.amount_paid, credited_amount = f.credited_amount, written_off = f.written_off,
                          amount_due = f.amount_due, status = f.status::enum_invoices_status
      FROM invoice_figures f WHERE f.id = i.id AND i.id = ${invoiceId}`)
}

/**
 * After any money operation on a customer: its invoices (in id order), its deposits, then
 * the customer's own figures, in one round trip (tally_refresh_customer_ledger).
 */
export async function refreshCustomerLedger(db: Db, customerId: number, invoiceIds: number[]) {
  const ids = [...new Set(invoiceIds)]
  const { rows } = await db.execute(sql`
    SELECT pending_balance, advance_balance, unmatched_credit
      FROM tally_refresh_customer_ledger(${customerId}, ARRAY[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::integer[])`)
  const row = rows[0]
  if (!row) throw notFound('customer')
  return { pendingBalance: toMinor(row.pending_balance), advanceBalance: toMinor(row.advance_balance), unmatchedCredit: toMinor(row.unmatched_credit) }
}

/** A card statement's figures, and those of the payable it became. */
export async function refreshStatement(db: Db, statementId: number): Promise<void> {
  await db.execute(sql`
    UPDATE credit_card_invoices s
       SET total_amount = f.total_amount, purchases_count = f.purchases_count, billing_period_days = f.billing_period_days,
           amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_credit_card_invoices_status
      FROM statement_figures f WHERE f.id = s.id AND s.id = ${statementId}`)
  await db.execute(sql`
    UPDATE payment_statuses p
       SET expected_amount = f.expected_amount, amount_paid = f.amount_paid, status = f.status::enum_payment_statuses_status
      FROM payable_figures f WHERE f.id = p.id AND p.credit_card_invoice_id = ${statementId}`)
}

export async function refreshPayable(db: Db, payableId: number): Promise<void> {
  await db.execute(sql`
    UPDATE payment_statuses p
       SET expected_amount = f.expected_amount, amount_paid = f.amount_paid, status = f.status::enum_payment_statuses_status
      FROM payable_figures f WHERE f.id = p.id AND p.id = ${payableId}`)
}

/** After an expense row exists: its statement and payables take it into account. */
export async function refreshOwnerFigures(db: Db, transactionId: number) {
  const { rows } = await db.execute(sql`SELECT credit_card_invoice_id, payment_status_id FROM transactions WHERE id = ${transactionId}`)
  const row = rows[0]
  if (row?.credit_card_invoice_id) await refreshStatement(db, Number(row.credit_card_invoice_id))
  if (row?.payment_status_id) await refreshPayable(db, Number(row.payment_status_id))
}

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
     WHERE f.id = i.id AND i.status IN (${sqlList(OPEN_INVOICE_STATUSES)}) AND i.status::text <> f.status`)
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
