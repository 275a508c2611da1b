-- A deposit held for a customer: its advance_payments row, the income transaction that
-- brought the money (reference p_reference, already given or numbered by the caller) and the
-- link between them. The one place a deposit is created (takeAdvance, checkout, collect). A
-- deposit kept from a payment's excess points at that payment (p_from_payment), so
-- reversing the payment reverses the deposit too (SPEC §9a). A registered store's deposit is
-- a receipt voucher with tax inside it at the store's default rate (advanceTaxRate in
-- src/domain/tax.ts; 0 when the store has no tax number), kept on the deposit.
CREATE FUNCTION tally_insert_deposit(
  p_store integer, p_customer integer, p_amount bigint, p_method text, p_reference_type text, p_reference_id varchar,
  p_payment_reference varchar, p_reference varchar, p_notes text, p_created_by integer, p_from_payment integer,
  OUT deposit_id integer, OUT transaction_id integer, OUT reference varchar)
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                status, utilized_amount, refunded_amount, reversed_amount, remaining_amount, notes,
                                created_by_id, from_payment_id, tax_rate)
  VALUES (p_store, p_customer, p_reference_type::enum_advance_payments_reference_type, p_reference_id, p_amount,
          p_method::enum_advance_payments_method, p_payment_reference, 'active', 0, 0, 0, p_amount, p_notes,
          p_created_by, p_from_payment,
          (SELECT CASE WHEN nullif(btrim(gstin), '') IS NULL THEN 0 ELSE coalesce(default_tax_rate, 0) END FROM stores WHERE id = p_store))
  RETURNING id INTO deposit_id;
  INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, advance_payment_id, reference, notes, created_by_id)
  VALUES (p_store, now(), 'income', 'advance_deposit', p_amount, p_method::enum_transactions_method, p_customer, deposit_id,
          p_reference, p_notes, p_created_by)
  RETURNING id INTO transaction_id;
  UPDATE advance_payments SET transaction_id = tally_insert_deposit.transaction_id WHERE id = deposit_id;
  reference := p_reference;
END
$$;
