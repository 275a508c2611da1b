-- tally_refresh_customer_ledger for many customers at once (a bulk import): the given
-- invoices, the customers' deposits, then the customers' own figures, each one statement
-- from the *_figures views — the same refresh, planned once instead of once per customer.
CREATE FUNCTION tally_refresh_customers(p_customers integer[], p_invoices integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  SET CONSTRAINTS transactions_unmatched, allocations_unmatched IMMEDIATE;
  SET CONSTRAINTS transactions_unmatched, allocations_unmatched DEFERRED;
  UPDATE invoices i SET amount_paid = f.amount_paid, credited_amount = f.credited_amount, written_off = f.written_off,
                        amount_due = f.amount_due, status = f.status::enum_invoices_status
    FROM invoice_figures f WHERE f.id = i.id AND i.id = ANY(p_invoices);
  UPDATE advance_payments a
     SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount, reversed_amount = f.reversed_amount,
         forfeited_amount = f.forfeited_amount, remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
    FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = ANY(p_customers)
     AND (a.utilized_amount, a.refunded_amount, a.reversed_amount, a.forfeited_amount, a.remaining_amount, a.status::text)
         IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.reversed_amount, f.forfeited_amount, f.remaining_amount, f.status);
  UPDATE customers c
     SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
         total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
         services_count = f.services_count, active_rentals = f.active_rentals, unmatched_credit = f.unmatched_credit
    FROM customer_figures f WHERE f.id = c.id AND c.id = ANY(p_customers);
END
$$;
