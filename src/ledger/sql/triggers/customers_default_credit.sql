CREATE TRIGGER customers_default_credit BEFORE INSERT ON customers
  FOR EACH ROW EXECUTE FUNCTION tally_customer_default_credit();
