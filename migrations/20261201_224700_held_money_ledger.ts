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
 * The functions, views and triggers named here live in src/ledger/sql (payment_figures,
 * deposit_figures, customer_figures, tally_unmatched_sync, tally_unmatched_after_payment,
 * transactions_unmatched, tally_open_invoices, tally_lock_for_checkout,
 * tally_refresh_customer_ledger, tally_checkout_post, tally_collect_post, tally_insert_deposit)
 * and are applied after the migrations; this migration keeps the DDL and the one-off
 * backfills, written without them.
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

  -- The unmatched part of every payment under the new rule (a reversed payment is spent), and
  -- each customer's held money: what payment_figures and customer_figures say, stated here
  -- once for the rows that exist (the views are created after the migrations).
  INSERT INTO unmatched_payments (transaction_id, store_id, customer_id, amount)
  SELECT t.id, t.store_id, t.customer_id, t.amount - coalesce(a.allocated, 0)
    FROM transactions t
    LEFT JOIN (SELECT transaction_id, sum(amount) AS allocated FROM allocations GROUP BY transaction_id) a ON a.transaction_id = t.id
   WHERE t.kind = 'payment' AND t.amount > coalesce(a.allocated, 0)
     AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id);
  UPDATE customers c SET unmatched_credit = p.unmatched
    FROM (SELECT customer_id, sum(amount) AS unmatched FROM unmatched_payments GROUP BY customer_id) p
   WHERE p.customer_id = c.id;
  `)
}

/** The DDL back (customer_figures reads the column dropped here: the next start re-creates what is missing). */
export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP VIEW IF EXISTS customer_figures;
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
