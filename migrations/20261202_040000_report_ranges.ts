import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 18 put the month's collection figures on the dashboard (src/services/collections.ts,
 * collectionSummary); with no index on the day an invoice falls due, "fell due this month" read
 * every invoice the store ever issued, on every load — and the dashboard's credit notes line
 * (issue 15) every note. Hand-written, DDL only; each index is the range one figure reads:
 * - invoices_store_falls_due_idx: what fell due this month, by the day an invoice falls due
 *   (its due date, else its issue date; calendar days are stored as noon UTC, so a range of
 *   days is a range of stored values), posted invoices only, as the figure counts them;
 * - credit_notes_store_date_idx: the dashboard's credit notes of a period, by the instant issued.
 * The other figures have theirs: billed over 90 days invoices_store_issue_date_idx (issue 17),
 * the payments collected transactions_store_date_cover_idx, what is overdue the open invoices
 * of invoices_store_status_idx.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX invoices_store_falls_due_idx ON invoices (store_id, (coalesce(due_date, issue_date))) WHERE status NOT IN ('draft', 'void');
  CREATE INDEX credit_notes_store_date_idx ON credit_notes (store_id, date);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS credit_notes_store_date_idx;
  DROP INDEX IF EXISTS invoices_store_falls_due_idx;
  `)
}
