-- How one ledger row counts in the daily totals: money in (every income that brought money),
-- advance refunds, expenses (the owner's spending), money out (every expense-type row that
-- paid money out), bad debt written off and deposits forfeited (SPEC §9: rows that move no
-- money, kept apart). The one home of that rule for the summary trigger and its rebuild;
-- ledger:verify recomputes it on its own.
CREATE FUNCTION tally_daily_flow(p_type text, p_kind text, p_amount bigint,
                                 OUT income bigint, OUT advance_refunds bigint, OUT expenses bigint, OUT money_out bigint,
                                 OUT written_off bigint, OUT forfeited bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_type = 'income' AND p_kind <> 'advance_expiry' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'advance_refund' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'expense' THEN p_amount ELSE 0 END,
         CASE WHEN p_type = 'expense' AND p_kind <> 'write_off' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'write_off' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'advance_expiry' THEN p_amount ELSE 0 END;
$$;
