CREATE TRIGGER reminder_rules_plan AFTER INSERT OR UPDATE OF active, offset_days, channel ON reminder_rules
  FOR EACH ROW EXECUTE FUNCTION tally_plan_rule_reminders();
