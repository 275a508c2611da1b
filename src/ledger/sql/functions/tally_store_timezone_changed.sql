-- A new time zone moves entries to other local days. SHARE mode waits for every open insert
-- into the ledger and holds new ones until this change commits, so the rebuild sees every
-- row and later inserts see the new zone.
CREATE FUNCTION tally_store_timezone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE transactions IN SHARE MODE;
  PERFORM tally_daily_totals_rebuild(NEW.id);
  RETURN NULL;
END $$;
