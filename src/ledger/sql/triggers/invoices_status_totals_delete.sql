CREATE TRIGGER invoices_status_totals_delete AFTER DELETE ON invoices
  FOR EACH ROW WHEN (OLD.status IS NOT NULL) EXECUTE FUNCTION tally_invoice_totals_track();
