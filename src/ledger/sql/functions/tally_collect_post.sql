-- Collecting pending money after the lock, in one round trip (contract: CollectPost in
-- src/ledger/post.ts): the store's payment counter first (held for this call and the COMMIT
-- only), the payment and its allocations as planned by src/domain/allocation, the deposit of
-- an excess kept as advance with the transaction that brought it, then the refresh.
CREATE FUNCTION tally_collect_post(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_customer integer := (p->>'customer')::integer;
  v_created_by integer := (p->>'createdBy')::integer;
  v_method text := p->>'method';
  v_given varchar := p->>'given';
  v_collected bigint := (p->>'collected')::bigint;
  v_leftover bigint := (p->>'leftover')::bigint;
  v_auto bigint;
  v_next bigint;
  v_reference varchar;
  v_payment_reference varchar;
  v_tx integer;
  v_date timestamptz;
  v_deposit integer;
  v_deposit_tx integer;
  v_invoices integer[];
  v_balances record;
BEGIN
  v_auto := (CASE WHEN v_collected > 0 AND v_given IS NULL THEN 1 ELSE 0 END)
          + (CASE WHEN v_leftover > 0 AND (v_collected > 0 OR v_given IS NULL) THEN 1 ELSE 0 END);
  IF v_auto > 0 THEN
    INSERT INTO ledger_counters (store_id, name, last_value) VALUES (v_store, 'payment', v_auto)
    ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + EXCLUDED.last_value
    RETURNING last_value - v_auto + 1 INTO v_next;
  END IF;

  SELECT coalesce(array_agg((a.value->>'invoice')::integer ORDER BY a.ordinality), '{}')
    INTO v_invoices FROM jsonb_array_elements(p->'applied') WITH ORDINALITY AS a;

  IF v_collected > 0 THEN
    IF v_given IS NOT NULL THEN
      v_reference := v_given;
    ELSE
      v_reference := 'PAY-' || lpad(v_next::text, greatest(6, length(v_next::text)), '0');
      v_next := v_next + 1;
    END IF;
    INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, reference, notes, created_by_id)
    VALUES (v_store, coalesce((p->>'date')::timestamptz, now()), 'income', 'payment', v_collected, v_method::enum_transactions_method,
            v_customer, CASE WHEN cardinality(v_invoices) = 1 THEN v_invoices[1] END, v_reference,
            coalesce(p->>'notes', 'Pending balance collected'), v_created_by)
    RETURNING id, date INTO v_tx, v_date;
    v_payment_reference := v_reference;
    INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id)
    SELECT v_store, v_tx, (a.value->>'invoice')::integer, (a.value->>'amount')::bigint, NULL
      FROM jsonb_array_elements(p->'applied') WITH ORDINALITY AS a
     ORDER BY a.ordinality;
  END IF;

  IF v_leftover > 0 THEN
    INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                  status, utilized_amount, refunded_amount, remaining_amount, notes, created_by_id)
    VALUES (v_store, v_customer, 'direct', NULL, v_leftover, v_method::enum_advance_payments_method,
            CASE WHEN v_collected > 0 THEN NULL ELSE v_given END, 'active', 0, 0, v_leftover,
            'Excess of a payment kept as advance', v_created_by)
    RETURNING id INTO v_deposit;
    IF v_collected = 0 AND v_given IS NOT NULL THEN
      v_reference := v_given;
    ELSE
      v_reference := 'PAY-' || lpad(v_next::text, greatest(6, length(v_next::text)), '0');
      v_next := v_next + 1;
    END IF;
    INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, advance_payment_id, reference, notes, created_by_id)
    VALUES (v_store, now(), 'income', 'advance_deposit', v_leftover, v_method::enum_transactions_method, v_customer, v_deposit,
            v_reference, 'Excess of a payment kept as advance', v_created_by)
    RETURNING id INTO v_deposit_tx;
    UPDATE advance_payments SET transaction_id = v_deposit_tx WHERE id = v_deposit;
  END IF;

  SELECT * INTO v_balances FROM tally_refresh_customer_ledger(v_customer, v_invoices);
  RETURN jsonb_build_object(
    'transaction', CASE WHEN v_tx IS NULL THEN NULL
                        ELSE jsonb_build_object('id', v_tx, 'reference', v_payment_reference, 'date', v_date) END,
    'deposit', v_deposit,
    'pending_balance', v_balances.pending_balance,
    'advance_balance', v_balances.advance_balance);
END
$$;
