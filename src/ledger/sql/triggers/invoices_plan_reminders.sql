CREATE TRIGGER invoices_plan_reminders AFTER INSERT OR UPDATE OF status, amount_due, due_date, issue_date ON invoices
  FOR EACH ROW EXECUTE FUNCTION tally_plan_invoice_reminders();
