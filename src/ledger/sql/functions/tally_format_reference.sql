-- The p_value-th reference of a format {prefix, digits} given by src/domain/references.ts:
-- the prefix, then the number zero-padded to `digits`, never cut (formatReference in TS;
-- src/ledger/rules.test.ts holds the two equal).
CREATE FUNCTION tally_format_reference(p_format jsonb, p_value bigint)
RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (p_format->>'prefix') || lpad(p_value::text, greatest((p_format->>'digits')::integer, length(p_value::text)), '0');
$$;
