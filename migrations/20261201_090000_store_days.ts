import { sql, type MigrateDownArgs, type MigrateUpArgs } from '@payloadcms/db-postgres'

/**
 * An invoice's issue and due dates and a rental's period are days of the store's calendar
 * (SPEC §8), stored as noon UTC of that day like every date-only field, and read back with
 * `AT TIME ZONE 'UTC'`. POS bills and posted drafts used to store the instant of the sale
 * instead, so a bill made at 03:10 in Kolkata (21:40 UTC the day before) was read as issued
 * the day before: one day late in aging minutes after the sale.
 *
 * `invoices_calendar_days` keeps the rule for every writer (the checkout function, posting,
 * Payload's admin, raw SQL): a value that is not already a stored day becomes the store's
 * day at that instant. Existing rows are converted the same way.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE FUNCTION tally_store_calendar_day(v timestamptz, tz text)
  RETURNS timestamptz LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN v IS NULL OR (v AT TIME ZONE 'UTC')::time = time '12:00' THEN v
                ELSE ((v AT TIME ZONE tz)::date + time '12:00') AT TIME ZONE 'UTC' END
  $$;

  CREATE FUNCTION tally_invoice_calendar_days()
  RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    v_tz text;
  BEGIN
    SELECT timezone INTO v_tz FROM stores WHERE id = NEW.store_id;
    NEW.issue_date := tally_store_calendar_day(NEW.issue_date, v_tz);
    NEW.due_date := tally_store_calendar_day(NEW.due_date, v_tz);
    NEW.period_start := tally_store_calendar_day(NEW.period_start, v_tz);
    NEW.period_end := tally_store_calendar_day(NEW.period_end, v_tz);
    RETURN NEW;
  END
  $$;

  CREATE TRIGGER invoices_calendar_days BEFORE INSERT OR UPDATE OF issue_date, due_date, period_start, period_end ON invoices
    FOR EACH ROW EXECUTE FUNCTION tally_invoice_calendar_days();

  UPDATE invoices SET issue_date = issue_date, due_date = due_date, period_start = period_start, period_end = period_end
   WHERE (issue_date AT TIME ZONE 'UTC')::time <> time '12:00' OR (due_date AT TIME ZONE 'UTC')::time <> time '12:00'
      OR (period_start AT TIME ZONE 'UTC')::time <> time '12:00' OR (period_end AT TIME ZONE 'UTC')::time <> time '12:00';
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS invoices_calendar_days ON invoices;
  DROP FUNCTION IF EXISTS tally_invoice_calendar_days();
  DROP FUNCTION IF EXISTS tally_store_calendar_day(timestamptz, text);
  `)
}
