/**
 * SPEC §11 reminders: which are due (queueDueReminders) and sending one exactly once
 * (deliverReminder). Reminder rows are planned and cancelled by the ledger's triggers
 * (src/ledger/sql: tally_plan_invoice_reminders, tally_plan_rule_reminders); this file only
 * moves them from `scheduled` to sent / failed / skipped.
 *
 * At most once, whatever runs it: a sender first claims the row — one UPDATE … WHERE status =
 * 'scheduled' AND the claim is free, committed before the provider is called, so of two
 * instances (or a job and its retry) exactly one holds it — and records the attempt. It then
 * calls the provider and records the answer. A failure the provider answered (a 500, a
 * refused connection) frees the claim for the queue's retry. An attempt whose answer was
 * never recorded (the server was killed mid-send) may have reached the customer: the next
 * sender finds it after the claim lapses and marks the reminder failed instead of sending it
 * again — never twice, and every attempt stays in reminder_attempts.
 */
import { randomUUID } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { emailEnabled } from '@/documents/email'
import { dayOnly, storedDay, todayIn } from '@/domain/dates'
import { heldMoney } from '@/domain/held'
import { formatMoney } from '@/domain/money'
import { clockIn, DEFAULT_TEMPLATE, inQuietHours, latestDueSteps, REMINDER_MAX_ATTEMPTS, renderTemplate, type ReminderChannel } from '@/domain/reminders'
import { inTransaction, sql, sqlList, toMinor, type Db } from '@/ledger/db'
import { postReminderWebhook, webhookUrl, type SendResult } from '@/reminders/webhook'
import { createShareLink } from '@/services/shareLinks'

/** The queue reminders run on (payload.config.ts jobs.autoRun polls it). */
export const REMINDER_QUEUE = 'reminders'

/** How long a sender holds a reminder it is sending (a provider call times out well before). */
export function claimLeaseSeconds(): number {
  const configured = Number(process.env.TALLY_REMINDER_LEASE_SECONDS)
  return Number.isInteger(configured) && configured > 0 ? configured : 120
}

/** A queued reminder whose job was lost (its server died before running it) is queued again after this. */
const REQUEUE_AFTER_MINUTES = 15

/** The queue's first backoff after a refused send (sendReminder doubles it each retry). */
export const REMINDER_BACKOFF_SECONDS = 30

/** The address links in reminders point to: TALLY_SERVER_URL, else the one the owner's request came to. */
export function reminderOrigin(fromRequest?: string): string {
  return process.env.TALLY_SERVER_URL?.trim().replace(/\/+$/, '') || fromRequest || `http://localhost:${process.env.PORT ?? 3000}`
}

export interface QueuedReminder {
  id: number
  job: number | string
}

export interface QueueResult {
  queued: QueuedReminder[]
  superseded: number[]
  skipped: number[]
  /** Stores in quiet hours now: their due reminders wait. */
  quiet: number[]
}

const internalReq = (req: PayloadRequest): PayloadRequest => ({ ...req, user: null, transactionID: undefined }) as PayloadRequest

/**
 * Puts every reminder that is due now on the jobs queue (one sendReminder job each), in the
 * transaction that marks it queued, so two instances queueing at once queue it once (the
 * rows are taken FOR UPDATE SKIP LOCKED). Of an invoice's due steps only the latest goes
 * out (latestDueSteps). Reminders of a customer who opted out are skipped; of one snoozed or
 * disputing, they wait; `manual` ones wait for a person to click (the collections screen).
 * Stores in quiet hours are left for a later run.
 */
