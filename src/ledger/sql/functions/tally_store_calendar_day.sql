-- A store calendar day is stored as noon UTC of that day (SPEC §8). A value that is already
-- a stored day stays; any other instant becomes the store's day at that instant.
CREATE FUNCTION tally_store_calendar_day(v timestamptz, tz text)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN v IS NULL OR (v AT TIME ZONE 'UTC')::time = time '12:00' THEN v
              ELSE ((v AT TIME ZONE tz)::date + time '12:00') AT TIME ZONE 'UTC' END
$$;
