CREATE FUNCTION tally_unmatched_after_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tally_unmatched_sync(NEW.id);
  RETURN NULL;
END $$;
