-- A store's ledger_daily_totals recomputed from its transactions (after a time-zone change).
-- One rebuild or compaction at a time (advisory lock).
CREATE FUNCTION tally_daily_totals_rebuild(p_store integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tally_report_totals'));
  DELETE FROM ledger_daily_totals WHERE store_id = p_store;
  INSERT INTO ledger_daily_totals (store_id, day, slot, income, advance_refunds, expenses, money_out, written_off, forfeited)
  SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date, 0,
         sum(f.income), sum(f.advance_refunds), sum(f.expenses), sum(f.money_out), sum(f.written_off), sum(f.forfeited)
    FROM transactions t JOIN stores s ON s.id = t.store_id
   CROSS JOIN LATERAL tally_daily_flow(t.type::text, t.kind::text, t.amount) f
   WHERE t.store_id = p_store
   GROUP BY 1, 2;
END $$;
