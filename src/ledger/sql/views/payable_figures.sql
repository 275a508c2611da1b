-- A payable's expected and paid amounts and its status: a card payable follows its statement
-- (of the same store), any other the expenses and card payments of its own store that name
-- it (net of their reversals) — another store's row naming it pays nothing (issue 12).
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
  LEFT JOIN credit_card_invoices s ON s.id = ps.credit_card_invoice_id AND s.store_id = ps.store_id
  LEFT JOIN LATERAL (
    SELECT sum(CASE WHEN t.kind = 'reversal' THEN -t.amount ELSE t.amount END) AS paid
      FROM transactions t LEFT JOIN transactions o ON o.id = t.reversal_of_id
     WHERE t.payment_status_id = ps.id AND t.store_id = ps.store_id
       AND (t.kind IN ('expense', 'card_payment') OR (t.kind = 'reversal' AND o.kind IN ('expense', 'card_payment')))) x ON true;
