-- Every derived field of an invoice, from its ledger rows: paid = allocations + advance uses
-- (reversals are negative rows), due = total − paid (0 once void), and the status.
CREATE VIEW invoice_figures AS
SELECT inv.id,
       (coalesce(a.paid, 0) + coalesce(u.used, 0))::bigint AS amount_paid,
       (CASE WHEN inv.status = 'void' THEN 0 ELSE inv.total - coalesce(a.paid, 0) - coalesce(u.used, 0) END)::bigint AS amount_due,
       CASE WHEN inv.status IN ('draft', 'void') THEN inv.status::text
            WHEN inv.total - coalesce(a.paid, 0) - coalesce(u.used, 0) <= 0 THEN 'paid'
            WHEN inv.due_date IS NOT NULL
                 AND (inv.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE s.timezone)::date THEN 'overdue'
            WHEN coalesce(a.paid, 0) + coalesce(u.used, 0) > 0 THEN 'partial'
            ELSE 'open' END AS status
  FROM invoices inv
  JOIN stores s ON s.id = inv.store_id
  LEFT JOIN LATERAL (SELECT sum(amount) AS paid FROM allocations WHERE invoice_id = inv.id) a ON true
  LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE invoice_id = inv.id) u ON true;
