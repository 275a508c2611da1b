-- Every derived field of an invoice, from its ledger rows (SPEC §9): paid = allocations of
-- payments + advance uses (reversals are negative rows); written off = allocations of its
-- write-off; credited = Σ its credit notes; due = total − paid − credited − written off (0
-- once void); and the status (written_off when a write-off cleared it).
CREATE VIEW invoice_figures AS
SELECT f.id,
       f.paid::bigint AS amount_paid,
       f.credited::bigint AS credited_amount,
       f.written_off::bigint AS written_off,
       (CASE WHEN f.status = 'void' THEN 0 ELSE f.total - f.paid - f.credited - f.written_off END)::bigint AS amount_due,
       CASE WHEN f.status IN ('draft', 'void') THEN f.status::text
            WHEN f.total - f.paid - f.credited - f.written_off <= 0 AND f.written_off > 0 THEN 'written_off'
            WHEN f.total - f.paid - f.credited - f.written_off <= 0 THEN 'paid'
            WHEN f.due_date IS NOT NULL
                 AND (f.due_date AT TIME ZONE 'UTC')::date < (now() AT TIME ZONE f.timezone)::date THEN 'overdue'
            WHEN f.paid > 0 THEN 'partial'
            ELSE 'open' END AS status
  FROM (
    SELECT inv.id, inv.status, inv.total, inv.due_date, s.timezone,
           coalesce(a.paid, 0) + coalesce(u.used, 0) AS paid,
           coalesce(a.written_off, 0) AS written_off,
           coalesce(c.credited, 0) AS credited
      FROM invoices inv
      JOIN stores s ON s.id = inv.store_id
      LEFT JOIN LATERAL (SELECT sum(al.amount) FILTER (WHERE t.kind <> 'write_off') AS paid,
                                sum(al.amount) FILTER (WHERE t.kind = 'write_off') AS written_off
                           FROM allocations al JOIN transactions t ON t.id = al.transaction_id
                          WHERE al.invoice_id = inv.id) a ON true
      LEFT JOIN LATERAL (SELECT sum(amount) AS used FROM advance_utilizations WHERE invoice_id = inv.id) u ON true
      LEFT JOIN LATERAL (SELECT sum(amount) AS credited FROM credit_notes WHERE invoice_id = inv.id) c ON true
  ) f;
