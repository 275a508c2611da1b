import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Hand-written: what the database itself must refuse or derive, whatever the application
 * does. Amounts become integer minor units (bigint), balances cannot go negative, ledger
 * rows cannot be updated or deleted, phones and invoice numbers are unique per store, and
 * the *_figures views recompute every derived field from the ledger (used by the services
 * to refresh and by ledger:verify to check).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE customers
    ALTER COLUMN pending_balance TYPE bigint USING pending_balance::bigint, ALTER COLUMN pending_balance SET NOT NULL,
    ALTER COLUMN advance_balance TYPE bigint USING advance_balance::bigint, ALTER COLUMN advance_balance SET NOT NULL,
    ALTER COLUMN total_billed TYPE bigint USING total_billed::bigint, ALTER COLUMN total_billed SET NOT NULL,
    ALTER COLUMN total_paid TYPE bigint USING total_paid::bigint, ALTER COLUMN total_paid SET NOT NULL,
    ALTER COLUMN visits TYPE integer USING visits::integer, ALTER COLUMN visits SET NOT NULL,
    ALTER COLUMN services_count TYPE integer USING services_count::integer, ALTER COLUMN services_count SET NOT NULL,
    ALTER COLUMN active_rentals TYPE integer USING active_rentals::integer, ALTER COLUMN active_rentals SET NOT NULL,
    ADD CONSTRAINT customers_balances_not_negative
      CHECK (pending_balance >= 0 AND advance_balance >= 0 AND total_billed >= 0 AND visits >= 0
             AND services_count >= 0 AND active_rentals >= 0);
  CREATE UNIQUE INDEX customers_store_phone_key ON customers (store_id, phone);

  ALTER TABLE assets ALTER COLUMN rate TYPE bigint USING rate::bigint, ADD CONSTRAINT assets_rate_not_negative CHECK (rate >= 0);

  ALTER TABLE invoices
    ALTER COLUMN discount TYPE bigint USING discount::bigint,
    ALTER COLUMN rate TYPE bigint USING rate::bigint,
    ALTER COLUMN subtotal TYPE bigint USING subtotal::bigint, ALTER COLUMN subtotal SET NOT NULL,
    ALTER COLUMN total TYPE bigint USING total::bigint, ALTER COLUMN total SET NOT NULL,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ALTER COLUMN amount_due TYPE bigint USING amount_due::bigint, ALTER COLUMN amount_due SET NOT NULL,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total),
    ADD CONSTRAINT invoices_complimentary_is_free CHECK (NOT coalesce(complimentary, false) OR total = 0),
    ADD CONSTRAINT invoices_posted_have_number CHECK (status = 'draft' OR number IS NOT NULL);
  CREATE UNIQUE INDEX invoices_store_number_key ON invoices (store_id, number) WHERE number IS NOT NULL;
  CREATE INDEX invoices_customer_open_idx ON invoices (customer_id, issue_date, id) WHERE status IN ('open', 'partial', 'overdue');
  CREATE INDEX invoices_store_status_idx ON invoices (store_id, status);

  ALTER TABLE invoices_items
    ALTER COLUMN unit_price TYPE bigint USING unit_price::bigint,
    ADD CONSTRAINT invoices_items_valid CHECK (unit_price >= 0 AND quantity > 0);

  ALTER TABLE transactions
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT transactions_amount_positive CHECK (amount > 0 AND amount <= 1000000000000),
    ADD CONSTRAINT transactions_income_has_customer CHECK (type <> 'income' OR customer_id IS NOT NULL);
  CREATE INDEX transactions_store_date_idx ON transactions (store_id, date);

  ALTER TABLE allocations
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT allocations_amount_valid CHECK (amount > 0 OR (amount < 0 AND reversal_of_id IS NOT NULL));
  CREATE UNIQUE INDEX allocations_reversed_once ON allocations (reversal_of_id) WHERE reversal_of_id IS NOT NULL;

  ALTER TABLE advance_payments
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ALTER COLUMN utilized_amount TYPE bigint USING utilized_amount::bigint, ALTER COLUMN utilized_amount SET NOT NULL,
    ALTER COLUMN refunded_amount TYPE bigint USING refunded_amount::bigint, ALTER COLUMN refunded_amount SET NOT NULL,
    ALTER COLUMN remaining_amount TYPE bigint USING remaining_amount::bigint, ALTER COLUMN remaining_amount SET NOT NULL,
    ALTER COLUMN status SET NOT NULL,
    ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount);
  CREATE INDEX advance_payments_customer_active_idx ON advance_payments (customer_id, created_at, id) WHERE status = 'active';

  ALTER TABLE advance_utilizations
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT advance_utilizations_amount_valid CHECK (amount > 0 OR (amount < 0 AND reversal_of_id IS NOT NULL));
  CREATE UNIQUE INDEX advance_utilizations_reversed_once ON advance_utilizations (reversal_of_id) WHERE reversal_of_id IS NOT NULL;

  ALTER TABLE bookings ALTER COLUMN advance_amount TYPE bigint USING advance_amount::bigint,
    ADD CONSTRAINT bookings_advance_not_negative CHECK (coalesce(advance_amount, 0) >= 0);
  ALTER TABLE bookings_services ALTER COLUMN price TYPE bigint USING price::bigint,
    ADD CONSTRAINT bookings_services_price_not_negative CHECK (price >= 0);

  CREATE TABLE ledger_counters (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name varchar NOT NULL,
    last_value bigint NOT NULL CHECK (last_value > 0),
    PRIMARY KEY (store_id, name)
  );

  CREATE TABLE idempotency_keys (
    owner varchar NOT NULL,
    key varchar NOT NULL,
    request_hash char(64) NOT NULL,
    response_status integer,
    response_body jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    PRIMARY KEY (owner, key)
  );

  CREATE FUNCTION tally_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'ledger rows are append-only: % on % is not allowed; record a reversing entry instead', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'restrict_violation';
  END $$;
  CREATE TRIGGER transactions_append_only BEFORE UPDATE OR DELETE ON transactions
    FOR EACH ROW EXECUTE FUNCTION tally_ledger_append_only();
  CREATE TRIGGER allocations_append_only BEFORE UPDATE OR DELETE ON allocations
    FOR EACH ROW EXECUTE FUNCTION tally_ledger_append_only();
  CREATE TRIGGER advance_utilizations_append_only BEFORE UPDATE OR DELETE ON advance_utilizations
    FOR EACH ROW EXECUTE FUNCTION tally_ledger_append_only();

  CREATE VIEW invoice_figures AS
  SELECT inv.id,
         (coalesce(a.paid, 0) + coalesce(u.used, 0))::bigint AS amount_paid,
         (CASE WHEN inv.status = 'void' THEN 0 ELSE inv.total - coalesce(a.paid, 0) - coalesce(u.used, 0) END)::bigint AS amount_due,
         CASE WHEN inv.status IN ('draft', 'void') THEN inv.status::text
              WHEN inv.total - coalesce(a.paid, 0) - coalesce(u.used, 0) <= 0 THEN 'paid'
              WHEN inv.due_date IS NOT NULL
                   AND (inv.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE s.timezone)::date THEN 'overdue'
              WHEN coalesce(a.paid, 0) + coalesce(u.used, 0) > 0 THEN 'partial'
              ELSE 'open' END AS status
    FROM invoices inv
    JOIN stores s ON s.id = inv.store_id
    LEFT JOIN LATERAL (SELECT sum(amount) AS paid FROM allocations WHERE invoice_id = inv.id) a ON true
    LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE invoice_id = inv.id) u ON true;

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
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP VIEW IF EXISTS customer_figures;
  DROP VIEW IF EXISTS deposit_figures;
  DROP VIEW IF EXISTS invoice_figures;
  DROP TRIGGER IF EXISTS transactions_append_only ON transactions;
  DROP TRIGGER IF EXISTS allocations_append_only ON allocations;
  DROP TRIGGER IF EXISTS advance_utilizations_append_only ON advance_utilizations;
  DROP FUNCTION IF EXISTS tally_ledger_append_only();
  DROP TABLE IF EXISTS idempotency_keys;
  DROP TABLE IF EXISTS ledger_counters;
  DROP INDEX IF EXISTS customers_store_phone_key;
  DROP INDEX IF EXISTS invoices_store_number_key;
  `)
}
