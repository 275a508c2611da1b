-- How one ledger row counts in the daily totals: money in (every income), advance refunds,
-- expenses (the owner's spending) and money out (every expense-type row). The one home of
-- that rule for the summary trigger and its rebuild; ledger:verify recomputes it on its own.
CREATE FUNCTION tally_daily_flow(p_type text, p_kind text, p_amount bigint,
                                 OUT income bigint, OUT advance_refunds bigint, OUT expenses bigint, OUT money_out bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_type = 'income' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'advance_refund' THEN p_amount ELSE 0 END,
         CASE WHEN p_kind = 'expense' THEN p_amount ELSE 0 END,
         CASE WHEN p_type = 'expense' THEN p_amount ELSE 0 END;
$$;
