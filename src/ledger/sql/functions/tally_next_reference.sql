-- The next reference of a format {counter, prefix, digits} (src/domain/references.ts) in a store.
CREATE FUNCTION tally_next_reference(p_store integer, p_format jsonb)
RETURNS text LANGUAGE sql AS $$
  SELECT tally_format_reference(p_format, tally_take_counter(p_store, p_format->>'counter', 1));
$$;
