-- A payable's expected and paid amounts and its status: a card payable follows its
-- statement, any other the expenses that pay it (net of their reversals).
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
