CREATE FUNCTION tally_unmatched_after_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tally_unmatched_sync(NEW.transaction_id);
  RETURN NULL;
END $$;
