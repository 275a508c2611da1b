-- Statement trigger on transactions: adds the inserted rows to ledger_daily_totals, one
-- upsert per store-local day, into this database backend's own rows (slot = its pid), so no
-- two open transactions ever lock the same summary row. tally_compact_report_totals folds
-- them together hourly; readers sum the slots.
CREATE FUNCTION tally_daily_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_daily_totals AS d (store_id, day, slot, income, advance_refunds, expenses, money_out, written_off, forfeited)
  SELECT n.store_id, (n.date AT TIME ZONE s.timezone)::date, pg_backend_pid(),
         sum(f.income), sum(f.advance_refunds), sum(f.expenses), sum(f.money_out), sum(f.written_off), sum(f.forfeited)
    FROM new_rows n JOIN stores s ON s.id = n.store_id
   CROSS JOIN LATERAL tally_daily_flow(n.type::text, n.kind::text, n.amount) f
   GROUP BY 1, 2
   ORDER BY 1, 2
  ON CONFLICT (store_id, day, slot) DO UPDATE
     SET income = d.income + EXCLUDED.income,
         advance_refunds = d.advance_refunds + EXCLUDED.advance_refunds,
         expenses = d.expenses + EXCLUDED.expenses,
         money_out = d.money_out + EXCLUDED.money_out,
         written_off = d.written_off + EXCLUDED.written_off,
         forfeited = d.forfeited + EXCLUDED.forfeited;
  RETURN NULL;
END $$;
