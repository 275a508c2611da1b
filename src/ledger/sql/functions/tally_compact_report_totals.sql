-- Hourly (with the calendar refresh): folds every per-backend summary row no open
-- transaction holds (SKIP LOCKED: never waits on the app) into slot 0; returns how many.
-- One compactor or rebuild at a time (advisory lock).
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
    RETURNING d.store_id, d.day, d.income, d.advance_refunds, d.expenses, d.money_out, d.written_off, d.forfeited
  ), summed AS (
    SELECT store_id, day, count(*) AS rows, sum(income) AS income, sum(advance_refunds) AS advance_refunds,
           sum(expenses) AS expenses, sum(money_out) AS money_out, sum(written_off) AS written_off, sum(forfeited) AS forfeited
      FROM gone GROUP BY 1, 2
  ), merged AS (
    INSERT INTO ledger_daily_totals AS t (store_id, day, slot, income, advance_refunds, expenses, money_out, written_off, forfeited)
    SELECT store_id, day, 0, income, advance_refunds, expenses, money_out, written_off, forfeited FROM summed ORDER BY 1, 2
    ON CONFLICT (store_id, day, slot) DO UPDATE
       SET income = t.income + EXCLUDED.income, advance_refunds = t.advance_refunds + EXCLUDED.advance_refunds,
           expenses = t.expenses + EXCLUDED.expenses, money_out = t.money_out + EXCLUDED.money_out,
           written_off = t.written_off + EXCLUDED.written_off, forfeited = t.forfeited + EXCLUDED.forfeited
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
