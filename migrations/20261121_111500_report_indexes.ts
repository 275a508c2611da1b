import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Indexes the bench asked for (bench/README.md): the customers screen sorted by pending,
 * transactions of a store by date for the reports, and the newest invoices per status.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX customers_store_pending_idx ON customers (store_id, pending_balance DESC, id) WHERE deleted_at IS NULL;
  CREATE INDEX transactions_store_date_cover_idx ON transactions (store_id, date) INCLUDE (type, kind, amount);
  CREATE INDEX invoices_store_status_issue_idx ON invoices (store_id, status, issue_date DESC, id DESC);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS customers_store_pending_idx;
  DROP INDEX IF EXISTS transactions_store_date_cover_idx;
  DROP INDEX IF EXISTS invoices_store_status_issue_idx;
  `)
}
