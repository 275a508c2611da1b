CREATE TRIGGER advance_utilizations_append_only BEFORE UPDATE OR DELETE ON advance_utilizations
  FOR EACH ROW EXECUTE FUNCTION tally_ledger_append_only();
