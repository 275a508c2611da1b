import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * A store's transaction references are unique: a PAY- number is handed out once, and a
 * reference typed by a person (a UTR, a cheque number) names one ledger row. Fails on a
 * database that already holds duplicates — say which, so they can be corrected first.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  DO $$
  DECLARE
    v_duplicate record;
  BEGIN
    SELECT store_id, reference, count(*) AS n INTO v_duplicate
      FROM transactions WHERE reference IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'store % has % transactions with the reference %: give them distinct references before migrating',
        v_duplicate.store_id, v_duplicate.n, v_duplicate.reference;
    END IF;
  END $$;
  CREATE UNIQUE INDEX transactions_store_reference_key ON transactions (store_id, reference);
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP INDEX IF EXISTS transactions_store_reference_key;`)
}
