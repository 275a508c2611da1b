-- The POS checkout after the lock, in one round trip (contract: CheckoutPost in
-- src/ledger/post.ts): the draft bill, its items and advance uses; the store's numbering rows
-- (last, in name order, so they stay locked for this call and the COMMIT only); the bill's
-- number and posting; each payment line (a payment and its allocations, and/or a deposit of
-- the excess with the transaction that brought it); the refresh. Returns the bill, the
-- transactions and the balances.
CREATE FUNCTION tally_checkout_post(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_customer integer := (p->>'customer')::integer;
  v_created_by integer := (p->>'createdBy')::integer;
  v_year integer := (p->>'year')::integer;
  v_auto bigint := (p->>'autoReferences')::bigint;
  v_bill integer;
  v_sequence bigint;
  v_next_reference bigint;
  v_number varchar;
  v_line jsonb;
  v_split jsonb;
  v_method text;
  v_applied bigint;
  v_kept bigint;
  v_given varchar;
  v_reference varchar;
  v_tx integer;
  v_deposit integer;
  v_touched integer[];
  v_transactions jsonb := '[]';
  v_balances record;
  v_row record;
BEGIN
  INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, status,
                        subtotal, total, amount_paid, amount_due, notes, created_by_id)
  VALUES (v_store, v_customer, 'bill', now(), NULL, (p->'bill'->>'discount')::bigint, (p->'bill'->>'complimentary')::boolean,
          'draft', (p->'bill'->>'subtotal')::bigint, (p->'bill'->>'total')::bigint, 0, (p->'bill'->>'total')::bigint,
          p->'bill'->>'notes', v_created_by)
  RETURNING id INTO v_bill;
  INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price)
  SELECT item.ordinality, v_bill, item.value->>'id', item.value->>'description',
         (item.value->>'quantity')::numeric, (item.value->>'unitPrice')::bigint
    FROM jsonb_array_elements(p->'items') WITH ORDINALITY AS item
   ORDER BY item.ordinality;
  INSERT INTO advance_utilizations (store_id, advance_payment_id, invoice_id, amount, reversal_of_id)
  SELECT v_store, (use.value->>'deposit')::integer, v_bill, (use.value->>'amount')::bigint, NULL
    FROM jsonb_array_elements(p->'advanceUses') WITH ORDINALITY AS use
   ORDER BY use.ordinality;

  -- The store's numbering rows, last and together, in name order (every caller locks them so).
  INSERT INTO ledger_counters (store_id, name, last_value)
  SELECT v_store, wanted.name, wanted.count
    FROM (VALUES ('invoice:' || v_year, 1::bigint), ('payment', v_auto)) AS wanted (name, count)
   WHERE wanted.count > 0
   ORDER BY wanted.name
  ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + EXCLUDED.last_value;
  SELECT last_value INTO v_sequence FROM ledger_counters WHERE store_id = v_store AND name = 'invoice:' || v_year;
  SELECT last_value - v_auto + 1 INTO v_next_reference FROM ledger_counters WHERE store_id = v_store AND name = 'payment';
  -- invoiceNumber(prefix, year, sequence): PREFIX-YY-0001 (padded, never cut)
  v_number := (p->>'prefix') || '-' || lpad((v_year % 100)::text, 2, '0') || '-'
              || lpad(v_sequence::text, greatest(4, length(v_sequence::text)), '0');
  UPDATE invoices SET number = v_number, status = 'open', posted_at = now(), amount_paid = 0, amount_due = total WHERE id = v_bill;

  v_touched := ARRAY[v_bill];
  FOR v_line IN SELECT value FROM jsonb_array_elements(p->'lines') WITH ORDINALITY ORDER BY ordinality LOOP
    v_method := v_line->>'method';
    v_applied := (v_line->>'applied')::bigint;
    v_kept := (v_line->>'kept')::bigint;
    v_given := v_line->>'given';
    IF v_applied > 0 THEN
      IF v_given IS NOT NULL THEN
        v_reference := v_given;
      ELSE
        -- as nextPaymentReference: PAY-000123 (padded, never cut)
        v_reference := 'PAY-' || lpad(v_next_reference::text, greatest(6, length(v_next_reference::text)), '0');
        v_next_reference := v_next_reference + 1;
      END IF;
      INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, reference, notes, created_by_id)
      VALUES (v_store, now(), 'income', 'payment', v_applied, v_method::enum_transactions_method, v_customer, v_bill,
              v_reference, 'Checkout ' || v_number, v_created_by)
      RETURNING id INTO v_tx;
      v_transactions := v_transactions || jsonb_build_array(jsonb_build_object('id', v_tx, 'reference', v_reference, 'method', v_method, 'amount', v_applied));
      FOR v_split IN SELECT value FROM jsonb_array_elements(v_line->'toInvoices') WITH ORDINALITY ORDER BY ordinality LOOP
        INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id)
        VALUES (v_store, v_tx, coalesce((v_split->>'invoice')::integer, v_bill), (v_split->>'amount')::bigint, NULL);
        v_touched := v_touched || coalesce((v_split->>'invoice')::integer, v_bill);
      END LOOP;
    END IF;
    IF v_kept > 0 THEN
      -- insertDeposit: the deposit, the income transaction that brought the money, the link.
      INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                    status, utilized_amount, refunded_amount, remaining_amount, notes, created_by_id)
      VALUES (v_store, v_customer, 'direct', v_number, v_kept, v_method::enum_advance_payments_method,
              CASE WHEN v_applied > 0 THEN NULL ELSE v_given END, 'active', 0, 0, v_kept,
              'Excess kept as advance at checkout ' || v_number, v_created_by)
      RETURNING id INTO v_deposit;
      IF v_applied = 0 AND v_given IS NOT NULL THEN
        v_reference := v_given;
      ELSE
        v_reference := 'PAY-' || lpad(v_next_reference::text, greatest(6, length(v_next_reference::text)), '0');
        v_next_reference := v_next_reference + 1;
      END IF;
      INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, advance_payment_id, reference, notes, created_by_id)
      VALUES (v_store, now(), 'income', 'advance_deposit', v_kept, v_method::enum_transactions_method, v_customer, v_deposit,
              v_reference, 'Excess kept as advance at checkout ' || v_number, v_created_by)
      RETURNING id INTO v_tx;
      UPDATE advance_payments SET transaction_id = v_tx WHERE id = v_deposit;
      v_transactions := v_transactions || jsonb_build_array(jsonb_build_object('id', v_tx, 'reference', v_reference, 'method', v_method, 'amount', v_kept));
    END IF;
  END LOOP;

  SELECT * INTO v_balances FROM tally_refresh_customer_ledger(v_customer, v_touched);
  SELECT number, status, subtotal, discount, total, amount_paid, amount_due, complimentary INTO v_row FROM invoices WHERE id = v_bill;
  RETURN jsonb_build_object(
    'bill', jsonb_build_object('id', v_bill, 'number', v_row.number, 'status', v_row.status, 'subtotal', v_row.subtotal,
                               'discount', v_row.discount, 'total', v_row.total, 'amount_paid', v_row.amount_paid,
                               'amount_due', v_row.amount_due, 'complimentary', v_row.complimentary),
    'transactions', v_transactions,
    'pending_balance', v_balances.pending_balance,
    'advance_balance', v_balances.advance_balance);
END
$$;
