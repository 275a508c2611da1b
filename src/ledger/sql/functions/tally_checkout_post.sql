-- The POS checkout after the lock, in one round trip (contract: CheckoutPost in
-- src/ledger/post.ts): the draft bill (with its due date when money is left due, the reason an
-- owner let it pass the credit limit, and its tax, worked out in src/domain/tax.ts), its
-- items (each with its rate, taxable value and tax) and advance uses; the store's numbering rows
-- (last, in name order, so they stay locked for this call and the COMMIT only); the bill's
-- number and posting; each payment line (a payment and its allocations, and/or a deposit of
-- the excess with the transaction that brought it); the refresh. Returns the bill, the
-- transactions and the balances. Formats and which row carries a typed reference are decided
-- in TypeScript (src/domain/references.ts) and arrive in p.
CREATE FUNCTION tally_checkout_post(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_customer integer := (p->>'customer')::integer;
  v_created_by integer := (p->>'createdBy')::integer;
  v_numbering jsonb := p->'numbering';
  v_references jsonb := p->'references';
  v_numbered bigint := (p->>'numberedReferences')::bigint;
  v_bill integer;
  v_sequence bigint;
  v_next_reference bigint;
  v_number varchar;
  v_line jsonb;
  v_split jsonb;
  v_method text;
  v_applied bigint;
  v_kept bigint;
  v_reference varchar;
  v_tx integer;
  v_deposit record;
  v_touched integer[];
  v_transactions jsonb := '[]';
  v_balances record;
  v_row record;
BEGIN
  INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, complimentary_reason,
                        complimentary_approved_by_id, credit_override_reason, credit_override_by_id,
                        status, subtotal, total, amount_paid, amount_due, notes, created_by_id,
                        tax_treatment, prices_include_tax, supplier_gstin, customer_gstin, place_of_supply, tax_total, cgst, sgst, igst)
  VALUES (v_store, v_customer, 'bill', now(), (p->'bill'->>'dueDate')::timestamptz, (p->'bill'->>'discount')::bigint,
          (p->'bill'->>'complimentary')::boolean, p->'bill'->>'complimentaryReason', (p->'bill'->>'complimentaryApprovedBy')::integer,
          p->'bill'->>'creditOverrideReason', CASE WHEN p->'bill'->>'creditOverrideReason' IS NULL THEN NULL ELSE v_created_by END,
          'draft', (p->'bill'->>'subtotal')::bigint, (p->'bill'->>'total')::bigint, 0, (p->'bill'->>'total')::bigint,
          p->'bill'->>'notes', v_created_by,
          (p->'bill'->>'taxTreatment')::enum_invoices_tax_treatment, (p->'bill'->>'pricesIncludeTax')::boolean,
          p->'bill'->>'supplierGstin', p->'bill'->>'customerGstin', p->'bill'->>'placeOfSupply',
          (p->'bill'->>'taxTotal')::bigint, (p->'bill'->>'cgst')::bigint, (p->'bill'->>'sgst')::bigint, (p->'bill'->>'igst')::bigint)
  RETURNING id INTO v_bill;
  INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, service_id, sac, tax_rate, taxable, tax)
  SELECT item.ordinality, v_bill, item.value->>'id', item.value->>'description',
         (item.value->>'quantity')::numeric, (item.value->>'unitPrice')::bigint, (item.value->>'service')::integer,
         item.value->>'sac', (item.value->>'taxRate')::integer, (item.value->>'taxable')::bigint, (item.value->>'tax')::bigint
    FROM jsonb_array_elements(p->'items') WITH ORDINALITY AS item
   ORDER BY item.ordinality;
  INSERT INTO advance_utilizations (store_id, advance_payment_id, invoice_id, amount, reversal_of_id)
  SELECT v_store, (use.value->>'deposit')::integer, v_bill, (use.value->>'amount')::bigint, NULL
    FROM jsonb_array_elements(p->'advanceUses') WITH ORDINALITY AS use
   ORDER BY use.ordinality;

  -- The store's numbering rows, last and together, in name order (every caller takes them so).
  IF v_numbering->>'counter' < v_references->>'counter' THEN
    v_sequence := tally_take_counter(v_store, v_numbering->>'counter', 1);
    v_next_reference := tally_take_counter(v_store, v_references->>'counter', v_numbered);
  ELSE
    v_next_reference := tally_take_counter(v_store, v_references->>'counter', v_numbered);
    v_sequence := tally_take_counter(v_store, v_numbering->>'counter', 1);
  END IF;
  v_number := tally_format_reference(v_numbering, v_sequence);
  UPDATE invoices SET number = v_number, status = 'open', posted_at = now(), amount_paid = 0, amount_due = total WHERE id = v_bill;

  v_touched := ARRAY[v_bill];
  FOR v_line IN SELECT value FROM jsonb_array_elements(p->'lines') WITH ORDINALITY ORDER BY ordinality LOOP
    v_method := v_line->>'method';
    v_applied := (v_line->>'applied')::bigint;
    v_kept := (v_line->>'kept')::bigint;
    IF v_applied > 0 THEN
      v_reference := v_line->>'paymentReference';
      IF v_reference IS NULL THEN
        v_reference := tally_format_reference(v_references, v_next_reference);
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
      v_reference := v_line->>'depositReference';
      IF v_reference IS NULL THEN
        v_reference := tally_format_reference(v_references, v_next_reference);
        v_next_reference := v_next_reference + 1;
      END IF;
      SELECT * INTO v_deposit
        FROM tally_insert_deposit(v_store, v_customer, v_kept, v_method, 'direct', v_number, v_line->>'depositReference',
                                  v_reference, 'Excess kept as advance at checkout ' || v_number, v_created_by,
                                  CASE WHEN v_applied > 0 THEN v_tx END);
      v_transactions := v_transactions || jsonb_build_array(jsonb_build_object('id', v_deposit.transaction_id, 'reference', v_reference, 'method', v_method, 'amount', v_kept));
    END IF;
  END LOOP;

  SELECT * INTO v_balances FROM tally_refresh_customer_ledger(v_customer, v_touched);
  SELECT number, status, subtotal, discount, total, amount_paid, amount_due, complimentary, tax_total, cgst, sgst, igst
    INTO v_row FROM invoices WHERE id = v_bill;
  RETURN jsonb_build_object(
    'bill', jsonb_build_object('id', v_bill, 'number', v_row.number, 'status', v_row.status, 'subtotal', v_row.subtotal,
                               'discount', v_row.discount, 'total', v_row.total, 'amount_paid', v_row.amount_paid,
                               'amount_due', v_row.amount_due, 'complimentary', v_row.complimentary, 'tax_total', v_row.tax_total,
                               'cgst', v_row.cgst, 'sgst', v_row.sgst, 'igst', v_row.igst),
    'transactions', v_transactions,
    'pending_balance', v_balances.pending_balance,
    'advance_balance', v_balances.advance_balance);
END
$$;
