-- Adds p_count invoices of one status to invoice_status_totals, in this backend's own row
-- (slot = pid; see tally_daily_totals_add). A slot alone may go negative, the sums never do.
CREATE FUNCTION tally_invoice_totals_add(p_store integer, p_status enum_invoices_status, p_count integer,
                                         p_total bigint, p_due bigint, p_paid bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO invoice_status_totals AS s (store_id, status, slot, count, total, amount_due, amount_paid)
  VALUES (p_store, p_status, pg_backend_pid(), p_count, p_count * p_total, p_count * p_due, p_count * p_paid)
  ON CONFLICT (store_id, status, slot) DO UPDATE
     SET count = s.count + EXCLUDED.count, total = s.total + EXCLUDED.total,
         amount_due = s.amount_due + EXCLUDED.amount_due, amount_paid = s.amount_paid + EXCLUDED.amount_paid;
$$;
