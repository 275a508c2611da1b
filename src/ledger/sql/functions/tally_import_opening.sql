-- Opening balances from a paper ledger (SPEC §9 import), one batch of checked rows in one
-- round trip (contract: OpeningImport in src/ledger/post.ts). Per row, in the order given
-- (sorted by phone, so two imports lock customers in the same order): skip it when this
-- store and import key already have the phone (customer_imports, whose primary key also
-- makes a concurrent import of the same row wait and then skip); find or create the customer
-- (new ones take the store's default credit limit: customers_default_credit) and lock it;
-- post an `opening` invoice for `pending` (numbered OB-26-0001, issued and due on the import
-- day) and hold a `direct` deposit for `advance` — money received before Tally, so neither
-- is a transaction (no revenue on the import day); record the row; refresh the customer.
-- Returns one object per row: {row, action: created | updated | skipped, customer, invoice, deposit}.
CREATE FUNCTION tally_import_opening(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_key varchar := p->>'importKey';
  v_created_by integer := (p->>'createdBy')::integer;
  v_day timestamptz := (p->>'issueDay')::timestamptz;
  v_row jsonb;
  v_phone varchar;
  v_pending bigint;
  v_advance bigint;
  v_customer integer;
  v_created boolean;
  v_invoice integer;
  v_deposit integer;
  v_number varchar;
  v_done jsonb := '[]';
BEGIN
  FOR v_row IN SELECT value FROM jsonb_array_elements(p->'rows') WITH ORDINALITY ORDER BY ordinality LOOP
    v_phone := v_row->>'phone';
    v_pending := (v_row->>'pending')::bigint;
    v_advance := (v_row->>'advance')::bigint;
    IF EXISTS (SELECT 1 FROM customer_imports WHERE store_id = v_store AND import_key = v_key AND phone = v_phone) THEN
      v_done := v_done || jsonb_build_array(jsonb_build_object('row', v_row->'row', 'action', 'skipped'));
      CONTINUE;
    END IF;

    v_created := false;
    SELECT id INTO v_customer FROM customers WHERE store_id = v_store AND phone = v_phone FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO customers (store_id, name, phone, notes)
      VALUES (v_store, v_row->>'name', v_phone, v_row->>'notes')
      ON CONFLICT (store_id, phone) DO NOTHING
      RETURNING id INTO v_customer;
      v_created := v_customer IS NOT NULL;
      IF NOT v_created THEN
        SELECT id INTO v_customer FROM customers WHERE store_id = v_store AND phone = v_phone FOR UPDATE;
      END IF;
    END IF;

    -- Claims the row; another import of it (committed meanwhile) makes this one a skip.
    INSERT INTO customer_imports (store_id, import_key, phone, pending, advance, customer_id)
    VALUES (v_store, v_key, v_phone, v_pending, v_advance, v_customer)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      v_done := v_done || jsonb_build_array(jsonb_build_object('row', v_row->'row', 'action', 'skipped'));
      CONTINUE;
    END IF;

    v_invoice := NULL;
    IF v_pending > 0 THEN
      v_number := tally_next_reference(v_store, p->'numbering');
      INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, due_date, discount, complimentary, status,
                            subtotal, total, amount_paid, amount_due, posted_at, notes, created_by_id)
      VALUES (v_store, v_customer, 'opening', v_number, v_day, v_day, 0, false, 'open',
              v_pending, v_pending, 0, v_pending, now(), v_row->>'notes', v_created_by)
      RETURNING id INTO v_invoice;
      INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price)
      VALUES (1, v_invoice, substr(md5(random()::text || clock_timestamp()::text), 1, 24),
              'Opening balance (brought forward, import ' || v_key || ')', 1, v_pending);
    END IF;
    v_deposit := NULL;
    IF v_advance > 0 THEN
      INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, status,
                                    utilized_amount, refunded_amount, reversed_amount, forfeited_amount, remaining_amount,
                                    notes, created_by_id)
      VALUES (v_store, v_customer, 'direct', 'import:' || v_key, v_advance, 'cash', 'active', 0, 0, 0, 0, v_advance,
              coalesce(v_row->>'notes', 'Opening advance (brought forward)'), v_created_by)
      RETURNING id INTO v_deposit;
    END IF;
    UPDATE customer_imports SET invoice_id = v_invoice, deposit_id = v_deposit
     WHERE store_id = v_store AND import_key = v_key AND phone = v_phone;
    PERFORM tally_refresh_customer_ledger(v_customer, ARRAY[v_invoice]);
    v_done := v_done || jsonb_build_array(jsonb_build_object(
      'row', v_row->'row', 'action', CASE WHEN v_created THEN 'created' ELSE 'updated' END,
      'customer', v_customer, 'invoice', v_invoice, 'deposit', v_deposit));
  END LOOP;
  RETURN v_done;
END
$$;
