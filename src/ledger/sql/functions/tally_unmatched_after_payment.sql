-- A payment's own insert, and the insert of the reversal that spends it.
CREATE FUNCTION tally_unmatched_after_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tally_unmatched_sync(coalesce(NEW.reversal_of_id, NEW.id));
  RETURN NULL;
END $$;
