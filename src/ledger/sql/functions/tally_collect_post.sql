-- Collecting pending money after the lock, in one round trip (contract: CollectPost in
-- src/ledger/post.ts): the store's reference counter first (held for this call and the
-- COMMIT only), the payment and its allocations as planned by src/domain/allocation, the
-- deposit of an excess kept as advance with the transaction that brought it, then the
-- refresh. Which row carries a typed reference is decided in src/domain/references.ts.
CREATE FUNCTION tally_collect_post(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_customer integer := (p->>'customer')::integer;
  v_created_by integer := (p->>'createdBy')::integer;
  v_method text := p->>'method';
  v_references jsonb := p->'references';
  v_collected bigint := (p->>'collected')::bigint;
  v_leftover bigint := (p->>'leftover')::bigint;
  v_next bigint;
  v_reference varchar;
  v_payment_reference varchar;
  v_tx integer;
  v_date timestamptz;
  v_deposit integer;
  v_invoices integer[];
  v_balances record;
BEGIN
  v_next := tally_take_counter(v_store, v_references->>'counter', (p->>'numberedReferences')::bigint);

  SELECT coalesce(array_agg((a.value->>'invoice')::integer ORDER BY a.ordinality), '{}')
    INTO v_invoices FROM jsonb_array_elements(p->'applied') WITH ORDINALITY AS a;

  IF v_collected > 0 THEN
    v_reference := p->>'paymentReference';
    IF v_reference IS NULL THEN
      v_reference := tally_format_reference(v_references, v_next);
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
    v_reference := p->>'depositReference';
    IF v_reference IS NULL THEN
      v_reference := tally_format_reference(v_references, v_next);
      v_next := v_next + 1;
    END IF;
    SELECT deposit_id INTO v_deposit
      FROM tally_insert_deposit(v_store, v_customer, v_leftover, v_method, 'direct', NULL, p->>'depositReference',
                                v_reference, 'Excess of a payment kept as advance', v_created_by, v_tx);
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