export async function queueDueReminders(req: PayloadRequest, options: { storeIds?: number[]; origin?: string; now?: Date } = {}): Promise<QueueResult> {
  const internal = internalReq(req)
  const now = options.now ?? new Date()
  const result: QueueResult = { queued: [], superseded: [], skipped: [], quiet: [] }
  const stores = await inTransaction(internal, async (db) => {
    const { rows } = await db.execute(sql`
      SELECT DISTINCT s.id, s.timezone, s.quiet_hours_start, s.quiet_hours_end
        FROM stores s JOIN reminders r ON r.store_id = s.id AND r.status = 'scheduled'
       ${options.storeIds ? sql`WHERE s.id IN (${options.storeIds.length ? sqlList(options.storeIds) : sql`NULL`})` : sql``}
       ORDER BY s.id`)
    return rows
  })
  for (const store of stores) {
    const storeId = Number(store.id)
    const timezone = String(store.timezone)
    if (inQuietHours(clockIn(timezone, now), (store.quiet_hours_start as string | null) ?? null, (store.quiet_hours_end as string | null) ?? null)) {
      result.quiet.push(storeId)
      continue
    }
    const today = todayIn(timezone, now)
    await inTransaction(internal, async (db) => {
      const { rows } = await db.execute(sql`
        SELECT r.id, r.invoice_id, r.rule_id, r.channel, rr.offset_days, c.reminders_off, c.disputed, c.snoozed_until, c.preferred_channel
          FROM reminders r
          JOIN customers c ON c.id = r.customer_id
          LEFT JOIN reminder_rules rr ON rr.id = r.rule_id
         WHERE r.store_id = ${storeId} AND r.status = 'scheduled' AND r.send_on <= ${storedDay(today)}::timestamptz
           -- not queued yet; or its job was lost: long ago, or its sender died holding it (a lapsed claim),
           -- or its job is over (completed or errored for good) while the reminder still waits to go
           AND (r.queued_at IS NULL OR r.queued_at < now() - make_interval(mins => ${REQUEUE_AFTER_MINUTES})
                OR (r.claim_token IS NOT NULL AND r.claimed_until < now())
                OR NOT EXISTS (SELECT 1 FROM payload_jobs j
                                WHERE j.task_slug = 'sendReminder' AND (j.input->>'reminder')::int = r.id
                                  AND j.completed_at IS NULL AND j.has_error IS NOT TRUE))
           -- and past its retry time: the queue's backoff after its last refused attempt
           AND NOT EXISTS (SELECT 1 FROM reminder_attempts a
                            WHERE a.reminder_id = r.id
                              AND a.finished_at > now() - make_interval(secs => (${REMINDER_BACKOFF_SECONDS}::int * power(2, greatest(r.attempts - 1, 0)))::float8))
           AND (r.claimed_until IS NULL OR r.claimed_until < now())
         ORDER BY r.id
         FOR UPDATE OF r SKIP LOCKED`)
      const due = rows.map((row) => ({
        id: Number(row.id),
        invoice: row.invoice_id === null ? null : Number(row.invoice_id),
        offsetDays: row.offset_days === null ? Number.MAX_SAFE_INTEGER : Number(row.offset_days),
        row,
      }))
      const { send, superseded } = latestDueSteps(due)
      if (superseded.length) {
        await db.execute(sql`UPDATE reminders SET status = 'skipped', reason = 'superseded by a later step of the ladder', updated_at = now()
                              WHERE id IN (${sqlList(superseded.map((step) => step.id))})`)
        result.superseded.push(...superseded.map((step) => step.id))
      }
      for (const step of send) {
        const { row } = step
        if (row.reminders_off === true) {
          await db.execute(sql`UPDATE reminders SET status = 'skipped', reason = 'the customer asked for no reminders', updated_at = now() WHERE id = ${step.id}`)
          result.skipped.push(step.id)
          continue
        }
        const snoozed = (dayOnly(row.snoozed_until) ?? '') > today
        const channel = (row.rule_id === null ? row.channel : (row.preferred_channel ?? row.channel)) as ReminderChannel
        // A reminder the owner asked for now (no rule) goes despite a snooze or a dispute: they chose to send it.
        const waits = row.rule_id !== null && (row.disputed === true || snoozed)
        if (waits || channel === 'manual') continue
        await db.execute(sql`UPDATE reminders SET queued_at = now(), updated_at = now() WHERE id = ${step.id}`)
        const job = await req.payload.jobs.queue({ task: 'sendReminder', input: { reminder: step.id, origin: options.origin ?? null }, queue: REMINDER_QUEUE, req: internal })
        result.queued.push({ id: step.id, job: job.id })
      }
    })
  }
  return result
}

