import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 19: `npm run ledger:verify -- --changed` re-checks only the customers whose rows changed
 * since the last clean run, so every run is recorded here (src/services/verifyRuns.ts).
 * `watermark` is the xmin of the run's first snapshot (pg_snapshot_xmin): every transaction
 * below it had ended before the run read anything, so a row whose xmin is at or after it was
 * written after, or while, that run looked. Not a Payload collection: only the CLI reads it.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE ledger_verify_runs (
    id serial PRIMARY KEY,
    mode text NOT NULL CHECK (mode IN ('full', 'changed')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    watermark xid8 NOT NULL,
    since_run_id integer REFERENCES ledger_verify_runs (id) ON DELETE SET NULL,
    customers_checked integer,
    customers_total integer,
    drifts integer,
    clean boolean
  );
  CREATE INDEX ledger_verify_runs_clean_idx ON ledger_verify_runs (id) WHERE clean;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TABLE IF EXISTS ledger_verify_runs;
  `)
}
