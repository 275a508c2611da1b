import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * Report summaries kept by the database itself, so the owner reports read a few hundred
 * rows instead of the whole ledger (bench/README.md, fixes 3 and 4):
 *
 * - `ledger_daily_totals`: money in and out per store and store-local day. A statement
 *   trigger on `transactions` adds every insert (one upsert per statement and day, so a
 *   bulk COPY is one pass). Rows are spread over 8 slots by backend so concurrent
 *   checkouts of one store never wait on one hot row; readers sum the slots. A change of a
 *   store's time zone rebuilds that store's rows (the local day of each entry moves).
 * - `unmatched_payments`: the part of each payment not allocated to any invoice. Deferred
 *   constraint triggers on `transactions` and `allocations` re-derive it at COMMIT, so a
 *   checkout that allocates its payment in full never leaves a row behind. The sync writes
 *   the remainder it computes, so it relies on what every ledger service does anyway:
 *   allocations to one payment are written under its customer's row lock.
 *
 * Both are derived data: ledger:verify recomputes them from the ledger rows.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE ledger_daily_totals (
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    day date NOT NULL,
    slot smallint NOT NULL,
    income bigint NOT NULL DEFAULT 0,
    advance_refunds bigint NOT NULL DEFAULT 0,
    expenses bigint NOT NULL DEFAULT 0,
    money_out bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, day, slot)
  );

  CREATE FUNCTION tally_daily_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO ledger_daily_totals AS d (store_id, day, slot, income, advance_refunds, expenses, money_out)
    SELECT n.store_id, (n.date AT TIME ZONE s.timezone)::date, pg_backend_pid() % 8,
           coalesce(sum(n.amount) FILTER (WHERE n.type = 'income'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.kind = 'advance_refund'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.kind = 'expense'), 0),
           coalesce(sum(n.amount) FILTER (WHERE n.type = 'expense'), 0)
      FROM new_rows n JOIN stores s ON s.id = n.store_id
     GROUP BY 1, 2
     ORDER BY 1, 2
    ON CONFLICT (store_id, day, slot) DO UPDATE
       SET income = d.income + EXCLUDED.income,
           advance_refunds = d.advance_refunds + EXCLUDED.advance_refunds,
           expenses = d.expenses + EXCLUDED.expenses,
           money_out = d.money_out + EXCLUDED.money_out;
    RETURN NULL;
  END $$;

  CREATE TRIGGER transactions_daily_totals AFTER INSERT ON transactions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_daily_totals_add();

  CREATE FUNCTION tally_daily_totals_rebuild(p_store integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM ledger_daily_totals WHERE store_id = p_store;
    INSERT INTO ledger_daily_totals (store_id, day, slot, income, advance_refunds, expenses, money_out)
    SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date, 0,
           coalesce(sum(t.amount) FILTER (WHERE t.type = 'income'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_refund'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.kind = 'expense'), 0),
           coalesce(sum(t.amount) FILTER (WHERE t.type = 'expense'), 0)
      FROM transactions t JOIN stores s ON s.id = t.store_id
     WHERE t.store_id = p_store
     GROUP BY 1, 2;
  $$;

  -- A new time zone moves entries to other local days. SHARE mode waits for every open
  -- insert into the ledger and holds new ones until this change commits, so the rebuild
  -- sees every row and later inserts see the new zone.
  CREATE FUNCTION tally_store_timezone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    LOCK TABLE transactions IN SHARE MODE;
    PERFORM tally_daily_totals_rebuild(NEW.id);
    RETURN NULL;
  END $$;

  CREATE TRIGGER stores_timezone_totals AFTER UPDATE OF timezone ON stores
    FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION tally_store_timezone_changed();

  INSERT INTO ledger_daily_totals (store_id, day, slot, income, advance_refunds, expenses, money_out)
  SELECT t.store_id, (t.date AT TIME ZONE s.timezone)::date, 0,
         coalesce(sum(t.amount) FILTER (WHERE t.type = 'income'), 0),
         coalesce(sum(t.amount) FILTER (WHERE t.kind = 'advance_refund'), 0),
         coalesce(sum(t.amount) FILTER (WHERE t.kind = 'expense'), 0),
         coalesce(sum(t.amount) FILTER (WHERE t.type = 'expense'), 0)
    FROM transactions t JOIN stores s ON s.id = t.store_id
   GROUP BY 1, 2;

  CREATE TABLE unmatched_payments (
    transaction_id integer PRIMARY KEY REFERENCES transactions (id) ON DELETE CASCADE,
    store_id integer NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    amount bigint NOT NULL CONSTRAINT unmatched_payments_positive CHECK (amount > 0)
  );
  CREATE INDEX unmatched_payments_store_idx ON unmatched_payments (store_id);

  CREATE FUNCTION tally_unmatched_sync(p_transaction integer) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    rest bigint;
    store integer;
  BEGIN
    SELECT t.amount - coalesce((SELECT sum(a.amount) FROM allocations a WHERE a.transaction_id = t.id), 0), t.store_id
      INTO rest, store
      FROM transactions t WHERE t.id = p_transaction AND t.kind = 'payment';
    IF rest IS NULL OR rest <= 0 THEN
      DELETE FROM unmatched_payments WHERE transaction_id = p_transaction;
    ELSE
      INSERT INTO unmatched_payments (transaction_id, store_id, amount) VALUES (p_transaction, store, rest)
      ON CONFLICT (transaction_id) DO UPDATE SET amount = EXCLUDED.amount;
    END IF;
  END $$;

  CREATE FUNCTION tally_unmatched_after_payment() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM tally_unmatched_sync(NEW.id);
    RETURN NULL;
  END $$;

  CREATE FUNCTION tally_unmatched_after_allocation() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM tally_unmatched_sync(NEW.transaction_id);
    RETURN NULL;
  END $$;

  CREATE CONSTRAINT TRIGGER transactions_unmatched AFTER INSERT ON transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'payment') EXECUTE FUNCTION tally_unmatched_after_payment();
  CREATE CONSTRAINT TRIGGER allocations_unmatched AFTER INSERT ON allocations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tally_unmatched_after_allocation();

  INSERT INTO unmatched_payments (transaction_id, store_id, amount)
  SELECT t.id, t.store_id, t.amount - coalesce(a.allocated, 0)
    FROM transactions t
    LEFT JOIN (SELECT transaction_id, sum(amount) AS allocated FROM allocations GROUP BY transaction_id) a ON a.transaction_id = t.id
   WHERE t.kind = 'payment' AND t.amount > coalesce(a.allocated, 0);

  ANALYZE ledger_daily_totals;
  ANALYZE unmatched_payments;
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS allocations_unmatched ON allocations;
  DROP TRIGGER IF EXISTS transactions_unmatched ON transactions;
  DROP FUNCTION IF EXISTS tally_unmatched_after_allocation();
  DROP FUNCTION IF EXISTS tally_unmatched_after_payment();
  DROP FUNCTION IF EXISTS tally_unmatched_sync(integer);
  DROP TABLE IF EXISTS unmatched_payments;
  DROP TRIGGER IF EXISTS stores_timezone_totals ON stores;
  DROP FUNCTION IF EXISTS tally_store_timezone_changed();
  DROP FUNCTION IF EXISTS tally_daily_totals_rebuild(integer);
  DROP TRIGGER IF EXISTS transactions_daily_totals ON transactions;
  DROP FUNCTION IF EXISTS tally_daily_totals_add();
  DROP TABLE IF EXISTS ledger_daily_totals;
  `)
}
