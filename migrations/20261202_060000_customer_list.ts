import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 19: the customers screen at scale. Each sort of the screen (src/services/customerList.ts)
 * reads its page from an index in that order, the store's customers not in the trash, `id` the
 * tiebreak; "pending" already has customers_store_pending_idx (the bench's 20261121 indexes).
 * Without them a sort by name, last visit or total paid read and sorted every customer of the
 * store on each page. Hand-written, DDL only.
 *
 * CONCURRENTLY: not possible here — Payload runs each migration inside a transaction
 * (@payloadcms/drizzle migrate.js: initTransaction … commitTransaction), and Postgres refuses
 * CREATE INDEX CONCURRENTLY in a transaction block. A plain CREATE INDEX blocks writes to
 * customers while it builds (well under a second for 100,000 customers; the bench's scale 5).
 * On a database too big for that pause, create the same indexes by hand first with
 * CREATE INDEX CONCURRENTLY under the same names: IF NOT EXISTS makes this migration a no-op.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE INDEX IF NOT EXISTS customers_store_name_idx ON customers (store_id, name, id) WHERE deleted_at IS NULL;
  CREATE INDEX IF NOT EXISTS customers_store_recent_idx ON customers (store_id, last_visit_at DESC NULLS LAST, id) WHERE deleted_at IS NULL;
  CREATE INDEX IF NOT EXISTS customers_store_spent_idx ON customers (store_id, total_paid DESC, id) WHERE deleted_at IS NULL;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS customers_store_spent_idx;
  DROP INDEX IF EXISTS customers_store_recent_idx;
  DROP INDEX IF EXISTS customers_store_name_idx;
  `)
}
