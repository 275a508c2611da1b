-- Opening balances from a paper ledger (SPEC §9 import), one batch of checked rows in one
-- round trip (contract: OpeningImport in src/ledger/post.ts), set-based (a row-by-row loop
-- spent most of its time re-planning the refresh). For the batch: create the customers that
-- are new (they take the store's default credit limit: customers_default_credit); lock every
-- customer of the batch, in phone order (two imports lock in the same order); claim each row
-- in customer_imports (its primary key — store, import key, phone — makes a row imported
-- before, or by a concurrent import, a skip); post an `opening` invoice for `pending`
-- (numbered OB-26-0001 in phone order, issued and due on the import day) and hold a `direct`
-- deposit for `advance` — money received before Tally, so neither is a transaction (no
-- revenue on the import day); refresh what was written (tally_refresh_customers).
-- Returns one object per row: {row, action: created | updated | skipped, customer, invoice, deposit}.
CREATE FUNCTION tally_import_opening(p jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_store integer := (p->>'store')::integer;
  v_key varchar := p->>'importKey';
  v_created_by integer := (p->>'createdBy')::integer;
  v_day timestamptz := (p->>'issueDay')::timestamptz;
  v_created varchar[];
  v_invoices integer := 0;
  v_first bigint;
  v_done jsonb;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS tally_import_rows (
    "row" integer, name varchar, phone varchar, pending bigint, advance bigint, notes varchar,
    customer_id integer, claimed boolean, seq integer, invoice_id integer, deposit_id integer
  ) ON COMMIT DROP;
  TRUNCATE tally_import_rows;
  INSERT INTO tally_import_rows ("row", name, phone, pending, advance, notes, claimed)
  SELECT r."row", r.name, r.phone, r.pending, r.advance, r.notes, false
    FROM jsonb_to_recordset(p->'rows') AS r("row" integer, name varchar, phone varchar, pending bigint, advance bigint, notes varchar);

  WITH made AS (
    INSERT INTO customers (store_id, name, phone, notes)
    SELECT v_store, r.name, r.phone, r.notes FROM tally_import_rows r
     WHERE NOT EXISTS (SELECT 1 FROM customer_imports i WHERE i.store_id = v_store AND i.import_key = v_key AND i.phone = r.phone)
     ORDER BY r.phone
    ON CONFLICT (store_id, phone) DO NOTHING
    RETURNING phone)
  SELECT coalesce(array_agg(phone), '{}') INTO v_created FROM made;

  PERFORM c.id FROM customers c JOIN tally_import_rows r ON r.phone = c.phone WHERE c.store_id = v_store ORDER BY c.phone FOR UPDATE OF c;
  UPDATE tally_import_rows r SET customer_id = c.id FROM customers c WHERE c.store_id = v_store AND c.phone = r.phone;

  WITH claimed AS (
    INSERT INTO customer_imports (store_id, import_key, phone, pending, advance, customer_id)
    SELECT v_store, v_key, r.phone, r.pending, r.advance, r.customer_id FROM tally_import_rows r ORDER BY r.phone
    ON CONFLICT DO NOTHING
    RETURNING phone)
  UPDATE tally_import_rows r SET claimed = true FROM claimed c WHERE c.phone = r.phone;

  UPDATE tally_import_rows r SET seq = n.seq
    FROM (SELECT phone, row_number() OVER (ORDER BY phone) AS seq FROM tally_import_rows WHERE claimed AND pending > 0) n
   WHERE n.phone = r.phone;
  SELECT count(*) INTO v_invoices FROM tally_import_rows WHERE seq IS NOT NULL;
  v_first := tally_take_counter(v_store, p->'numbering'->>'counter', v_invoices);

  WITH posted AS (
    INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, due_date, discount, complimentary, status,
                          subtotal, total, amount_paid, amount_due, posted_at, notes, created_by_id)
    SELECT v_store, r.customer_id, 'opening', tally_format_reference(p->'numbering', v_first + r.seq - 1), v_day, v_day, 0, false, 'open',
           r.pending, r.pending, 0, r.pending, now(), r.notes, v_created_by
      FROM tally_import_rows r WHERE r.seq IS NOT NULL ORDER BY r.seq
    RETURNING id, customer_id, total)
  UPDATE tally_import_rows r SET invoice_id = posted.id FROM posted WHERE posted.customer_id = r.customer_id;
  -- A balance brought forward is not a new supply: no tax (rate 0, all of it taxable value, SPEC §12).
  INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, tax_rate, taxable, tax)
  SELECT 1, r.invoice_id, substr(md5(r.invoice_id::text || clock_timestamp()::text || random()::text), 1, 24),
         'Opening balance (brought forward, import ' || v_key || ')', 1, r.pending, 0, r.pending, 0
    FROM tally_import_rows r WHERE r.invoice_id IS NOT NULL;

  WITH held AS (
    INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, status,
                                  utilized_amount, refunded_amount, reversed_amount, forfeited_amount, remaining_amount,
                                  notes, created_by_id)
    SELECT v_store, r.customer_id, 'direct', 'import:' || v_key, r.advance, 'cash', 'active', 0, 0, 0, 0, r.advance,
           coalesce(r.notes, 'Opening advance (brought forward)'), v_created_by
      FROM tally_import_rows r WHERE r.claimed AND r.advance > 0 ORDER BY r.phone
    RETURNING id, customer_id)
  UPDATE tally_import_rows r SET deposit_id = held.id FROM held WHERE held.customer_id = r.customer_id;

  UPDATE customer_imports i SET invoice_id = r.invoice_id, deposit_id = r.deposit_id
    FROM tally_import_rows r
   WHERE r.claimed AND i.store_id = v_store AND i.import_key = v_key AND i.phone = r.phone;
  PERFORM tally_refresh_customers(
    (SELECT coalesce(array_agg(customer_id ORDER BY customer_id), '{}') FROM tally_import_rows WHERE claimed),
    (SELECT coalesce(array_agg(invoice_id), '{}') FROM tally_import_rows WHERE invoice_id IS NOT NULL));

  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'row', r."row",
           'action', CASE WHEN NOT r.claimed THEN 'skipped' WHEN r.phone = ANY(v_created) THEN 'created' ELSE 'updated' END,
           'customer', r.customer_id, 'invoice', r.invoice_id, 'deposit', r.deposit_id) ORDER BY r."row"), '[]')
    INTO v_done FROM tally_import_rows r;
  RETURN v_done;
END
$$;
