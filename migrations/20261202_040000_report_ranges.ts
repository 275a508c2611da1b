import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 18 put the month's collection figures on the dashboard (src/services/collections.ts,
 * collectionSummary); with no index on the invoice days they read every invoice the store ever
 * issued (and the credit notes line of issue 15 every note), on every load. Hand-written, DDL
 * only; each index is the range one figure reads (calendar days are stored as noon UTC, so a
 * range of days is a range of stored values):
 * - invoices_store_falls_due_idx: what fell due this month, by the day an invoice falls due
 *   (its due date, else its issue date), posted invoices only (as the figure counts);
 * - invoices_store_issued_idx: what was billed over the last 90 days (DSO), by issue date;
 * - credit_notes_store_date_idx: the dashboard's credit notes of a period, by the instant issued.
 * The payments collected use transactions_store_date_cover_idx, and what is overdue the open
 * invoices of invoices_store_status_idx.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX invoices_store_falls_due_idx ON invoices (store_id, (coalesce(due_date, issue_date))) WHERE status NOT IN ('draft', 'void');
  CREATE INDEX invoices_store_issued_idx ON invoices (store_id, issue_date) WHERE status NOT IN ('draft', 'void');
  CREATE INDEX credit_notes_store_date_idx ON credit_notes (store_id, date);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS credit_notes_store_date_idx;
  DROP INDEX IF EXISTS invoices_store_issued_idx;
  DROP INDEX IF EXISTS invoices_store_falls_due_idx;
  `)
}
