import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Hand-written, SPEC §9a (issue 21): money already received.
 *
 * - `payment_figures`: the one place that says what is left of a payment — amount minus its
 *   allocations, and 0 once it is reversed (a bounced cheque is money never received). The
 *   unmatched_payments trigger, matchPayment and the payments list read it; before, four
 *   places computed amount − allocations and a reversed payment stayed unmatched and could
 *   be matched again. The trigger now also runs when a reversal is written.
 * - customers.unmatched_credit (held money, SPEC §9a) = Σ the customer's unmatched_payments
 *   rows (which now carry customer_id): a few rows, not every payment the customer ever made,
 *   so a customer with thousands of payments refreshes as fast as before. The refresh runs
 *   the deferred unmatched triggers queued so far first (SET CONSTRAINTS … IMMEDIATE), so
 *   those rows are current; ledger:verify recomputes both from the ledger rows on its own.
 * - A deposit kept from a payment's excess points at that payment (`from_payment_id`, set by
 *   checkout and collect; earlier ones are linked below by the transaction that wrote them),
 *   so reversing the payment reverses the deposit too: `deposit_figures` counts reversal
 *   entries against it (`reversed_amount`, status `reversed`).
 * - `tally_open_invoices(customer)`: "oldest first" (SPEC §9a) in one place — earliest due
 *   day (a bill without terms is due on its issue day; both are calendar days, see
 *   migration store_days), then issue date,
 *   then number. src/domain/allocation.ts states the same rule (compareOldestFirst); a
 *   fast-check test holds the two equal. Checkout, collect, client payments, logged payments
 *   and autoApplyCredits all take their invoices from it.
 * - tally_refresh_customer_ledger also refreshes `reversed_amount` and `unmatched_credit`
 *   (and returns it); tally_checkout_post and tally_collect_post link the excess deposit.
 *
 * Each function or view changed here carries its complete new body.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  UPDATE customers SET unmatched_credit = 0 WHERE unmatched_credit IS NULL;
  ALTER TABLE customers
    ALTER COLUMN unmatched_credit TYPE bigint USING unmatched_credit::bigint, ALTER COLUMN unmatched_credit SET NOT NULL,
    ADD CONSTRAINT customers_unmatched_credit_not_negative CHECK (unmatched_credit >= 0);

  UPDATE advance_payments SET reversed_amount = 0 WHERE reversed_amount IS NULL;
  ALTER TABLE advance_payments
    ALTER COLUMN reversed_amount TYPE bigint USING reversed_amount::bigint, ALTER COLUMN reversed_amount SET NOT NULL,
    DROP CONSTRAINT advance_payments_amounts_valid,
    ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND reversed_amount >= 0 AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount - reversed_amount);

  UPDATE stores SET auto_apply_credits = false WHERE auto_apply_credits IS NULL;
  ALTER TABLE stores ALTER COLUMN auto_apply_credits SET NOT NULL;

  ALTER TABLE allocations ADD CONSTRAINT allocations_reason_length CHECK (length(reason) <= 500);

  -- unmatched_payments also says whose money it is (customers.unmatched_credit sums it);
  -- it is rebuilt below with the new rule.
  DELETE FROM unmatched_payments;
  ALTER TABLE unmatched_payments ADD COLUMN customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE;
  CREATE INDEX unmatched_payments_customer_idx ON unmatched_payments (customer_id);

  -- Deposits kept from a payment's excess before this migration: the checkout or collect that
  -- wrote them wrote the payment just before, in the same database transaction (same
  -- created_at, same customer and method).
  UPDATE advance_payments ap
     SET from_payment_id = (
       SELECT max(t.id) FROM transactions t JOIN transactions d ON d.id = ap.transaction_id
        WHERE t.customer_id = ap.customer_id AND t.kind = 'payment' AND t.created_at = d.created_at
          AND t.method::text = ap.method::text AND t.id < d.id)
   WHERE ap.from_payment_id IS NULL AND ap.transaction_id IS NOT NULL
     AND (ap.notes = 'Excess of a payment kept as advance' OR ap.notes LIKE 'Excess kept as advance at checkout %');

  CREATE VIEW payment_figures AS
  SELECT t.id, t.store_id, t.customer_id, t.date, t.amount,
         coalesce(a.allocated, 0)::bigint AS allocated,
         (r.id IS NOT NULL) AS reversed,
         (CASE WHEN r.id IS NOT NULL THEN 0 ELSE t.amount - coalesce(a.allocated, 0) END)::bigint AS unmatched
    FROM transactions t
    LEFT JOIN LATERAL (SELECT sum(amount) AS allocated FROM allocations WHERE transaction_id = t.id) a ON true
    LEFT JOIN LATERAL (SELECT x.id FROM transactions x WHERE x.reversal_of_id = t.id) r ON true
   WHERE t.kind = 'payment';

  CREATE OR REPLACE VIEW deposit_figures AS
  SELECT ap.id,
         coalesce(u.used, 0)::bigint AS utilized_amount,
         coalesce(r.refunded, 0)::bigint AS refunded_amount,
         (ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0) - coalesce(v.reversed, 0))::bigint AS remaining_amount,
         CASE WHEN ap.status = 'expired' THEN 'expired'
              WHEN coalesce(v.reversed, 0) > 0 THEN 'reversed'
              WHEN ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0) > 0 THEN 'active'
              WHEN coalesce(r.refunded, 0) > 0 THEN 'refunded'
              ELSE 'utilized' END AS status,
         coalesce(v.reversed, 0)::bigint AS reversed_amount
    FROM advance_payments ap
    LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE advance_payment_id = ap.id) u ON true
    LEFT JOIN LATERAL (SELECT sum(amount) AS refunded FROM transactions
                        WHERE advance_payment_id = ap.id AND kind = 'advance_refund') r ON true
    LEFT JOIN LATERAL (SELECT sum(amount) AS reversed FROM transactions
                        WHERE advance_payment_id = ap.id AND kind = 'reversal') v ON true;

  CREATE OR REPLACE VIEW customer_figures AS
  SELECT c.id,
         coalesce(i.pending, 0)::bigint AS pending_balance,
         coalesce(d.held, 0)::bigint AS advance_balance,
         coalesce(i.billed, 0)::bigint AS total_billed,
         coalesce(t.paid, 0)::bigint AS total_paid,
         coalesce(i.visits, 0)::integer AS visits,
         i.last_visit AS last_visit_at,
         coalesce(i.services, 0)::integer AS services_count,
         coalesce(i.active, 0)::integer AS active_rentals,
         coalesce(p.unmatched, 0)::bigint AS unmatched_credit
    FROM customers c
    JOIN stores s ON s.id = c.store_id
    LEFT JOIN LATERAL (
      SELECT sum(inv.amount_due) AS pending,
             sum(inv.total) AS billed,
             count(*) FILTER (WHERE inv.kind = 'bill') AS visits,
             max(inv.posted_at) FILTER (WHERE inv.kind = 'bill') AS last_visit,
             count(*) FILTER (WHERE inv.kind = 'timesheet') AS services,
             count(*) FILTER (WHERE inv.kind = 'timesheet'
               AND (inv.period_start IS NULL OR (inv.period_start AT TIME ZONE 'UTC')::date <= (now() AT TIME ZONE s.timezone)::date)
               AND (inv.period_end IS NULL OR (inv.period_end AT TIME ZONE 'UTC')::date >= (now() AT TIME ZONE s.timezone)::date)) AS active
        FROM invoices inv
       WHERE inv.customer_id = c.id AND inv.status NOT IN ('draft', 'void')) i ON true
    LEFT JOIN LATERAL (
      SELECT sum(remaining_amount) AS held FROM advance_payments WHERE customer_id = c.id AND status = 'active') d ON true
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN kind = 'write_off' THEN 0 WHEN type = 'income' THEN amount ELSE -amount END) AS paid
        FROM transactions WHERE customer_id = c.id) t ON true
    LEFT JOIN LATERAL (
      SELECT sum(u.amount) AS unmatched FROM unmatched_payments u WHERE u.customer_id = c.id) p ON true;

  CREATE OR REPLACE FUNCTION tally_unmatched_sync(p_transaction integer) RETURNS void LANGUAGE plpgsql AS $$
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

  -- A payment's own insert, and the insert of the reversal that spends it.
  CREATE OR REPLACE FUNCTION tally_unmatched_after_payment() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM tally_unmatched_sync(coalesce(NEW.reversal_of_id, NEW.id));
    RETURN NULL;
  END $$;

  DROP TRIGGER transactions_unmatched ON transactions;
  CREATE CONSTRAINT TRIGGER transactions_unmatched AFTER INSERT ON transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind IN ('payment', 'reversal'))
    EXECUTE FUNCTION tally_unmatched_after_payment();

  INSERT INTO unmatched_payments (transaction_id, store_id, customer_id, amount)
  SELECT id, store_id, customer_id, unmatched FROM payment_figures WHERE unmatched > 0;

  -- SPEC §9a "oldest first": earliest due day (a due date is date-only, stored at noon UTC;
  -- none: the store-local day it was issued), then issue date, then number (same prefix and
  -- year: shorter first, then by character). Same rule as compareOldestFirst / dueDayOf in
  -- src/domain/allocation.ts.
  CREATE FUNCTION tally_open_invoices(p_customer integer)
  RETURNS TABLE (id integer, amount_due bigint, due_day date, issue_date timestamptz, number varchar, seq bigint)
  LANGUAGE sql STABLE AS $$
    SELECT o.id, o.amount_due, o.due_day, o.issue_date, o.number,
           row_number() OVER (ORDER BY o.due_day, o.issue_date, length(o.number), o.number COLLATE "C", o.id)
      FROM (SELECT i.id, i.amount_due::bigint AS amount_due, i.issue_date, i.number,
                   (coalesce(i.due_date, i.issue_date) AT TIME ZONE 'UTC')::date AS due_day
              FROM invoices i
             WHERE i.customer_id = p_customer AND i.status IN ('open', 'partial', 'overdue') AND i.amount_due > 0) o
     ORDER BY 6
  $$;

  CREATE OR REPLACE FUNCTION tally_lock_for_checkout(p_customer integer)
  RETURNS jsonb LANGUAGE plpgsql AS $$
  DECLARE
    v_customer jsonb;
  BEGIN
    SELECT jsonb_build_object(
             'id', c.id, 'store_id', c.store_id, 'name', c.name, 'phone', c.phone,
             'pending_balance', c.pending_balance, 'advance_balance', c.advance_balance, 'unmatched_credit', c.unmatched_credit,
             'store_name', s.name, 'currency', s.currency, 'locale', s.locale, 'timezone', s.timezone,
             'invoice_prefix', s.invoice_prefix, 'auto_apply_credits', s.auto_apply_credits)
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
      'invoices', (SELECT coalesce(jsonb_agg(jsonb_build_array(o.id, o.amount_due) ORDER BY o.seq), '[]')
                     FROM tally_open_invoices(p_customer) o));
  END
  $$;

  DROP FUNCTION tally_refresh_customer_ledger(integer, integer[]);
  CREATE FUNCTION tally_refresh_customer_ledger(p_customer integer, p_invoices integer[])
  RETURNS TABLE (pending_balance bigint, advance_balance bigint, unmatched_credit bigint) LANGUAGE plpgsql AS $$
  DECLARE
    v_invoice integer;
  BEGIN
    -- unmatched_payments is synced by deferred triggers; run the ones this transaction has
    -- queued so far now (each once, as at COMMIT), so the customer's unmatched_credit below
    -- sums current rows. Later writes are deferred again.
    SET CONSTRAINTS transactions_unmatched, allocations_unmatched IMMEDIATE;
    SET CONSTRAINTS transactions_unmatched, allocations_unmatched DEFERRED;
    FOR v_invoice IN SELECT DISTINCT u FROM unnest(p_invoices) AS u WHERE u IS NOT NULL ORDER BY u LOOP
      UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
        FROM invoice_figures f WHERE f.id = i.id AND i.id = v_invoice;
    END LOOP;
    UPDATE advance_payments a
       SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount, reversed_amount = f.reversed_amount,
           remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
      FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = p_customer
       AND (a.utilized_amount, a.refunded_amount, a.reversed_amount, a.remaining_amount, a.status::text)
           IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.reversed_amount, f.remaining_amount, f.status);
    RETURN QUERY
      UPDATE customers c
         SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
             total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
             services_count = f.services_count, active_rentals = f.active_rentals, unmatched_credit = f.unmatched_credit
        FROM customer_figures f WHERE f.id = c.id AND c.id = p_customer
      RETURNING c.pending_balance, c.advance_balance, c.unmatched_credit;
  END
  $$;

  CREATE OR REPLACE FUNCTION tally_checkout_post(p jsonb)
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
        -- insertDeposit: the deposit, the income transaction that brought the money, the link;
        -- a deposit kept from this line's payment points at it (reversed with it).
        INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                      status, utilized_amount, refunded_amount, reversed_amount, remaining_amount, notes,
                                      created_by_id, from_payment_id)
        VALUES (v_store, v_customer, 'direct', v_number, v_kept, v_method::enum_advance_payments_method,
                CASE WHEN v_applied > 0 THEN NULL ELSE v_given END, 'active', 0, 0, 0, v_kept,
                'Excess kept as advance at checkout ' || v_number, v_created_by,
                CASE WHEN v_applied > 0 THEN v_tx END)
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

  CREATE OR REPLACE FUNCTION tally_collect_post(p jsonb)
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
      -- The excess of the payment just written (v_tx; none when nothing was owed) is held as
      -- a deposit that points at it, so reversing the payment reverses the deposit too.
      INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                    status, utilized_amount, refunded_amount, reversed_amount, remaining_amount, notes,
                                    created_by_id, from_payment_id)
      VALUES (v_store, v_customer, 'direct', NULL, v_leftover, v_method::enum_advance_payments_method,
              CASE WHEN v_collected > 0 THEN NULL ELSE v_given END, 'active', 0, 0, 0, v_leftover,
              'Excess of a payment kept as advance', v_created_by, v_tx)
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

  UPDATE customers c SET unmatched_credit = p.unmatched
    FROM (SELECT customer_id, sum(amount) AS unmatched FROM unmatched_payments GROUP BY customer_id) p
   WHERE p.customer_id = c.id;
  `)
}

/** Puts back the bodies of migrations report_totals, ledger_constraints, checkout_tail and collect_post. */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER transactions_unmatched ON transactions;
  CREATE CONSTRAINT TRIGGER transactions_unmatched AFTER INSERT ON transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'payment') EXECUTE FUNCTION tally_unmatched_after_payment();

  CREATE OR REPLACE FUNCTION tally_unmatched_after_payment() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM tally_unmatched_sync(NEW.id);
    RETURN NULL;
  END $$;

  CREATE OR REPLACE FUNCTION tally_unmatched_sync(p_transaction integer) RETURNS void LANGUAGE plpgsql AS $$
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

  DROP FUNCTION tally_refresh_customer_ledger(integer, integer[]);
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

  CREATE OR REPLACE FUNCTION tally_lock_for_checkout(p_customer integer)
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

  DROP FUNCTION tally_open_invoices(integer);

  CREATE OR REPLACE FUNCTION tally_checkout_post(p jsonb)
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

  CREATE OR REPLACE FUNCTION tally_collect_post(p jsonb)
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

  DROP VIEW customer_figures;
  DROP VIEW deposit_figures;
  DROP VIEW payment_figures;
  CREATE VIEW deposit_figures AS
  SELECT ap.id,
         coalesce(u.used, 0)::bigint AS utilized_amount,
         coalesce(r.refunded, 0)::bigint AS refunded_amount,
         (ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0))::bigint AS remaining_amount,
         CASE WHEN ap.status = 'expired' THEN 'expired'
              WHEN ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0) > 0 THEN 'active'
              WHEN coalesce(r.refunded, 0) > 0 THEN 'refunded'
              ELSE 'utilized' END AS status
    FROM advance_payments ap
    LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE advance_payment_id = ap.id) u ON true
    LEFT JOIN LATERAL (SELECT sum(amount) AS refunded FROM transactions
                        WHERE advance_payment_id = ap.id AND kind = 'advance_refund') r ON true;

  CREATE VIEW customer_figures AS
  SELECT c.id,
         coalesce(i.pending, 0)::bigint AS pending_balance,
         coalesce(d.held, 0)::bigint AS advance_balance,
         coalesce(i.billed, 0)::bigint AS total_billed,
         coalesce(t.paid, 0)::bigint AS total_paid,
         coalesce(i.visits, 0)::integer AS visits,
         i.last_visit AS last_visit_at,
         coalesce(i.services, 0)::integer AS services_count,
         coalesce(i.active, 0)::integer AS active_rentals
    FROM customers c
    JOIN stores s ON s.id = c.store_id
    LEFT JOIN LATERAL (
      SELECT sum(inv.amount_due) AS pending,
             sum(inv.total) AS billed,
             count(*) FILTER (WHERE inv.kind = 'bill') AS visits,
             max(inv.posted_at) FILTER (WHERE inv.kind = 'bill') AS last_visit,
             count(*) FILTER (WHERE inv.kind = 'timesheet') AS services,
             count(*) FILTER (WHERE inv.kind = 'timesheet'
               AND (inv.period_start IS NULL OR (inv.period_start AT TIME ZONE 'UTC')::date <= (now() AT TIME ZONE s.timezone)::date)
               AND (inv.period_end IS NULL OR (inv.period_end AT TIME ZONE 'UTC')::date >= (now() AT TIME ZONE s.timezone)::date)) AS active
        FROM invoices inv
       WHERE inv.customer_id = c.id AND inv.status NOT IN ('draft', 'void')) i ON true
    LEFT JOIN LATERAL (
      SELECT sum(remaining_amount) AS held FROM advance_payments WHERE customer_id = c.id AND status = 'active') d ON true
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN kind = 'write_off' THEN 0 WHEN type = 'income' THEN amount ELSE -amount END) AS paid
        FROM transactions WHERE customer_id = c.id) t ON true;

  DELETE FROM unmatched_payments;
  ALTER TABLE unmatched_payments DROP COLUMN customer_id;
  INSERT INTO unmatched_payments (transaction_id, store_id, amount)
  SELECT t.id, t.store_id, t.amount - coalesce(a.allocated, 0)
    FROM transactions t
    LEFT JOIN (SELECT transaction_id, sum(amount) AS allocated FROM allocations GROUP BY transaction_id) a ON a.transaction_id = t.id
   WHERE t.kind = 'payment' AND t.amount > coalesce(a.allocated, 0);

  -- Deposits reversed with their payment read as refunded under the old rules.
  ALTER TABLE advance_payments DROP CONSTRAINT advance_payments_amounts_valid;
  UPDATE advance_payments SET refunded_amount = refunded_amount + reversed_amount, reversed_amount = 0, status = 'refunded'
   WHERE reversed_amount > 0;
  ALTER TABLE advance_payments ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount);
  ALTER TABLE allocations DROP CONSTRAINT allocations_reason_length;
  ALTER TABLE stores ALTER COLUMN auto_apply_credits DROP NOT NULL;
  ALTER TABLE customers DROP CONSTRAINT customers_unmatched_credit_not_negative;
  `)
}
