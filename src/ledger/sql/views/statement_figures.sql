-- A card statement's figures: Σ of its store's rows of one kind (charges, payments), net of
-- their reversals, and its status.
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
     WHERE t.credit_card_invoice_id = s.id AND t.store_id = s.store_id
       AND (t.kind = 'expense' OR (t.kind = 'reversal' AND o.kind = 'expense'))) c ON true
  LEFT JOIN LATERAL (
    SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
      FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
     WHERE t.credit_card_invoice_id = s.id AND t.store_id = s.store_id
       AND (t.kind = 'card_payment' OR (t.kind = 'reversal' AND o.kind = 'card_payment'))) p ON true;
