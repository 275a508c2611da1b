-- unmatched_payments: what is left of a payment (payment_figures: 0 once reversed), with
-- whose money it is. Writes what it computes, so it relies on what every ledger service does
-- anyway: allocations to one payment are written under its customer's row lock.
CREATE FUNCTION tally_unmatched_sync(p_transaction integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  rest bigint;
  store integer;
  customer integer;
BEGIN
  SELECT f.unmatched, f.store_id, f.customer_id INTO rest, store, customer FROM payment_figures f WHERE f.id = p_transaction;
  IF rest IS NULL OR rest <= 0 THEN
    DELETE FROM unmatched_payments WHERE transaction_id = p_transaction;
  ELSE
    INSERT INTO unmatched_payments (transaction_id, store_id, customer_id, amount) VALUES (p_transaction, store, customer, rest)
    ON CONFLICT (transaction_id) DO UPDATE SET amount = EXCLUDED.amount;
  END IF;
END $$;