export type Delivery =
  | { outcome: 'sent'; reminder: number; attempt: number; detail: string }
  | { outcome: 'failed'; reminder: number; attempt: number; detail: string; final: boolean }
  | { outcome: 'skipped' | 'cancelled' | 'unknown'; reminder: number; detail: string }
  | { outcome: 'waiting' | 'busy' | 'done'; reminder: number; detail: string }

interface Claimed {
  reminder: number
  token: string
  attempt: number
  channel: ReminderChannel
  recipient: string
  text: string
  webhook: Parameters<typeof postReminderWebhook>[1] | null
  subject: string
}

/** Sends one reminder if it is still to be sent, at most once (see the top of this file). */
export async function deliverReminder(req: PayloadRequest, reminderId: number, options: { origin?: string | null } = {}): Promise<Delivery> {
  const internal = internalReq(req)
  const claim = await inTransaction(internal, (db) => claimReminder(db, internal, reminderId, options.origin ?? undefined))
  if (!('token' in claim)) return claim
  const result = await send(req, claim)
  return inTransaction(internal, (db) => recordOutcome(db, reminderId, claim, result))
}

async function claimReminder(db: Db, req: PayloadRequest, reminderId: number, origin?: string): Promise<Claimed | Exclude<Delivery, { attempt: number }>> {
  const { rows } = await db.execute(sql`
    SELECT r.id, r.status, r.channel, r.attempts, r.text, r.recipient, r.invoice_id, r.rule_id, r.store_id, r.customer_id,
           r.claimed_until > now() AS claimed,
           c.name, c.phone, c.email, c.reminders_off, c.disputed, c.preferred_channel,
           c.pending_balance, c.advance_balance, c.unmatched_credit,
           i.number, i.amount_due, i.due_date, i.issue_date, i.status AS invoice_status,
           rr.template, s.currency, s.locale, s.timezone, s.quiet_hours_start, s.quiet_hours_end
      FROM reminders r
      JOIN customers c ON c.id = r.customer_id
      JOIN stores s ON s.id = r.store_id
      LEFT JOIN invoices i ON i.id = r.invoice_id
      LEFT JOIN reminder_rules rr ON rr.id = r.rule_id
     WHERE r.id = ${reminderId}
     FOR UPDATE OF r`)
  const row = rows[0]
  if (!row) return { outcome: 'done', reminder: reminderId, detail: 'no such reminder' }
  if (row.status !== 'scheduled') return { outcome: 'done', reminder: reminderId, detail: `already ${String(row.status)}` }
  if (row.claimed === true) return { outcome: 'busy', reminder: reminderId, detail: 'another sender holds it' }

  // A lapsed claim whose attempt never recorded an answer: it may have reached the customer.
  const { rows: open } = await db.execute(sql`
    UPDATE reminder_attempts SET outcome = 'unknown', finished_at = now(),
           detail = 'interrupted while sending (the server stopped): the answer was never recorded'
     WHERE reminder_id = ${reminderId} AND outcome IS NULL RETURNING attempt`)
  if (open.length > 0) {
    await finish(db, reminderId, 'failed', 'interrupted while sending and perhaps delivered: not sent again, so it cannot go out twice')
    return { outcome: 'unknown', reminder: reminderId, detail: 'interrupted while sending; marked failed, not resent' }
  }

  const skip = async (reason: string, status: 'skipped' | 'cancelled' = 'skipped') => {
    await finish(db, reminderId, status, reason)
    return { outcome: status, reminder: reminderId, detail: reason } as const
  }
  const wait = async (reason: string) => {
    await db.execute(sql`UPDATE reminders SET queued_at = NULL, updated_at = now() WHERE id = ${reminderId}`)
    return { outcome: 'waiting', reminder: reminderId, detail: reason } as const
  }

  const timezone = String(row.timezone)
  if (inQuietHours(clockIn(timezone), (row.quiet_hours_start as string | null) ?? null, (row.quiet_hours_end as string | null) ?? null)) return wait('quiet hours')
  if (row.reminders_off === true) return skip('the customer asked for no reminders')
  if (row.disputed === true && row.rule_id !== null) return wait('the customer disputes the dues')
  const amountDue = row.invoice_id === null ? toMinor(row.pending_balance) : toMinor(row.amount_due)
  if (row.invoice_id !== null && (amountDue <= 0 || row.invoice_status === 'void' || row.invoice_status === 'draft'))
    return skip('nothing is due on the invoice any more', 'cancelled')
  const held = heldMoney({ pendingBalance: toMinor(row.pending_balance), advanceBalance: toMinor(row.advance_balance), unmatchedCredit: toMinor(row.unmatched_credit) })
  if (held.net <= 0) return skip('money held for the customer covers the dues: apply it instead')

  // A step of the ladder goes the customer's preferred way; a reminder sent now, the way the owner chose.
  const channel = (row.rule_id === null ? row.channel : (row.preferred_channel ?? row.channel)) as ReminderChannel
  if (channel === 'manual') return wait('a manual reminder is sent by a person from the collections screen')
  const recipient = channel === 'email' ? (row.email as string | null) : String(row.phone)
  if (!recipient) return skip('the customer has no email address')
  if (channel === 'email' && !emailEnabled()) return skip('email is off (SMTP_URL is not set)')
  if (channel !== 'email' && !webhookUrl()) return skip(`no ${channel === 'sms' ? 'SMS' : 'WhatsApp'} provider (REMINDER_WEBHOOK_URL is not set)`)

  const currency = String(row.currency)
  const amount = formatMoney(amountDue, currency, String(row.locale))
  // The message is written once, at the first attempt, and every retry sends the same words and link.
  let text = row.text as string | null
  if (!text) {
    const link = await createShareLink(db, req, { document: 'statement', id: Number(row.customer_id), expiresInDays: 30 })
    const dueDay = row.due_date ?? row.issue_date
    text = renderTemplate(String(row.template ?? DEFAULT_TEMPLATE), {
      name: String(row.name),
      amount,
      dueDate: new Intl.DateTimeFormat(String(row.locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(storedDay(dayOnly(dueDay) ?? todayIn(timezone)))),
      link: `${reminderOrigin(origin)}/s/${link.token}`,
    })
  }
  const attempt = Number(row.attempts) + 1
  const token = randomUUID()
  await db.execute(sql`
    UPDATE reminders SET claim_token = ${token}, claimed_until = now() + make_interval(secs => ${claimLeaseSeconds()}),
           attempts = ${attempt}, channel = ${channel}::enum_reminders_channel, recipient = ${recipient}, text = ${text}, updated_at = now()
     WHERE id = ${reminderId}`)
  await db.execute(sql`INSERT INTO reminder_attempts (reminder_id, attempt, claim_token) VALUES (${reminderId}, ${attempt}, ${token})`)
  return {
    reminder: reminderId,
    token,
    attempt,
    channel,
    recipient,
    text,
    subject: row.number ? `Payment reminder: ${String(row.number)} (${amount})` : `Payment reminder (${amount})`,
    webhook:
      channel === 'email'
        ? null
        : {
            reminder: reminderId,
            channel,
            to: recipient,
            text,
            customer: { id: Number(row.customer_id), name: String(row.name) },
            invoice: row.invoice_id === null ? null : { id: Number(row.invoice_id), number: (row.number as string | null) ?? null },
            amount: { value: amountDue, currency, formatted: amount },
          },
  }
}

async function send(req: PayloadRequest, claim: Claimed): Promise<SendResult> {
  if (claim.webhook) return postReminderWebhook(webhookUrl()!, claim.webhook)
  try {
    await req.payload.sendEmail({ to: claim.recipient, subject: claim.subject, text: claim.text, headers: { 'X-Tally-Reminder': String(claim.reminder) } })
    return { ok: true, detail: 'accepted by the mail server' }
  } catch (error) {
    return { ok: false, detail: `mail server refused: ${(error as Error).message}` }
  }
}

async function recordOutcome(db: Db, reminderId: number, claim: Claimed, result: SendResult): Promise<Delivery> {
  const unknown = !result.ok && result.maybeDelivered === true
  await db.execute(sql`
    UPDATE reminder_attempts SET outcome = ${result.ok ? 'sent' : unknown ? 'unknown' : 'failed'}, detail = ${result.detail}, finished_at = now()
     WHERE reminder_id = ${reminderId} AND attempt = ${claim.attempt} AND claim_token = ${claim.token}`)
  if (result.ok) {
    await db.execute(sql`
      UPDATE reminders SET status = 'sent', sent_at = now(), reason = NULL, claimed_until = NULL, updated_at = now()
       WHERE id = ${reminderId} AND claim_token = ${claim.token}`)
    await db.execute(sql`
      INSERT INTO collection_contacts (store_id, customer_id, kind, note, reminder_id)
      SELECT store_id, customer_id, ${claim.channel}, ${`Reminder sent by ${claim.channel} to ${claim.recipient}`}, id FROM reminders WHERE id = ${reminderId}`)
    await supersedeEarlierSteps(db, reminderId)
    return { outcome: 'sent', reminder: reminderId, attempt: claim.attempt, detail: result.detail }
  }
  if (unknown) {
    await db.execute(sql`
      UPDATE reminders SET status = 'failed', claimed_until = NULL, updated_at = now(),
             reason = ${`${result.detail}; not sent again, so it cannot go out twice`}
       WHERE id = ${reminderId} AND claim_token = ${claim.token}`)
    return { outcome: 'unknown', reminder: reminderId, detail: result.detail }
  }
  const final = claim.attempt >= REMINDER_MAX_ATTEMPTS
  await db.execute(sql`
    UPDATE reminders SET claimed_until = NULL, reason = ${result.detail}, updated_at = now()
           ${final ? sql`, status = 'failed'` : sql``}
     WHERE id = ${reminderId} AND claim_token = ${claim.token}`)
  return { outcome: 'failed', reminder: reminderId, attempt: claim.attempt, detail: result.detail, final }
}

async function finish(db: Db, reminderId: number, status: 'failed' | 'skipped' | 'cancelled', reason: string) {
  await db.execute(sql`UPDATE reminders SET status = ${status}::enum_reminders_status, reason = ${reason}, claimed_until = NULL, updated_at = now() WHERE id = ${reminderId}`)
}

/**
 * Once a step of an invoice has gone out, its earlier steps still waiting (a manual one nobody
 * clicked, one held back by a snooze) never go: the customer has the later word.
 */
export async function supersedeEarlierSteps(db: Db, reminderId: number): Promise<void> {
  await db.execute(sql`
    UPDATE reminders r SET status = 'skipped', reason = 'superseded by a later step of the ladder', updated_at = now()
      FROM reminders s
     WHERE s.id = ${reminderId} AND s.invoice_id IS NOT NULL AND r.invoice_id = s.invoice_id AND r.id <> s.id
       AND r.status = 'scheduled' AND r.send_on < s.send_on AND (r.claimed_until IS NULL OR r.claimed_until < now())`)
}

/** Every attempt of a reminder, oldest first (the screen and the tests read them). */
export async function reminderAttempts(db: Db, reminderId: number) {
  const { rows } = await db.execute(sql`
    SELECT attempt, outcome, detail, started_at, finished_at FROM reminder_attempts WHERE reminder_id = ${reminderId} ORDER BY attempt`)
  return rows.map((row) => ({
    attempt: Number(row.attempt),
    outcome: (row.outcome as string | null) ?? null,
    detail: (row.detail as string | null) ?? null,
    startedAt: new Date(String(row.started_at)).toISOString(),
    finishedAt: row.finished_at ? new Date(String(row.finished_at)).toISOString() : null,
  }))
}
