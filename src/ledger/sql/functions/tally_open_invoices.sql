-- A customer's invoices that still take money, in the order money is applied to them — the
-- one SQL home of "oldest first" (SPEC §9a): earliest due day (a bill without terms is due on
-- its issue day; both are store calendar days), then issue date, then number (same prefix and
-- year: shorter first, then by character). compareOldestFirst in src/domain/allocation.ts is
-- the rule in TypeScript; src/ledger/parity.test.ts holds the two equal. The open statuses
-- restate OPEN_INVOICE_STATUSES (src/domain/invoice.ts; held equal by the same tests).
CREATE FUNCTION tally_open_invoices(p_customer integer)
RETURNS TABLE (id integer, amount_due bigint, due_day date, issue_date timestamptz, number varchar, seq bigint)
LANGUAGE sql STABLE AS $$
  SELECT o.id, o.amount_due, o.due_day, o.issue_date, o.number,
         row_number() OVER (ORDER BY o.due_day, o.issue_date, length(o.number), o.number COLLATE "C", o.id)
    FROM (SELECT i.id, i.amount_due::bigint AS amount_due, i.issue_date, i.number,
                 (coalesce(i.due_date, i.issue_date) AT TIME ZONE 'UTC')::date AS due_day
            FROM invoices i
           WHERE i.customer_id = p_customer AND i.status IN ('open', 'partial', 'overdue') AND i.amount_due > 0) o
   ORDER BY 6
$$;
