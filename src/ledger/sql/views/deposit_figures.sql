-- A deposit's used, refunded and reversed amounts, what remains and its status, from its
-- ledger rows (a deposit kept from a payment is reversed with it: SPEC §9a).
CREATE VIEW deposit_figures AS
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
