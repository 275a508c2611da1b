import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * The POS checkout in three round trips instead of fifteen (bench/README.md, finding 1).
 * The statements are the ones src/services/ledger.ts and checkout.ts issued one by one;
 * here they run server-side, where plpgsql also keeps the plans of the view-based
 * refreshes. Functions are VOLATILE, so under READ COMMITTED every statement in them
 * takes a fresh snapshot, exactly as separate statements did.
 *
 * - tally_refresh_customer_ledger: what refreshCustomerLedger did in 2 + n statements
 *   (each invoice in id order, the customer's deposits, then the customer) in one call;
 *   every service uses it.
 * - tally_lock_for_checkout: lock the customer (FOR UPDATE OF c), then read its active
 *   deposits and open invoices, oldest first.
 * - tally_checkout_post: insert the draft bill, its items and advance uses, take the
 *   store's counters (last, in name order, as takeCounters), number and post the bill,
 *   write each payment line (payment + allocations, and/or deposit + its transaction),
 *   refresh the ledger and return the bill. The counter rows stay locked for this one
 *   call and the COMMIT only.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE FUNCTION tally_refresh_customer_ledger(p_customer integer, p_invoices integer[])
  RETURNS TABLE (pending_balance bigint, advance_balance bigint) LANGUAGE plpgsql AS $$
  DECLARE
    v_invoice integer;
  BEGIN
    FOR v_invoice IN SELECT DISTINCT u FROM unnest(p_invoices) AS u WHERE u IS NOT NULL ORDER BY u LOOP
      UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
        FROM invoice_figures f WHERE f.id = i.id AND i.id = v_invoice;
    END LOOP;
    UPDATE advance_payments a
       SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount,
           remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
      FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = p_customer
       AND (a.utilized_amount, a.refunded_amount, a.remaining_amount, a.status::text)
           IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.remaining_amount, f.status);
    RETURN QUERY
      UPDATE customers c
         SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
             total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
             services_count = f.services_count, active_rentals = f.active_rentals
        FROM customer_figures f WHERE f.id = c.id AND c.id = p_customer
      RETURNING c.pending_balance, c.advance_balance;
  END
  $$;

  CREATE FUNCTION tally_lock_for_checkout(p_customer integer)
  RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    v_customer jsonb;
  BEGIN
    SELECT jsonb_build_object(
             'id', c.id, 'store_id', c.store_id, 'name', c.name, 'phone', c.phone,
             'pending_balance', c.pending_balance, 'advance_balance', c.advance_balance,
             'store_name', s.name, 'currency', s.currency, 'locale', s.locale, 'timezone', s.timezone,
             'invoice_prefix', s.invoice_prefix)
      INTO v_customer
      FROM customers c JOIN stores s ON s.id = c.store_id
     WHERE c.id = p_customer
       FOR UPDATE OF c;
    IF v_customer IS NULL THEN
      RETURN NULL;
    END IF;
    RETURN v_customer || jsonb_build_object(
      'deposits', (SELECT coalesce(jsonb_agg(jsonb_build_array(id, remaining_amount) ORDER BY created_at, id), '[]')
                     FROM advance_payments
                    WHERE customer_id = p_customer AND status = 'active' AND remaining_amount > 0),
      'invoices', (SELECT coalesce(jsonb_agg(jsonb_build_array(id, amount_due) ORDER BY issue_date, id), '[]')
                     FROM invoices
                    WHERE customer_id = p_customer AND status IN ('open', 'partial', 'overdue') AND amount_due > 0));
  END
  $$;

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
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP FUNCTION IF EXISTS tally_checkout_post(jsonb);
  DROP FUNCTION IF EXISTS tally_lock_for_checkout(integer);
  DROP FUNCTION IF EXISTS tally_refresh_customer_ledger(integer, integer[]);
  `)
}
