-- unmatched_payments: the part of a payment not allocated to any invoice. Writes the
-- remainder it computes, so it relies on what every ledger service does anyway: allocations
-- to one payment are written under its customer's row lock.
CREATE FUNCTION tally_unmatched_sync(p_transaction integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  rest bigint;
  store integer;
BEGIN
  SELECT t.amount - coalesce((SELECT sum(a.amount) FROM allocations a WHERE a.transaction_id = t.id), 0), t.store_id
    INTO rest, store
    FROM transactions t WHERE t.id = p_transaction AND t.kind = 'payment';
  IF rest IS NULL OR rest <= 0 THEN
    DELETE FROM unmatched_payments WHERE transaction_id = p_transaction;
  ELSE
    INSERT INTO unmatched_payments (transaction_id, store_id, amount) VALUES (p_transaction, store, rest)
    ON CONFLICT (transaction_id) DO UPDATE SET amount = EXCLUDED.amount;
  END IF;
END $$;
