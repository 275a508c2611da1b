-- Keeps an invoice's issue and due dates and rental period store calendar days, whoever
-- writes them (the checkout function, posting, Payload's admin, raw SQL).
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
