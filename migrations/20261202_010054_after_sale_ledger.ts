import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Hand-written, SPEC §9 (issue 15): what the database refuses about the after-sale fields,
 * whatever the application does, and the one-off backfill. DDL only otherwise; the views and
 * functions that read these columns live in src/ledger/sql.
 *
 * - Amounts in integer minor units (bigint), settings in whole days / months, within bounds.
 * - invoices: amountPaid + creditedAmount + writtenOff ≤ total (so amountDue ≥ 0).
 * - deposits: remaining = amount − utilized − refunded − reversed − forfeited.
 * - A write-off or a forfeit moves no money: no method; every other row has one. A deposit is
 *   forfeited once and an invoice written off once (unique), whatever runs twice.
 * - credit_notes: positive, with a reason, numbered once per store (CN-26-0001).
 * - customer_imports: which opening balances were brought in, per store, import key and phone
 *   (a row already imported is skipped).
 * - ledger_daily_totals gains bad debt written off and deposits forfeited per day.
 * - Pay-later terms: existing POS bills left with money due get their issue day as due date
 *   (terms were 0 until now); those issued before the store's today are overdue from now on.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  UPDATE stores SET credit_terms_days = 0 WHERE credit_terms_days IS NULL;
  ALTER TABLE stores
    ALTER COLUMN default_credit_limit TYPE bigint USING default_credit_limit::bigint,
    ALTER COLUMN credit_terms_days TYPE integer USING credit_terms_days::integer, ALTER COLUMN credit_terms_days SET NOT NULL,
    ALTER COLUMN advance_expiry_months TYPE integer USING advance_expiry_months::integer,
    ADD CONSTRAINT stores_credit_settings_valid CHECK (
      (default_credit_limit IS NULL OR default_credit_limit BETWEEN 0 AND 1000000000000)
      AND credit_terms_days BETWEEN 0 AND 365
      AND (advance_expiry_months IS NULL OR advance_expiry_months BETWEEN 1 AND 120));

  ALTER TABLE customers
    ALTER COLUMN credit_limit TYPE bigint USING credit_limit::bigint,
    ALTER COLUMN credit_terms_days TYPE integer USING credit_terms_days::integer,
    ADD CONSTRAINT customers_credit_settings_valid CHECK (
      (credit_limit IS NULL OR credit_limit BETWEEN 0 AND 1000000000000)
      AND (credit_terms_days IS NULL OR credit_terms_days BETWEEN 0 AND 365));

  UPDATE invoices SET credited_amount = 0 WHERE credited_amount IS NULL;
  UPDATE invoices SET written_off = 0 WHERE written_off IS NULL;
  ALTER TABLE invoices
    ALTER COLUMN credited_amount TYPE bigint USING credited_amount::bigint, ALTER COLUMN credited_amount SET NOT NULL,
    ALTER COLUMN written_off TYPE bigint USING written_off::bigint, ALTER COLUMN written_off SET NOT NULL,
    DROP CONSTRAINT invoices_amounts_valid,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal
      AND amount_paid >= 0 AND credited_amount >= 0 AND written_off >= 0
      AND amount_paid + credited_amount + written_off <= total
      AND amount_due >= 0 AND amount_due <= total),
    ADD CONSTRAINT invoices_credit_override_reason_length CHECK (length(credit_override_reason) <= 300);

  UPDATE advance_payments SET forfeited_amount = 0 WHERE forfeited_amount IS NULL;
  ALTER TABLE advance_payments
    ALTER COLUMN forfeited_amount TYPE bigint USING forfeited_amount::bigint, ALTER COLUMN forfeited_amount SET NOT NULL,
    DROP CONSTRAINT advance_payments_amounts_valid,
    ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND reversed_amount >= 0 AND forfeited_amount >= 0
      AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount - reversed_amount - forfeited_amount);

  ALTER TABLE bookings ADD CONSTRAINT bookings_credit_override_reason_length CHECK (length(credit_override_reason) <= 300);

  ALTER TABLE transactions
    ADD CONSTRAINT transactions_method_moves_money CHECK ((method IS NULL) = (kind IN ('write_off', 'advance_expiry')));
  CREATE UNIQUE INDEX transactions_one_forfeit_per_deposit ON transactions (advance_payment_id) WHERE kind = 'advance_expiry';
  CREATE UNIQUE INDEX transactions_one_write_off_per_invoice ON transactions (invoice_id) WHERE kind = 'write_off';

  ALTER TABLE credit_notes
    ALTER COLUMN amount TYPE bigint USING amount::bigint,
    ADD CONSTRAINT credit_notes_amount_positive CHECK (amount > 0 AND amount <= 1000000000000),
    ADD CONSTRAINT credit_notes_reason_given CHECK (length(btrim(reason)) BETWEEN 1 AND 300);
  CREATE UNIQUE INDEX credit_notes_store_number_key ON credit_notes (store_id, number);

  CREATE TABLE customer_imports (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    import_key varchar(64) NOT NULL,
    phone varchar NOT NULL,
    pending bigint NOT NULL CHECK (pending >= 0),
    advance bigint NOT NULL CHECK (advance >= 0),
    customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    invoice_id integer REFERENCES invoices (id) ON DELETE SET NULL,
    deposit_id integer REFERENCES advance_payments (id) ON DELETE SET NULL,
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, import_key, phone)
  );
  CREATE INDEX customer_imports_customer_idx ON customer_imports (customer_id);

  ALTER TABLE ledger_daily_totals
    ADD COLUMN written_off bigint NOT NULL DEFAULT 0,
    ADD COLUMN forfeited bigint NOT NULL DEFAULT 0;

  -- Pay-later bills issued before today are overdue once they have a due date (first, while
  -- due_date is still empty), then every pay-later bill is due on its issue day.
  UPDATE invoices i SET status = 'overdue'
    FROM stores s
   WHERE s.id = i.store_id AND i.kind = 'bill' AND i.due_date IS NULL AND i.status IN ('open', 'partial') AND i.amount_due > 0
     AND (i.issue_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE s.timezone)::date;
  UPDATE invoices SET due_date = issue_date
   WHERE kind = 'bill' AND due_date IS NULL AND status IN ('open', 'partial', 'overdue') AND amount_due > 0;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // The due dates written above stay (they are what the bills meant).
  await db.execute(sql`
  ALTER TABLE ledger_daily_totals DROP COLUMN written_off, DROP COLUMN forfeited;
  DROP TABLE customer_imports;
  DROP INDEX credit_notes_store_number_key;
  ALTER TABLE credit_notes DROP CONSTRAINT credit_notes_amount_positive, DROP CONSTRAINT credit_notes_reason_given;
  DROP INDEX transactions_one_write_off_per_invoice;
  DROP INDEX transactions_one_forfeit_per_deposit;
  ALTER TABLE transactions DROP CONSTRAINT transactions_method_moves_money;
  ALTER TABLE bookings DROP CONSTRAINT bookings_credit_override_reason_length;
  ALTER TABLE advance_payments DROP CONSTRAINT advance_payments_amounts_valid,
    ADD CONSTRAINT advance_payments_amounts_valid CHECK (
      amount > 0 AND utilized_amount >= 0 AND refunded_amount >= 0 AND reversed_amount >= 0 AND remaining_amount >= 0
      AND remaining_amount = amount - utilized_amount - refunded_amount - reversed_amount);
  ALTER TABLE invoices DROP CONSTRAINT invoices_credit_override_reason_length, DROP CONSTRAINT invoices_amounts_valid,
    ADD CONSTRAINT invoices_amounts_valid CHECK (
      coalesce(discount, 0) >= 0 AND coalesce(rate, 0) >= 0 AND subtotal >= 0 AND total >= 0 AND total <= subtotal
      AND amount_paid >= 0 AND amount_paid <= total AND amount_due >= 0 AND amount_due <= total);
  ALTER TABLE customers DROP CONSTRAINT customers_credit_settings_valid;
  ALTER TABLE stores DROP CONSTRAINT stores_credit_settings_valid;
  `)
}
