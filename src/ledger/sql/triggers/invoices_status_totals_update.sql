CREATE TRIGGER invoices_status_totals_update AFTER UPDATE ON invoices
  FOR EACH ROW WHEN ((OLD.store_id, OLD.status, OLD.total, OLD.amount_due, OLD.amount_paid)
                     IS DISTINCT FROM (NEW.store_id, NEW.status, NEW.total, NEW.amount_due, NEW.amount_paid))
  EXECUTE FUNCTION tally_invoice_totals_track();
