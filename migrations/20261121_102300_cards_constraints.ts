import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Hand-written, for cards and payables: integer amounts, statements of one card that can
 * never overlap (exclusion constraint), one payable per source per month, reversals of
 * expenses, and the figures views the services refresh from and ledger:verify checks.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS btree_gist;

  ALTER TABLE credit_cards
    ALTER COLUMN closing_day TYPE integer USING closing_day::integer,
    ALTER COLUMN due_day TYPE integer USING due_day::integer,
    ALTER COLUMN credit_limit TYPE bigint USING credit_limit::bigint,
    ADD CONSTRAINT credit_cards_days_valid CHECK (closing_day BETWEEN 1 AND 31 AND due_day BETWEEN 1 AND 31),
    ADD CONSTRAINT credit_cards_last4_digits CHECK (last4 ~ '^[0-9]{4}$'),
    ADD CONSTRAINT credit_cards_limit_not_negative CHECK (coalesce(credit_limit, 0) >= 0);

  ALTER TABLE credit_card_invoices
    ALTER COLUMN total_amount TYPE bigint USING total_amount::bigint, ALTER COLUMN total_amount SET NOT NULL,
    ALTER COLUMN purchases_count TYPE integer USING purchases_count::integer, ALTER COLUMN purchases_count SET NOT NULL,
    ALTER COLUMN billing_period_days TYPE integer USING billing_period_days::integer, ALTER COLUMN billing_period_days SET NOT NULL,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ALTER COLUMN amount_due TYPE bigint USING amount_due::bigint, ALTER COLUMN amount_due SET NOT NULL,
    ALTER COLUMN is_closed SET NOT NULL,
    ADD CONSTRAINT credit_card_invoices_period_valid CHECK (end_date >= start_date AND billing_period_days > 0),
    ADD CONSTRAINT credit_card_invoices_no_overlap EXCLUDE USING gist (
      credit_card_id WITH =,
      tstzrange(start_date, end_date, '[]') WITH &&);
  CREATE UNIQUE INDEX credit_card_invoices_card_start_key ON credit_card_invoices (credit_card_id, start_date);

  ALTER TABLE payment_statuses
    ALTER COLUMN expected_amount TYPE bigint USING expected_amount::bigint,
    ALTER COLUMN amount_paid TYPE bigint USING amount_paid::bigint, ALTER COLUMN amount_paid SET NOT NULL,
    ADD CONSTRAINT payment_statuses_amounts_valid CHECK (coalesce(expected_amount, 0) >= 0 AND amount_paid >= 0),
    ADD CONSTRAINT payment_statuses_card_link CHECK ((payment_type = 'credit_card') = (credit_card_invoice_id IS NOT NULL));
  CREATE UNIQUE INDEX payment_statuses_one_per_month ON payment_statuses (store_id, lower(name), month_year) WHERE payment_type <> 'credit_card';
  CREATE UNIQUE INDEX payment_statuses_one_per_statement ON payment_statuses (credit_card_invoice_id) WHERE credit_card_invoice_id IS NOT NULL;

  -- A reversal of an expense is an income row without a customer.
  ALTER TABLE transactions DROP CONSTRAINT transactions_income_has_customer,
    ADD CONSTRAINT transactions_income_has_customer CHECK (type <> 'income' OR customer_id IS NOT NULL OR kind = 'reversal'),
    ADD CONSTRAINT transactions_card_charge_has_statement CHECK (
      NOT (kind = 'expense' AND method = 'credit_card') OR (credit_card_id IS NOT NULL AND credit_card_invoice_id IS NOT NULL));
  CREATE UNIQUE INDEX transactions_reversed_once ON transactions (reversal_of_id) WHERE reversal_of_id IS NOT NULL;

  -- Σ of a statement's rows of one kind, net of their reversals.
  CREATE VIEW statement_figures AS
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

  CREATE VIEW payable_figures AS
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

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP VIEW IF EXISTS payable_figures;
  DROP VIEW IF EXISTS statement_figures;
  DROP INDEX IF EXISTS transactions_reversed_once;
  ALTER TABLE transactions DROP CONSTRAINT IF EXISTS transactions_card_charge_has_statement;
  `)
}
