-- SPEC §11: an invoice's reminders follow its ledger figures in the same transaction. While
-- it is posted and something is due, every active step of its store's ladder has one
-- reminder row (unique on invoice and step: planning twice plans nothing more); when the
-- money that clears it is written (payment, credit note, write-off, void) its scheduled
-- reminders are cancelled in that transaction. A reminder being sent right now (claimed) is
-- left to its sender, which records what really happened. Money due again (an unapplied or
-- reversed payment) brings back what the clearing cancelled, never what was sent.
CREATE FUNCTION tally_plan_invoice_reminders()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.amount_due IS NOT DISTINCT FROM OLD.amount_due
     AND NEW.due_date IS NOT DISTINCT FROM OLD.due_date AND NEW.issue_date IS NOT DISTINCT FROM OLD.issue_date THEN
    RETURN NULL;
  END IF;
  IF NEW.status NOT IN ('draft', 'void') AND coalesce(NEW.amount_due, 0) > 0 AND NEW.customer_id IS NOT NULL THEN
    UPDATE reminders SET status = 'scheduled', reason = NULL, updated_at = now()
     WHERE invoice_id = NEW.id AND status = 'cancelled' AND reason = 'cleared';
    UPDATE reminders r SET send_on = tally_reminder_send_on(NEW.due_date, NEW.issue_date, rr.offset_days), updated_at = now()
      FROM reminder_rules rr
     WHERE r.invoice_id = NEW.id AND rr.id = r.rule_id AND r.status = 'scheduled' AND r.queued_at IS NULL
       AND r.send_on <> tally_reminder_send_on(NEW.due_date, NEW.issue_date, rr.offset_days);
    INSERT INTO reminders (store_id, customer_id, invoice_id, rule_id, channel, status, send_on, dedupe_key)
    SELECT NEW.store_id, NEW.customer_id, NEW.id, rr.id, rr.channel::text::enum_reminders_channel, 'scheduled',
           tally_reminder_send_on(NEW.due_date, NEW.issue_date, rr.offset_days), 'rule:' || NEW.id || ':' || rr.id
      FROM reminder_rules rr
     WHERE rr.store_id = NEW.store_id AND rr.active
    ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE reminders SET status = 'cancelled', reason = 'cleared', updated_at = now()
     WHERE invoice_id = NEW.id AND status = 'scheduled' AND (claimed_until IS NULL OR claimed_until < now());
  END IF;
  RETURN NULL;
END
$$;
