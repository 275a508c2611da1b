-- A customer's balances and counters, from its posted invoices, active deposits, transactions
-- and held money (unmatched_payments) — read after those were refreshed: see
-- tally_refresh_customer_ledger. Billed is net of credit notes; paid is money received less
-- money given back (a write-off or a forfeit moves no money).
CREATE VIEW customer_figures AS
SELECT c.id,
       coalesce(i.pending, 0)::bigint AS pending_balance,
       coalesce(d.held, 0)::bigint AS advance_balance,
       coalesce(i.billed, 0)::bigint AS total_billed,
       coalesce(t.paid, 0)::bigint AS total_paid,
       coalesce(i.visits, 0)::integer AS visits,
       i.last_visit AS last_visit_at,
       coalesce(i.services, 0)::integer AS services_count,
       coalesce(i.active, 0)::integer AS active_rentals,
       coalesce(p.unmatched, 0)::bigint AS unmatched_credit
  FROM customers c
  JOIN stores s ON s.id = c.store_id
  LEFT JOIN LATERAL (
    SELECT sum(inv.amount_due) AS pending,
           sum(inv.total - inv.credited_amount) AS billed,
           count(*) FILTER (WHERE inv.kind = 'bill') AS visits,
           max(inv.posted_at) FILTER (WHERE inv.kind = 'bill') AS last_visit,
           count(*) FILTER (WHERE inv.kind = 'timesheet') AS services,
           count(*) FILTER (WHERE inv.kind = 'timesheet'
             AND (inv.period_start IS NULL OR (inv.period_start AT TIME ZONE 'UTC')::date <= (now() AT TIME ZONE s.timezone)::date)
             AND (inv.period_end IS NULL OR (inv.period_end AT TIME ZONE 'UTC')::date >= (now() AT TIME ZONE s.timezone)::date)) AS active
      FROM invoices inv
     WHERE inv.customer_id = c.id AND inv.status NOT IN ('draft', 'void')) i ON true
  LEFT JOIN LATERAL (
    SELECT sum(remaining_amount) AS held FROM advance_payments WHERE customer_id = c.id AND status = 'active') d ON true
  LEFT JOIN LATERAL (
    SELECT sum(CASE WHEN kind IN ('write_off', 'advance_expiry') THEN 0 WHEN type = 'income' THEN amount ELSE -amount END) AS paid
      FROM transactions WHERE customer_id = c.id) t ON true
  LEFT JOIN LATERAL (
    SELECT sum(u.amount) AS unmatched FROM unmatched_payments u WHERE u.customer_id = c.id) p ON true;
