-- Deferred to COMMIT, so a checkout that allocates its payment in full never leaves a row;
-- a reversal spends what was left of the payment it reverses.
CREATE CONSTRAINT TRIGGER transactions_unmatched AFTER INSERT ON transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind IN ('payment', 'reversal'))
  EXECUTE FUNCTION tally_unmatched_after_payment();
