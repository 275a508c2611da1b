-- After any money operation on a customer: the given invoices (in id order), the customer's
-- deposits, then the customer's own figures (held money included), re-derived from the
-- *_figures views; returns the new balances. Every service refreshes through it
-- (src/ledger/refresh.ts).
CREATE FUNCTION tally_refresh_customer_ledger(p_customer integer, p_invoices integer[])
RETURNS TABLE (pending_balance bigint, advance_balance bigint, unmatched_credit bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_invoice integer;
BEGIN
  -- unmatched_payments is synced by deferred triggers; run the ones this transaction has
  -- queued so far now (each once, as at COMMIT), so the customer's unmatched_credit below
  -- sums current rows. Later writes are deferred again.
  SET CONSTRAINTS transactions_unmatched, allocations_unmatched IMMEDIATE;
  SET CONSTRAINTS transactions_unmatched, allocations_unmatched DEFERRED;
  FOR v_invoice IN SELECT DISTINCT u FROM unnest(p_invoices) AS u WHERE u IS NOT NULL ORDER BY u LOOP
    UPDATE invoices i SET amount_paid = f.amount_paid, credited_amount = f.credited_amount, written_off = f.written_off,
                          amount_due = f.amount_due, status = f.status::enum_invoices_status
      FROM invoice_figures f WHERE f.id = i.id AND i.id = v_invoice;
  END LOOP;
  UPDATE advance_payments a
     SET utilized_amount = f.utilized_amount, refunded_amount = f.refunded_amount, reversed_amount = f.reversed_amount,
         forfeited_amount = f.forfeited_amount, remaining_amount = f.remaining_amount, status = f.status::enum_advance_payments_status
    FROM deposit_figures f WHERE f.id = a.id AND a.customer_id = p_customer
     AND (a.utilized_amount, a.refunded_amount, a.reversed_amount, a.forfeited_amount, a.remaining_amount, a.status::text)
         IS DISTINCT FROM (f.utilized_amount, f.refunded_amount, f.reversed_amount, f.forfeited_amount, f.remaining_amount, f.status);
  RETURN QUERY
    UPDATE customers c
       SET pending_balance = f.pending_balance, advance_balance = f.advance_balance, total_billed = f.total_billed,
           total_paid = f.total_paid, visits = f.visits, last_visit_at = f.last_visit_at,
           services_count = f.services_count, active_rentals = f.active_rentals, unmatched_credit = f.unmatched_credit
      FROM customer_figures f WHERE f.id = c.id AND c.id = p_customer
    RETURNING c.pending_balance, c.advance_balance, c.unmatched_credit;
END
$$;
