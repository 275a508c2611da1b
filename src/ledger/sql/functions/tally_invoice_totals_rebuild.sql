-- A store's invoice_status_totals recomputed from its invoices.
CREATE FUNCTION tally_invoice_totals_rebuild(p_store integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tally_report_totals'));
  DELETE FROM invoice_status_totals WHERE store_id = p_store;
  INSERT INTO invoice_status_totals (store_id, status, slot, count, total, amount_due, amount_paid)
  SELECT store_id, status, 0, count(*), coalesce(sum(total), 0), coalesce(sum(amount_due), 0), coalesce(sum(amount_paid), 0)
    FROM invoices WHERE store_id = p_store GROUP BY 1, 2;
END $$;
