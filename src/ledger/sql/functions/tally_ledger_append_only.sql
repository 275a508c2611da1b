-- Ledger rows (transactions, allocations, advance_utilizations, credit_notes) are append-only: a mistake
-- is corrected with a reversing entry, never with UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION tally_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger rows are append-only: % on % is not allowed; record a reversing entry instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
