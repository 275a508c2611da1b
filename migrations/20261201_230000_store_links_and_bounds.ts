import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Issue 12 (an outside probe's findings), in the database:
 *
 * - A payable is paid by expenses of its own store, a statement by its card's charges and
 *   payments in its store: `payable_figures` and `statement_figures` count only those rows
 *   (and the reversals of those), whatever else names them. Before, any row naming the payable
 *   counted, so another store's customer payment could "pay" Salon's rent.
 * - Amounts are bounded (SPEC §1: 10^12 minor units) where they are stored — invoice totals,
 *   item prices, deposits, allocations, uses of deposits — and every figure summed from them
 *   stays a safe integer (2^53 − 1), so no balance or report can overflow the API's numbers.
 *   NOT VALID: rows already stored are not re-checked (ledger:verify reports any beyond the
 *   bounds); a void invoice is exempt, so a bill above the bound can still be voided.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE OR REPLACE VIEW payable_figures AS
  SELECT ps.id,
         (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.total_amount, 0) ELSE coalesce(ps.expected_amount, 0) END)::bigint AS expected_amount,
         (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END)::bigint AS amount_paid,
         CASE WHEN (CASE WHEN ps.payment_type = 'credit_card' THEN s.total_amount ELSE ps.expected_amount END) > 0
                   AND (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END)
                       >= (CASE WHEN ps.payment_type = 'credit_card' THEN s.total_amount ELSE ps.expected_amount END) THEN 'paid'
              WHEN (ps.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE st.timezone)::date THEN 'overdue'
              WHEN (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END) > 0 THEN 'partial'
              ELSE 'pending' END AS status
    FROM payment_statuses ps
    JOIN stores st ON st.id = ps.store_id
    LEFT JOIN credit_card_invoices s ON s.id = ps.credit_card_invoice_id AND s.store_id = ps.store_id
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
        FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
       WHERE t.payment_status_id = ps.id AND t.store_id = ps.store_id
         AND (t.kind IN ('expense', 'card_payment') OR (t.kind = 'reversal' AND o.kind IN ('expense', 'card_payment')))) x ON true;

  CREATE OR REPLACE VIEW statement_figures AS
  SELECT s.id,
         coalesce(c.total, 0)::bigint AS total_amount,
         coalesce(c.purchases, 0)::integer AS purchases_count,
         ((s.end_date AT TIME ZONE 'UTC')::date - (s.start_date AT TIME ZONE 'UTC')::date + 1)::integer AS billing_period_days,
         coalesce(p.paid, 0)::bigint AS amount_paid,
         (coalesce(c.total, 0) - coalesce(p.paid, 0))::bigint AS amount_due,
         CASE WHEN s.is_closed AND coalesce(c.total, 0) - coalesce(p.paid, 0) <= 0 THEN 'paid'
              WHEN s.is_closed AND s.due_date IS NOT NULL
                   AND (s.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE st.timezone)::date THEN 'overdue'
              WHEN coalesce(p.paid, 0) > 0 THEN 'partial'
              ELSE 'open' END AS status
    FROM credit_card_invoices s
    JOIN stores st ON st.id = s.store_id
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS total,
             count(*) FILTER (WHERE t.kind = 'expense') - count(*) FILTER (WHERE t.kind = 'reversal') AS purchases
        FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
       WHERE t.credit_card_invoice_id = s.id AND t.store_id = s.store_id
         AND (t.kind = 'expense' OR (t.kind = 'reversal' AND o.kind = 'expense'))) c ON true
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
        FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
       WHERE t.credit_card_invoice_id = s.id AND t.store_id = s.store_id
         AND (t.kind = 'card_payment' OR (t.kind = 'reversal' AND o.kind = 'card_payment'))) p ON true;

  ALTER TABLE invoices ADD CONSTRAINT invoices_amounts_bounded CHECK (
    status = 'void' OR (subtotal <= 1000000000000 AND total <= 1000000000000 AND coalesce(discount, 0) <= 1000000000000
                        AND coalesce(rate, 0) <= 1000000000000)) NOT VALID;
  ALTER TABLE invoices_items ADD CONSTRAINT invoices_items_bounded CHECK (unit_price <= 1000000000000) NOT VALID;
  ALTER TABLE advance_payments ADD CONSTRAINT advance_payments_amount_bounded CHECK (amount <= 1000000000000) NOT VALID;
  ALTER TABLE allocations ADD CONSTRAINT allocations_amount_bounded CHECK (abs(amount) <= 1000000000000) NOT VALID;
  ALTER TABLE advance_utilizations ADD CONSTRAINT advance_utilizations_amount_bounded CHECK (abs(amount) <= 1000000000000) NOT VALID;
  ALTER TABLE customers ADD CONSTRAINT customers_figures_bounded CHECK (
    pending_balance <= 9007199254740991 AND advance_balance <= 9007199254740991 AND coalesce(unmatched_credit, 0) <= 9007199254740991
    AND total_billed <= 9007199254740991 AND abs(total_paid) <= 9007199254740991) NOT VALID;
  ALTER TABLE credit_card_invoices ADD CONSTRAINT credit_card_invoices_figures_bounded CHECK (
    abs(total_amount) <= 9007199254740991 AND abs(amount_paid) <= 9007199254740991 AND abs(amount_due) <= 9007199254740991) NOT VALID;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE credit_card_invoices DROP CONSTRAINT IF EXISTS credit_card_invoices_figures_bounded;
  ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_figures_bounded;
  ALTER TABLE advance_utilizations DROP CONSTRAINT IF EXISTS advance_utilizations_amount_bounded;
  ALTER TABLE allocations DROP CONSTRAINT IF EXISTS allocations_amount_bounded;
  ALTER TABLE advance_payments DROP CONSTRAINT IF EXISTS advance_payments_amount_bounded;
  ALTER TABLE invoices_items DROP CONSTRAINT IF EXISTS invoices_items_bounded;
  ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_amounts_bounded;

  -- the views as migration cards_constraints made them
  -- Σ of a statement's rows of one kind, net of their reversals.
  CREATE OR REPLACE VIEW statement_figures AS
  SELECT s.id,
         coalesce(c.total, 0)::bigint AS total_amount,
         coalesce(c.purchases, 0)::integer AS purchases_count,
         ((s.end_date AT TIME ZONE 'UTC')::date - (s.start_date AT TIME ZONE 'UTC')::date + 1)::integer AS billing_period_days,
         coalesce(p.paid, 0)::bigint AS amount_paid,
         (coalesce(c.total, 0) - coalesce(p.paid, 0))::bigint AS amount_due,
         CASE WHEN s.is_closed AND coalesce(c.total, 0) - coalesce(p.paid, 0) <= 0 THEN 'paid'
              WHEN s.is_closed AND s.due_date IS NOT NULL
                   AND (s.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE st.timezone)::date THEN 'overdue'
              WHEN coalesce(p.paid, 0) > 0 THEN 'partial'
              ELSE 'open' END AS status
    FROM credit_card_invoices s
    JOIN stores st ON st.id = s.store_id
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS total,
             count(*) FILTER (WHERE t.kind = 'expense') - count(*) FILTER (WHERE t.kind = 'reversal') AS purchases
        FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
       WHERE t.credit_card_invoice_id = s.id AND (t.kind = 'expense' OR (t.kind = 'reversal' AND o.kind = 'expense'))) c ON true
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
        FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
       WHERE t.credit_card_invoice_id = s.id AND (t.kind = 'card_payment' OR (t.kind = 'reversal' AND o.kind = 'card_payment'))) p ON true;

  CREATE OR REPLACE VIEW payable_figures AS
  SELECT ps.id,
         (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.total_amount, 0) ELSE coalesce(ps.expected_amount, 0) END)::bigint AS expected_amount,
         (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END)::bigint AS amount_paid,
         CASE WHEN (CASE WHEN ps.payment_type = 'credit_card' THEN s.total_amount ELSE ps.expected_amount END) > 0
                   AND (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END)
                       >= (CASE WHEN ps.payment_type = 'credit_card' THEN s.total_amount ELSE ps.expected_amount END) THEN 'paid'
              WHEN (ps.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE st.timezone)::date THEN 'overdue'
              WHEN (CASE WHEN ps.payment_type = 'credit_card' THEN coalesce(s.amount_paid, 0) ELSE coalesce(x.paid, 0) END) > 0 THEN 'partial'
              ELSE 'pending' END AS status
    FROM payment_statuses ps
    JOIN stores st ON st.id = ps.store_id
    LEFT JOIN credit_card_invoices s ON s.id = ps.credit_card_invoice_id
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN kind = 'reversal' THEN -amount ELSE amount END) AS paid
        FROM transactions WHERE payment_status_id = ps.id) x ON true;
  `)
}
