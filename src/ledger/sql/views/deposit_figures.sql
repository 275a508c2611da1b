-- A deposit's used, refunded, reversed and forfeited amounts, what remains and its status,
-- from its ledger rows (a deposit kept from a payment is reversed with it: SPEC §9a; what
-- remains when it expires is forfeited by an advance_expiry row: SPEC §9).
CREATE VIEW deposit_figures AS
SELECT ap.id,
       coalesce(u.used, 0)::bigint AS utilized_amount,
       coalesce(r.refunded, 0)::bigint AS refunded_amount,
       (ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0) - coalesce(r.reversed, 0) - coalesce(r.forfeited, 0))::bigint AS remaining_amount,
       CASE WHEN coalesce(r.forfeited, 0) > 0 THEN 'expired'
            WHEN coalesce(r.reversed, 0) > 0 THEN 'reversed'
            WHEN ap.amount - coalesce(u.used, 0) - coalesce(r.refunded, 0) > 0 THEN 'active'
            WHEN coalesce(r.refunded, 0) > 0 THEN 'refunded'
            ELSE 'utilized' END AS status,
       coalesce(r.reversed, 0)::bigint AS reversed_amount,
       coalesce(r.forfeited, 0)::bigint AS forfeited_amount
  FROM advance_payments ap
  LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE advance_payment_id = ap.id) u ON true
  LEFT JOIN LATERAL (SELECT sum(amount) FILTER (WHERE kind = 'advance_refund') AS refunded,
                            sum(amount) FILTER (WHERE kind = 'reversal') AS reversed,
                            sum(amount) FILTER (WHERE kind = 'advance_expiry') AS forfeited
                       FROM transactions WHERE advance_payment_id = ap.id) r ON true;
