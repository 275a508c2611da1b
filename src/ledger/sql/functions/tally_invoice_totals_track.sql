-- Row trigger on invoices: moves the invoice out of its old status's totals and into its new.
CREATE FUNCTION tally_invoice_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.store_id IS NOT NULL THEN
    PERFORM tally_invoice_totals_add(OLD.store_id, OLD.status, -1, coalesce(OLD.total, 0), coalesce(OLD.amount_due, 0), coalesce(OLD.amount_paid, 0));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.store_id IS NOT NULL THEN
    PERFORM tally_invoice_totals_add(NEW.store_id, NEW.status, 1, coalesce(NEW.total, 0), coalesce(NEW.amount_due, 0), coalesce(NEW.amount_paid, 0));
  END IF;
  RETURN NULL;
END $$;
