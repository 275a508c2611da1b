CREATE TRIGGER transactions_daily_totals AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_daily_totals_add();
