CREATE TRIGGER stores_timezone_totals AFTER UPDATE OF timezone ON stores
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION tally_store_timezone_changed();
