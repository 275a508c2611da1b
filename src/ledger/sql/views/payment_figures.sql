-- What is left of a payment — the one place that says it: its amount minus its allocations,
-- and 0 once it is reversed (a bounced cheque is money never received). unmatched_payments
-- (tally_unmatched_sync), matching and the payments list read it.
CREATE VIEW payment_figures AS
SELECT t.id, t.store_id, t.customer_id, t.date, t.amount,
       coalesce(a.allocated, 0)::bigint AS allocated,
       (r.id IS NOT NULL) AS reversed,
       (CASE WHEN r.id IS NOT NULL THEN 0 ELSE t.amount - coalesce(a.allocated, 0) END)::bigint AS unmatched
  FROM transactions t
  LEFT JOIN LATERAL (SELECT sum(amount) AS allocated FROM allocations WHERE transaction_id = t.id) a ON true
  LEFT JOIN LATERAL (SELECT x.id FROM transactions x WHERE x.reversal_of_id = t.id) r ON true
 WHERE t.kind = 'payment';
