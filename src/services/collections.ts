/**
 * SPEC §11 — the owner's morning list and its actions: who owes (oldest overdue first), how
 * much is overdue and for how long, the last contact, the promise, the next reminder; record
 * a call, a note, a WhatsApp share; snooze; mark disputed. And the month's collection figures:
 * what fell due against what was collected, and DSO, from the ledger.
 */
import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { addDays, dayOnly, daysBetween, storedDay, todayIn } from '@/domain/dates'
import { notFound, RuleError } from '@/domain/errors'
import { heldMoney } from '@/domain/held'
import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import type { Minor } from '@/domain/money'
import type { ReminderChannel, ReminderStatus } from '@/domain/reminders'
import { sql, sqlList, toMinor, toSum, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'

import { promisesWhere, type PromiseView } from './promises'
import { supersedeEarlierSteps } from './reminders'

export interface StoreOfList {
  id: number
  name: string
  currency: string
  locale: string
  timezone: string
}

export async function storeOfList(db: Db, req: PayloadRequest, storeId: number): Promise<StoreOfList> {
  const { rows } = await db.execute(sql`SELECT id, name, currency, locale, timezone FROM stores WHERE id = ${storeId}`)
  const row = rows[0]
  if (!row || !mayUseStore(req, storeId)) throw notFound('store')
  return { id: storeId, name: String(row.name), currency: String(row.currency), locale: String(row.locale), timezone: String(row.timezone) }
}

export interface ReminderView {
  id: number
  invoice: number | null
  invoiceNumber: string | null
  channel: ReminderChannel
  status: ReminderStatus
  sendOn: string
  sentAt: string | null
  attempts: number
  reason: string | null
}

export interface CollectionRow {
  customer: { id: number; name: string; phone: string; email: string | null }
  pendingBalance: Minor
  held: Minor
  net: Minor
  overdue: Minor
  oldestDue: string | null
  daysOverdue: number
  openInvoices: number
  remindersOff: boolean
  preferredChannel: ReminderChannel | null
  disputed: boolean
  snoozedUntil: string | null
  lastContact: { kind: string; note: string | null; at: string } | null
  promise: PromiseView | null
  nextReminder: ReminderView | null
  lastReminder: ReminderView | null
}

export interface CollectionSummary {
  month: string
  fellDue: Minor
  collected: Minor
  customersOwing: number
  overdueTotal: Minor
  /** Days sales outstanding: pending ÷ billed over the last 90 days × 90; null without sales. */
  dso: number | null
}

const reminderOf = (row: Record<string, unknown> | null | undefined): ReminderView | null =>
  row && row.id !== null && row.id !== undefined
    ? {
        id: Number(row.id),
        invoice: row.invoice_id === null || row.invoice_id === undefined ? null : Number(row.invoice_id),
        invoiceNumber: (row.number as string | null) ?? null,
        channel: row.channel as ReminderChannel,
        status: row.status as ReminderStatus,
        sendOn: dayOnly(row.send_on)!,
        sentAt: row.sent_at ? new Date(String(row.sent_at)).toISOString() : null,
        attempts: Number(row.attempts ?? 0),
        reason: (row.reason as string | null) ?? null,
      }
    : null

/** Customers who owe, oldest overdue first (earliest due date of what they owe), then by name. */
export async function collectionList(db: Db, store: StoreOfList, { limit = 200 }: { limit?: number } = {}): Promise<CollectionRow[]> {
  const today = todayIn(store.timezone)
  const { rows } = await db.execute(sql`
    WITH owed AS (
      SELECT i.customer_id,
             min(coalesce(i.due_date, i.issue_date)) AS oldest_due,
             coalesce(sum(i.amount_due) FILTER (WHERE coalesce(i.due_date, i.issue_date) < ${storedDay(today)}::timestamptz), 0) AS overdue,
             count(*) AS open_invoices
        FROM invoices i
       -- Only open, partial and overdue invoices owe (as in collectionSummary): the store's open ones, not its history.
       WHERE i.store_id = ${store.id} AND i.status IN (${sqlList(OPEN_INVOICE_STATUSES)}) AND i.amount_due > 0
       GROUP BY i.customer_id
    )
    SELECT c.id, c.name, c.phone, c.email, c.pending_balance, c.advance_balance, c.unmatched_credit,
           c.reminders_off, c.preferred_channel, c.disputed, c.snoozed_until,
           o.oldest_due, o.overdue, o.open_invoices,
           lc.kind AS contact_kind, lc.note AS contact_note, lc.created_at AS contact_at,
           row_to_json(nr) AS next_reminder, row_to_json(lr) AS last_reminder
      FROM customers c
      JOIN owed o ON o.customer_id = c.id
      LEFT JOIN LATERAL (SELECT kind, note, created_at FROM collection_contacts k WHERE k.customer_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1) lc ON true
      LEFT JOIN LATERAL (SELECT r.id, r.invoice_id, i.number, r.channel, r.status, r.send_on, r.sent_at, r.attempts, r.reason
                           FROM reminders r LEFT JOIN invoices i ON i.id = r.invoice_id
                          WHERE r.customer_id = c.id AND r.status = 'scheduled'
                          -- the latest step already due (the one that goes out), else the next to come
                          ORDER BY (r.send_on <= ${storedDay(today)}::timestamptz) DESC,
                                   CASE WHEN r.send_on <= ${storedDay(today)}::timestamptz THEN r.send_on END DESC, r.send_on, r.id
                          LIMIT 1) nr ON true
      LEFT JOIN LATERAL (SELECT r.id, r.invoice_id, i.number, r.channel, r.status, r.send_on, r.sent_at, r.attempts, r.reason
                           FROM reminders r LEFT JOIN invoices i ON i.id = r.invoice_id
                          WHERE r.customer_id = c.id AND r.status IN ('sent', 'failed') ORDER BY r.updated_at DESC, r.id DESC LIMIT 1) lr ON true
     WHERE c.store_id = ${store.id} AND c.deleted_at IS NULL AND c.pending_balance > 0
     ORDER BY o.oldest_due, c.name, c.id
     LIMIT ${limit}`)
  const ids = rows.map((row) => Number(row.id))
  const promises = ids.length ? await promisesWhere(db, sql`p.customer_id IN (${sqlList(ids)})`, 10_000) : []
  const latestPromise = new Map<number, PromiseView>()
  for (const promise of promises) if (!latestPromise.has(promise.customer)) latestPromise.set(promise.customer, promise)
  return rows.map((row) => {
    const balances = { pendingBalance: toMinor(row.pending_balance), advanceBalance: toMinor(row.advance_balance), unmatchedCredit: toMinor(row.unmatched_credit) }
    const { held, net } = heldMoney(balances)
    const oldestDue = dayOnly(row.oldest_due)
    return {
      customer: { id: Number(row.id), name: String(row.name), phone: String(row.phone), email: (row.email as string | null) ?? null },
      pendingBalance: balances.pendingBalance,
      held,
      net,
      overdue: toMinor(row.overdue),
      oldestDue,
      daysOverdue: oldestDue && oldestDue < today ? daysBetween(oldestDue, today) : 0,
      openInvoices: Number(row.open_invoices),
      remindersOff: row.reminders_off === true,
      preferredChannel: (row.preferred_channel as ReminderChannel | null) ?? null,
      disputed: row.disputed === true,
      snoozedUntil: dayOnly(row.snoozed_until),
      lastContact: row.contact_kind
        ? { kind: String(row.contact_kind), note: (row.contact_note as string | null) ?? null, at: new Date(String(row.contact_at)).toISOString() }
        : null,
      promise: latestPromise.get(Number(row.id)) ?? null,
      nextReminder: reminderOf(row.next_reminder as Record<string, unknown> | null),
      lastReminder: reminderOf(row.last_reminder as Record<string, unknown> | null),
    }
  })
}

/**
 * The month so far (store days): fell due (Σ what invoices due this month ask for) vs collected
 * (payments), and DSO. The dashboard asks for it on every load, so each figure is an index
 * range over the month, the last 90 days or the open invoices, never the store's whole
 * history: calendar days are stored as noon UTC, so a range of days is a range of stored
 * instants (invoices_store_falls_due_idx, invoices_store_issue_date_idx); the payments of store
 * days [first, today] are those from the start of `first` to the start of the day after
 * `today` in the store's zone (transactions_store_date_cover_idx; Postgres turns the days into
 * instants, the inverse of the `date AT TIME ZONE` that files a payment under its day); and an
 * invoice still owing is open, partial or overdue — paid and written_off ones owe 0, and
 * ledger:verify holds every stored status to that (invoices_store_status_idx).
 */
export async function collectionSummary(db: Db, store: { id: number; timezone: string }): Promise<CollectionSummary> {
  const today = todayIn(store.timezone)
  const month = today.slice(0, 7)
  const first = `${month}-01`
  const { rows } = await db.execute(sql`
    SELECT
      (SELECT coalesce(sum(i.total - coalesce(i.credited_amount, 0)), 0) FROM invoices i
        WHERE i.store_id = ${store.id} AND i.status NOT IN ('draft', 'void')
          AND coalesce(i.due_date, i.issue_date) >= ${storedDay(first)}::timestamptz AND coalesce(i.due_date, i.issue_date) <= ${storedDay(today)}::timestamptz) AS fell_due,
      (SELECT coalesce(sum(t.amount), 0) FROM transactions t
        WHERE t.store_id = ${store.id} AND t.type = 'income' AND t.kind = 'payment'
          AND t.date >= (${first}::date)::timestamp AT TIME ZONE ${store.timezone}
          AND t.date < (${today}::date + 1)::timestamp AT TIME ZONE ${store.timezone}
          AND NOT EXISTS (SELECT 1 FROM transactions x WHERE x.reversal_of_id = t.id)) AS collected,
      (SELECT coalesce(sum(pending_balance), 0) FROM customers WHERE store_id = ${store.id} AND deleted_at IS NULL) AS pending,
      (SELECT count(*) FROM customers WHERE store_id = ${store.id} AND deleted_at IS NULL AND pending_balance > 0) AS owing,
      (SELECT coalesce(sum(i.amount_due), 0) FROM invoices i
        WHERE i.store_id = ${store.id} AND i.status IN (${sqlList(OPEN_INVOICE_STATUSES)}) AND i.amount_due > 0
          AND coalesce(i.due_date, i.issue_date) < ${storedDay(today)}::timestamptz) AS overdue,
      (SELECT coalesce(sum(i.total - coalesce(i.credited_amount, 0)), 0) FROM invoices i
        WHERE i.store_id = ${store.id} AND i.status NOT IN ('draft', 'void')
          AND i.issue_date > ${storedDay(addDays(today, -90))}::timestamptz AND i.issue_date <= ${storedDay(today)}::timestamptz) AS billed_90`)
  const row = rows[0]!
  const pending = toSum(row.pending, 'pendingTotal')
  const billed = toSum(row.billed_90, 'billed')
  return {
    month,
    fellDue: toSum(row.fell_due, 'fellDue'),
    collected: toSum(row.collected, 'collected'),
    customersOwing: Number(row.owing),
    overdueTotal: toSum(row.overdue, 'overdueTotal'),
    // Whole days, half up: pending / (billed over 90 days / 90).
    dso: billed > 0 ? Math.round((pending * 90) / billed) : null,
  }
}

export const CONTACT_KINDS = ['call', 'note', 'whatsapp', 'snooze', 'dispute', 'resolve'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

/** Longest snooze (days). */
export const MAX_SNOOZE_DAYS = 90

/**
 * One action of the collections screen on a customer: record a call, a note or a WhatsApp
 * share; snooze reminders until a day; mark the dues disputed (reminders wait) or resolved.
 */
export async function recordContact(db: Db, req: PayloadRequest, customerId: number, input: { kind: ContactKind; note?: string | null; until?: string | null }) {
  const customer = await lockCustomer(db, req, customerId)
  const today = todayIn(customer.store.timezone)
  let note = input.note ?? null
  if (input.kind === 'snooze') {
    if (!input.until) throw new RuleError('is required for a snooze (the day reminders start again)', 'until', 400)
    if (input.until <= today) throw new RuleError(`must be after today (${today})`, 'until', 400)
    if (input.until > addDays(today, MAX_SNOOZE_DAYS)) throw new RuleError(`must be within ${MAX_SNOOZE_DAYS} days`, 'until', 400)
    await db.execute(sql`UPDATE customers SET snoozed_until = ${storedDay(input.until)}::timestamptz, updated_at = now() WHERE id = ${customer.id}`)
    note = `Reminders snoozed until ${input.until}${note ? `: ${note}` : ''}`
  } else if (input.until) {
    throw new RuleError('is only for a snooze', 'until', 400)
  }
  if (input.kind === 'dispute' || input.kind === 'resolve') {
    await db.execute(sql`UPDATE customers SET disputed = ${input.kind === 'dispute'}, updated_at = now() WHERE id = ${customer.id}`)
  }
  if ((input.kind === 'call' || input.kind === 'note' || input.kind === 'dispute') && !note) {
    throw new RuleError(`is required for a ${input.kind} (what was said)`, 'note', 400)
  }
  const { rows } = await db.execute(sql`
    INSERT INTO collection_contacts (store_id, customer_id, kind, note, created_by_id)
    VALUES (${customer.storeId}, ${customer.id}, ${input.kind}, ${note}, ${req.user?.id ?? null})
    RETURNING id, kind, note, created_at`)
  const row = rows[0]!
  const { rows: state } = await db.execute(sql`SELECT snoozed_until, disputed FROM customers WHERE id = ${customer.id}`)
  return {
    contact: { id: Number(row.id), kind: String(row.kind), note: (row.note as string | null) ?? null, at: new Date(String(row.created_at)).toISOString() },
    customer: { id: customer.id, snoozedUntil: dayOnly(state[0]!.snoozed_until), disputed: state[0]!.disputed === true },
  }
}

/** The customer's contact log, newest first. */
export async function contactLog(db: Db, req: PayloadRequest, customerId: number, limit = 50) {
  const customer = await lockCustomer(db, req, customerId, { lock: false })
  const { rows } = await db.execute(sql`
    SELECT k.id, k.kind, k.note, k.created_at, k.reminder_id, u.name AS by_name
      FROM collection_contacts k LEFT JOIN users u ON u.id = k.created_by_id
     WHERE k.customer_id = ${customer.id} ORDER BY k.created_at DESC, k.id DESC LIMIT ${limit}`)
  return rows.map((row) => ({
    id: Number(row.id),
    kind: String(row.kind),
    note: (row.note as string | null) ?? null,
    at: new Date(String(row.created_at)).toISOString(),
    reminder: row.reminder_id === null ? null : Number(row.reminder_id),
    by: (row.by_name as string | null) ?? null,
  }))
}

/**
 * A `manual` reminder (or any scheduled one a person sends by hand from the screen, e.g. on
 * WhatsApp with the wa.me link) recorded as sent, once: a second click answers with the
 * reminder as it is, and writes nothing.
 */
export async function markReminderSentByHand(db: Db, req: PayloadRequest, reminderId: number) {
  const { rows } = await db.execute(sql`SELECT id, store_id, customer_id, status, channel, attempts FROM reminders WHERE id = ${reminderId} FOR UPDATE`)
  const row = rows[0]
  if (!row || !mayUseStore(req, Number(row.store_id))) throw notFound('id')
  if (row.status === 'sent') return { reminder: await reminderById(db, reminderId), recorded: false }
  if (row.status !== 'scheduled') throw new RuleError(`This reminder is ${String(row.status)}: it cannot be sent`, 'id', 409)
  const attempt = Number(row.attempts) + 1
  await db.execute(sql`
    UPDATE reminders SET status = 'sent', sent_at = now(), attempts = ${attempt}, channel = 'manual', created_by_id = coalesce(created_by_id, ${req.user?.id ?? null}),
           reason = NULL, updated_at = now() WHERE id = ${reminderId}`)
  await db.execute(sql`
    INSERT INTO reminder_attempts (reminder_id, attempt, claim_token, outcome, detail, finished_at)
    VALUES (${reminderId}, ${attempt}, ${`manual:${req.user?.id ?? 'internal'}`}, 'sent', 'sent by hand (WhatsApp link opened from the collections screen)', now())`)
  await db.execute(sql`
    INSERT INTO collection_contacts (store_id, customer_id, kind, note, reminder_id, created_by_id)
    VALUES (${Number(row.store_id)}, ${Number(row.customer_id)}, 'whatsapp', 'Reminder shared on WhatsApp', ${reminderId}, ${req.user?.id ?? null})`)
  await supersedeEarlierSteps(db, reminderId)
  return { reminder: await reminderById(db, reminderId), recorded: true }
}

export async function reminderById(db: Db, reminderId: number): Promise<ReminderView> {
  const { rows } = await db.execute(sql`
    SELECT r.id, r.invoice_id, i.number, r.channel, r.status, r.send_on, r.sent_at, r.attempts, r.reason
      FROM reminders r LEFT JOIN invoices i ON i.id = r.invoice_id WHERE r.id = ${reminderId}`)
  return reminderOf(rows[0])!
}

/**
 * "Send a reminder now" from the screen (owner): one reminder of the customer's whole dues by
 * `channel`, at most one per customer, channel and store day (its dedupe key) — a double
 * click or a retry finds the first. Sent through the same queue and claim as the ladder's.
 */
export async function planReminderNow(db: Db, req: PayloadRequest, customerId: number, channel: Exclude<ReminderChannel, 'manual'>) {
  const customer = await lockCustomer(db, req, customerId)
  if (customer.pendingBalance <= 0) throw new RuleError('Nothing is owed: there is nothing to remind of', 'customer')
  const today = todayIn(customer.store.timezone)
  const key = `now:${customer.id}:${channel}:${today}`
  const { rows } = await db.execute(sql`
    INSERT INTO reminders (store_id, customer_id, channel, status, send_on, dedupe_key, created_by_id)
    VALUES (${customer.storeId}, ${customer.id}, ${channel}::enum_reminders_channel, 'scheduled', ${storedDay(today)}::timestamptz, ${key}, ${req.user?.id ?? null})
    ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`)
  if (!rows[0]) throw new RuleError(`This customer was already reminded by ${CHANNEL_WORDS[channel]} today`, 'channel', 409)
  return { id: Number(rows[0].id), storeId: customer.storeId }
}

const CHANNEL_WORDS: Record<Exclude<ReminderChannel, 'manual'>, string> = { email: 'email', sms: 'SMS', whatsapp: 'WhatsApp' }

/** Reminders of some ids, as the screens show them. */
export async function remindersByIds(db: Db, ids: number[]): Promise<ReminderView[]> {
  if (ids.length === 0) return []
  const { rows } = await db.execute(sql`
    SELECT r.id, r.invoice_id, i.number, r.channel, r.status, r.send_on, r.sent_at, r.attempts, r.reason
      FROM reminders r LEFT JOIN invoices i ON i.id = r.invoice_id WHERE r.id IN (${sqlList(ids)}) ORDER BY r.id`)
  return rows.map((row) => reminderOf(row)!)
}
