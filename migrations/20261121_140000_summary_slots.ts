import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * The report summaries (ledger_daily_totals, invoice_status_totals) without shared rows:
 * each database backend writes its own rows (slot = pg_backend_pid()), so no two open
 * transactions ever lock the same summary row. With `pg_backend_pid() % 8`, two
 * connections could share a slot and, since a summary row is locked before the store's
 * numbering rows in one path (a draft bill inserted, then its number) and after them in
 * another (posting a draft), wait on each other in a cycle.
 *
 * `tally_compact_report_totals()` (hourly, with the calendar refresh) folds the per-backend
 * rows into slot 0. It takes only rows no open transaction holds (SKIP LOCKED), so it never
 * waits on the app; one compactor or time-zone rebuild at a time (advisory lock).
 *
 * Also: TRUNCATE of a ledger table is refused like UPDATE and DELETE are.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE ledger_daily_totals ALTER COLUMN slot TYPE integer;
  ALTER TABLE invoice_status_totals ALTER COLUMN slot TYPE integer;

  CREATE OR REPLACE FUNCTION tally_daily_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO ledger_daily_totals AS d (store_id, day, slot, income, advance_refunds, expenses, money_out)
    SELECT n.store_id, (n.date AT TIME ZONE s.timezone)::date, pg_backend_pid(),
           coalesce(sum(n.amount) FILTER (WHERE n.type = 'income'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.kind = 'advance_refund'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.kind = 'expense'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.type = 'expense'), 0)
      FROM new_rows n JOIN stores s ON s.id = n.store_id
     GROUP BY 1, 2
     ORDER BY 1, 2
    ON CONFLICT (store_id, day, slot) DO UPDATE
       SET income = d.income + EXCLUDED.income,
           advance_refunds = d.advance_refunds + EXCLUDED.advance_refunds,
           expenses = d.expenses + EXCLUDED.expenses,
           money_out = d.money_out + EXCLUDED.money_out;
    RETURN NULL;
  END $$;

  CREATE OR REPLACE FUNCTION tally_invoice_totals_add(p_store integer, p_status enum_invoices_status, p_count integer,
                                                      p_total bigint, p_due bigint, p_paid bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO invoice_status_totals AS s (store_id, status, slot, count, total, amount_due, amount_paid)
    VALUES (p_store, p_status, pg_backend_pid(), p_count, p_count * p_total, p_count * p_due, p_count * p_paid)
    ON CONFLICT (store_id, status, slot) DO UPDATE
       SET count = s.count + EXCLUDED.count, total = s.total + EXCLUDED.total,
           amount_due = s.amount_due + EXCLUDED.amount_due, amount_paid = s.amount_paid + EXCLUDED.amount_paid;
  $$;

  CREATE OR REPLACE FUNCTION tally_daily_totals_rebuild(p_store integer) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('tally_report_totals'));
    DELETE FROM ledger_daily_totals WHERE store_id = p_store;
    INSERT INTO ledger_daily_totals (store_id, day, slot, income, advance_refunds, expenses, money_out)
    SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date, 0,
           coalesce(sum(t.amount) FILTER (WHERE t.type = 'income'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_refund'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.kind = 'expense'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.type = 'expense'), 0)
      FROM transactions t JOIN stores s ON s.id = t.store_id
     WHERE t.store_id = p_store
     GROUP BY 1, 2;
  END $$;

  CREATE OR REPLACE FUNCTION tally_invoice_totals_rebuild(p_store integer) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('tally_report_totals'));
    DELETE FROM invoice_status_totals WHERE store_id = p_store;
    INSERT INTO invoice_status_totals (store_id, status, slot, count, total, amount_due, amount_paid)
    SELECT store_id, status, 0, count(*), coalesce(sum(total), 0), coalesce(sum(amount_due), 0), coalesce(sum(amount_paid), 0)
      FROM invoices WHERE store_id = p_store GROUP BY 1, 2;
  END $$;

  -- Folds every per-backend row no open transaction holds into slot 0; returns how many.
  CREATE FUNCTION tally_compact_report_totals() RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE
    folded bigint := 0;
    n bigint;
  BEGIN
    -- (data-modifying CTEs run to completion whether or not the outer query reads them)
    IF NOT pg_try_advisory_xact_lock(hashtext('tally_report_totals')) THEN
      RETURN 0;
    END IF;
    WITH picked AS (
      SELECT ctid FROM ledger_daily_totals WHERE slot <> 0 FOR UPDATE SKIP LOCKED
    ), gone AS (
      DELETE FROM ledger_daily_totals d USING picked p WHERE d.ctid = p.ctid
      RETURNING d.store_id, d.day, d.income, d.advance_refunds, d.expenses, d.money_out
    ), summed AS (
      SELECT store_id, day, count(*) AS rows, sum(income) AS income, sum(advance_refunds) AS advance_refunds,
             sum(expenses) AS expenses, sum(money_out) AS money_out
        FROM gone GROUP BY 1, 2
    ), merged AS (
      INSERT INTO ledger_daily_totals AS t (store_id, day, slot, income, advance_refunds, expenses, money_out)
      SELECT store_id, day, 0, income, advance_refunds, expenses, money_out FROM summed ORDER BY 1, 2
      ON CONFLICT (store_id, day, slot) DO UPDATE
         SET income = t.income + EXCLUDED.income, advance_refunds = t.advance_refunds + EXCLUDED.advance_refunds,
             expenses = t.expenses + EXCLUDED.expenses, money_out = t.money_out + EXCLUDED.money_out
    )
    SELECT coalesce(sum(rows), 0) INTO n FROM summed;
    folded := folded + n;

    WITH picked AS (
      SELECT ctid FROM invoice_status_totals WHERE slot <> 0 FOR UPDATE SKIP LOCKED
    ), gone AS (
      DELETE FROM invoice_status_totals d USING picked p WHERE d.ctid = p.ctid
      RETURNING d.store_id, d.status, d.count, d.total, d.amount_due, d.amount_paid
    ), summed AS (
      SELECT store_id, status, count(*) AS rows, sum(count) AS count, sum(total) AS total,
             sum(amount_due) AS amount_due, sum(amount_paid) AS amount_paid
        FROM gone GROUP BY 1, 2
    ), merged AS (
      INSERT INTO invoice_status_totals AS t (store_id, status, slot, count, total, amount_due, amount_paid)
      SELECT store_id, status, 0, count, total, amount_due, amount_paid FROM summed ORDER BY 1, 2
      ON CONFLICT (store_id, status, slot) DO UPDATE
         SET count = t.count + EXCLUDED.count, total = t.total + EXCLUDED.total,
             amount_due = t.amount_due + EXCLUDED.amount_due, amount_paid = t.amount_paid + EXCLUDED.amount_paid
    )
    SELECT coalesce(sum(rows), 0) INTO n FROM summed;
    RETURN folded + n;
  END $$;

  -- Existing rows: slots 1..7 of the old scheme cannot be a live backend's pid; fold them.
  SELECT tally_compact_report_totals();

  CREATE TRIGGER transactions_no_truncate BEFORE TRUNCATE ON transactions
    FOR EACH STATEMENT EXECUTE FUNCTION tally_ledger_append_only();
  CREATE TRIGGER allocations_no_truncate BEFORE TRUNCATE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION tally_ledger_append_only();
  CREATE TRIGGER advance_utilizations_no_truncate BEFORE TRUNCATE ON advance_utilizations
    FOR EACH STATEMENT EXECUTE FUNCTION tally_ledger_append_only();
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS transactions_no_truncate ON transactions;
  DROP TRIGGER IF EXISTS allocations_no_truncate ON allocations;
  DROP TRIGGER IF EXISTS advance_utilizations_no_truncate ON advance_utilizations;
  DROP FUNCTION IF EXISTS tally_compact_report_totals();
  `)
}
