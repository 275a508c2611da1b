CREATE TRIGGER advance_utilizations_no_truncate BEFORE TRUNCATE ON advance_utilizations
  FOR EACH STATEMENT EXECUTE FUNCTION tally_ledger_append_only();
