CREATE TRIGGER invoices_status_totals_insert AFTER INSERT ON invoices
  FOR EACH ROW WHEN (NEW.status IS NOT NULL) EXECUTE FUNCTION tally_invoice_totals_track();
