-- A customer's invoices that still take money, in the order money is applied to them: oldest
-- first (issue day, then id) — the one home of that order. The open statuses restate
-- OPEN_INVOICE_STATUSES (src/domain/invoice.ts; held equal by src/ledger/rules.test.ts).
CREATE FUNCTION tally_open_invoices(p_customer integer)
RETURNS TABLE (id integer, amount_due bigint, seq bigint) LANGUAGE sql STABLE AS $$
  SELECT i.id, i.amount_due, row_number() OVER (ORDER BY i.issue_date, i.id)
    FROM invoices i
   WHERE i.customer_id = p_customer AND i.status IN ('open', 'partial', 'overdue') AND i.amount_due > 0
   ORDER BY i.issue_date, i.id;
$$;
