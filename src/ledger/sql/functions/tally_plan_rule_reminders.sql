-- SPEC §11: a new or re-activated step of a store's reminder ladder is planned for every
-- invoice of the store that is due now; a step turned off (or moved) cancels its scheduled,
-- unclaimed reminders — the moved step is planned again under its new offset.
CREATE FUNCTION tally_plan_rule_reminders()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NOT coalesce(NEW.active, false) OR NEW.offset_days <> OLD.offset_days OR NEW.channel <> OLD.channel) THEN
    UPDATE reminders SET status = 'cancelled', reason = 'rule changed', updated_at = now()
     WHERE rule_id = NEW.id AND status = 'scheduled' AND (claimed_until IS NULL OR claimed_until < now());
    IF coalesce(NEW.active, false) THEN
      -- the same step under new terms: a fresh row per invoice (the old one stays, cancelled)
      UPDATE reminders SET rule_id = NULL WHERE rule_id = NEW.id AND status = 'cancelled' AND reason = 'rule changed';
    END IF;
  END IF;
  IF coalesce(NEW.active, false) THEN
    INSERT INTO reminders (store_id, customer_id, invoice_id, rule_id, channel, status, send_on, dedupe_key)
    SELECT i.store_id, i.customer_id, i.id, NEW.id, NEW.channel::text::enum_reminders_channel, 'scheduled',
           tally_reminder_send_on(i.due_date, i.issue_date, NEW.offset_days),
           'rule:' || i.id || ':' || NEW.id || CASE WHEN TG_OP = 'UPDATE' THEN ':' || extract(epoch FROM now())::bigint ELSE '' END
      FROM invoices i
     WHERE i.store_id = NEW.store_id AND i.status NOT IN ('draft', 'void') AND i.amount_due > 0 AND i.customer_id IS NOT NULL
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
