CREATE TRIGGER invoices_calendar_days BEFORE INSERT OR UPDATE OF issue_date, due_date, period_start, period_end ON invoices
  FOR EACH ROW EXECUTE FUNCTION tally_invoice_calendar_days();
