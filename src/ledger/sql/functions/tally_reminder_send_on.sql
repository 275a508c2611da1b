-- SPEC §11: the store day a reminder step goes out — `offset_days` after the invoice's due
-- date (a bill without terms is due on its issue day, SPEC §9a), stored as a calendar day
-- (noon UTC, SPEC §8).
CREATE FUNCTION tally_reminder_send_on(due_date timestamptz, issue_date timestamptz, offset_days numeric)
RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
  SELECT (((coalesce(due_date, issue_date) AT TIME ZONE 'UTC')::date + offset_days::integer) + time '12:00') AT TIME ZONE 'UTC'
$$;
