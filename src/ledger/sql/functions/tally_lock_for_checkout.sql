-- Locks the customer (FOR UPDATE OF c), then reads its store (with its tax settings and the receipt's contact lines), its active deposits (FIFO) and
-- its open invoices in the order money is applied (tally_open_invoices), in one round trip;
-- each read on a fresh snapshot after the lock, as separate statements would. NULL for an
-- unknown customer.
CREATE FUNCTION tally_lock_for_checkout(p_customer integer)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_customer jsonb;
BEGIN
  SELECT jsonb_build_object(
           'id', c.id, 'store_id', c.store_id, 'name', c.name, 'phone', c.phone,
           'pending_balance', c.pending_balance, 'advance_balance', c.advance_balance, 'unmatched_credit', c.unmatched_credit,
           'credit_limit', c.credit_limit, 'credit_terms_days', c.credit_terms_days,
           'store_name', s.name, 'currency', s.currency, 'locale', s.locale, 'timezone', s.timezone,
           'invoice_prefix', s.invoice_prefix, 'auto_apply_credits', s.auto_apply_credits,
           'store_credit_terms_days', s.credit_terms_days,
           'gstin', c.gstin, 'state_code', c.state_code, 'store_gstin', s.gstin, 'store_state_code', s.state_code,
           'prices_include_tax', s.prices_include_tax, 'tax_label', s.tax_label, 'default_tax_rate', s.default_tax_rate,
           'store_address', s.address, 'store_phone', s.phone)
    INTO v_customer
    FROM customers c JOIN stores s ON s.id = c.store_id
   WHERE c.id = p_customer
     FOR UPDATE OF c;
  IF v_customer IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN v_customer || jsonb_build_object(
    'deposits', (SELECT coalesce(jsonb_agg(jsonb_build_array(id, remaining_amount) ORDER BY created_at, id), '[]')
                   FROM advance_payments
                  WHERE customer_id = p_customer AND status = 'active' AND remaining_amount > 0),
    'invoices', (SELECT coalesce(jsonb_agg(jsonb_build_array(o.id, o.amount_due) ORDER BY o.seq), '[]')
                   FROM tally_open_invoices(p_customer) o));
END
$$;
