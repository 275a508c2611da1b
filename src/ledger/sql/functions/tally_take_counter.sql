-- Takes the next p_count values of a store's counter (ledger_counters) and returns the first;
-- NULL when p_count is 0 (the row is not touched). The row lock it takes (held to COMMIT)
-- makes numbering gap-free and race-free. Every caller that takes several counters in one
-- transaction takes them in name order.
CREATE FUNCTION tally_take_counter(p_store integer, p_counter text, p_count bigint)
RETURNS bigint LANGUAGE sql AS $$
  INSERT INTO ledger_counters (store_id, name, last_value)
  SELECT p_store, p_counter, p_count WHERE p_count > 0
  ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + EXCLUDED.last_value
  RETURNING last_value - p_count + 1;
$$;
