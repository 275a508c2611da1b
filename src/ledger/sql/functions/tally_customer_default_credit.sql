-- SPEC §9: a new customer starts with its store's default credit limit (stores.defaultCreditLimit)
-- unless one is given — the one home of that rule, whichever path creates the customer (the
-- POS, bookings, resolve, the import, the admin). Empty stays empty: no limit.
CREATE FUNCTION tally_customer_default_credit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.credit_limit IS NULL THEN
    SELECT default_credit_limit INTO NEW.credit_limit FROM stores WHERE id = NEW.store_id;
  END IF;
  RETURN NEW;
END $$;
