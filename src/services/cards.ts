/**
 * Credit-card statements (SPEC §2, §3 rule 8). Periods come from the card's closing day
 * (src/domain/billingPeriods) and are kept contiguous: a statement is only ever created next
 * to an existing one (or as the card's first), under the card's row lock.
 */
import type { PayloadRequest } from 'payload'

import { addDays, billingPeriodDays, dueDateFor, nextPeriod, periodContaining, type BillingPeriod } from '@/domain/billingPeriods'
import { dayOnly, storedDay, todayIn } from '@/domain/dates'
import { RuleError } from '@/domain/errors'

import { sql, toMinor, type Db } from './db'
import { mayUseStore, notFound } from './ledger'

export interface LockedCard {
  id: number
  storeId: number
  name: string
  last4: string
  cardholder: string
  closingDay: number
  dueDay: number
  active: boolean
  timezone: string
}

export async function lockCard(db: Db, req: PayloadRequest, cardId: number, field = 'creditCard'): Promise<LockedCard> {
  const { rows } = await db.execute(sql`
    SELECT c.id, c.store_id, c.name, c.last4, c.cardholder, c.closing_day, c.due_day, c.active, s.timezone
      FROM credit_cards c JOIN stores s ON s.id = c.store_id
     WHERE c.id = ${cardId} FOR UPDATE OF c`)
  const row = rows[0]
  if (!row || !mayUseStore(req, Number(row.store_id))) throw notFound(field)
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    name: String(row.name),
    last4: String(row.last4),
    cardholder: String(row.cardholder),
    closingDay: Number(row.closing_day),
    dueDay: Number(row.due_day),
    active: Boolean(row.active),
    timezone: String(row.timezone),
  }
}

export interface StatementRow extends BillingPeriod {
  id: number
  isClosed: boolean
}

const day = (value: unknown) => dayOnly(value instanceof Date ? value : String(value))!

async function statementsOf(db: Db, cardId: number): Promise<StatementRow[]> {
  const { rows } = await db.execute(sql`
    SELECT id, start_date, end_date, is_closed FROM credit_card_invoices WHERE credit_card_id = ${cardId} ORDER BY start_date`)
  return rows.map((row) => ({ id: Number(row.id), startDate: day(row.start_date), endDate: day(row.end_date), isClosed: Boolean(row.is_closed) }))
}

const statementLabel = (card: LockedCard, period: BillingPeriod) => `${card.name} ••${card.last4} · ${period.startDate} → ${period.endDate}`

async function insertStatement(db: Db, card: LockedCard, period: BillingPeriod): Promise<StatementRow> {
  const label = statementLabel(card, period)
  const { rows } = await db.execute(sql`
    INSERT INTO credit_card_invoices (store_id, credit_card_id, label, cardholder, last4, start_date, end_date, due_date,
                                      is_closed, total_amount, purchases_count, billing_period_days, amount_paid, amount_due, status)
    VALUES (${card.storeId}, ${card.id}, ${label}, ${card.cardholder}, ${card.last4}, ${storedDay(period.startDate)}::timestamptz,
            ${storedDay(period.endDate)}::timestamptz, ${storedDay(dueDateFor(period, card.dueDay))}::timestamptz,
            false, 0, 0, ${billingPeriodDays(period)}, 0, 0, 'open')
    RETURNING id`)
  return { id: Number(rows[0]!.id), ...period, isClosed: false }
}

/**
 * The statement whose period contains `date` (yyyy-mm-dd), creating it — and every period
 * between it and the card's existing statements — when missing. Returns how many it made.
 */
export async function ensureStatementFor(db: Db, card: LockedCard, date: string): Promise<{ statement: StatementRow; created: number }> {
  const existing = await statementsOf(db, card.id)
  const found = existing.find((statement) => statement.startDate <= date && date <= statement.endDate)
  if (found) return { statement: found, created: 0 }
  let created = 0
  if (existing.length === 0) {
    const statement = await insertStatement(db, card, periodContaining(date, card.closingDay))
    return { statement, created: 1 }
  }
  const last = existing.at(-1)!
  const first = existing[0]!
  if (date > last.endDate) {
    let period: BillingPeriod = last
    let statement: StatementRow | undefined
    do {
      period = nextPeriod(period, card.closingDay)
      statement = await insertStatement(db, card, period)
      created += 1
    } while (period.endDate < date)
    return { statement: statement!, created }
  }
  // Before the first statement: fill backwards so the history stays contiguous.
  let period = periodContaining(date, card.closingDay)
  const target = period
  const made: StatementRow[] = []
  while (period.endDate < first.startDate) {
    made.push(await insertStatement(db, card, period))
    created += 1
    period = nextPeriod(period, card.closingDay)
  }
  return { statement: made.find((statement) => statement.startDate === target.startDate)!, created }
}

export async function refreshStatement(db: Db, statementId: number): Promise<void> {
  await db.execute(sql`
    UPDATE credit_card_invoices s
       SET total_amount = f.total_amount, purchases_count = f.purchases_count, billing_period_days = f.billing_period_days,
           amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_credit_card_invoices_status
      FROM statement_figures f WHERE f.id = s.id AND s.id = ${statementId}`)
  await db.execute(sql`
    UPDATE payment_statuses p
       SET expected_amount = f.expected_amount, amount_paid = f.amount_paid, status = f.status::enum_payment_statuses_status
      FROM payable_figures f WHERE f.id = p.id AND p.credit_card_invoice_id = ${statementId}`)
}

export async function refreshPayable(db: Db, payableId: number): Promise<void> {
  await db.execute(sql`
    UPDATE payment_statuses p
       SET expected_amount = f.expected_amount, amount_paid = f.amount_paid, status = f.status::enum_payment_statuses_status
      FROM payable_figures f WHERE f.id = p.id AND p.id = ${payableId}`)
}

/** The store-local day of a timestamp (or today). */
export function storeDay(timezone: string, timestamp?: string | null): string {
  return todayIn(timezone, timestamp ? new Date(timestamp) : new Date())
}

/**
 * Rule 8: a card charge lands in the statement whose period contains its date. A charge
 * dated in a closed period is refused (422): the statement was already settled with the
 * bank; date it in the open period instead.
 */
export async function statementForCharge(db: Db, req: PayloadRequest, cardId: number, timestamp: string | null | undefined) {
  const card = await lockCard(db, req, cardId)
  if (!card.active) throw new RuleError('this card is not active', 'creditCard')
  const date = storeDay(card.timezone, timestamp)
  const { statement } = await ensureStatementFor(db, card, date)
  if (statement.isClosed) {
    throw new RuleError(`the statement ${statement.startDate} → ${statement.endDate} of this card is closed; date the charge in an open period`, 'date')
  }
  return { card, statement }
}

/**
 * Closes a statement and opens the next period in the same transaction (SPEC §2). The card
 * row lock makes two concurrent closes run one after the other: the second sees it closed
 * (409), so exactly one next period is created. The closed statement becomes a credit-card
 * payable of the month it is due.
 *
 * Closing before the period's end date (the bank's statement came early, issue 13) cuts the
 * statement at the end of yesterday, store time: it ends the day before the close, and the
 * rest of the period, from today to the old end date, is the next open statement — so a
 * charge dated today is taken, never trapped. Hence a period that has not started, one that
 * began today (nothing before today to close) and one already holding charges dated today or
 * later cannot be closed early (422).
 */
export async function closeStatement(db: Db, req: PayloadRequest, statementId: number) {
  const { rows: found } = await db.execute(sql`SELECT credit_card_id FROM credit_card_invoices WHERE id = ${statementId}`)
  if (!found[0]) throw notFound('id')
  const card = await lockCard(db, req, Number(found[0].credit_card_id), 'id')
  const { rows } = await db.execute(sql`SELECT is_closed, start_date, end_date, due_date FROM credit_card_invoices WHERE id = ${statementId}`)
  if (rows[0]!.is_closed) throw new RuleError('this statement is already closed', 'id', 409)
  const startDate = day(rows[0]!.start_date)
  let endDate = day(rows[0]!.end_date)
  let dueDate = day(rows[0]!.due_date)
  const today = storeDay(card.timezone)
  let next: StatementRow
  if (today <= endDate) {
    if (today < startDate) throw new RuleError(`this period (${startDate} → ${endDate}) has not started; it can be closed from ${startDate} on`, 'id')
    if (today === startDate) throw new RuleError(`this period began today (${startDate}); close it tomorrow or later`, 'id')
    const { rows: late } = await db.execute(sql`
      SELECT min((t.date AT TIME ZONE ${card.timezone})::date)::text AS first FROM transactions t
       WHERE t.credit_card_invoice_id = ${statementId} AND t.kind = 'expense' AND (t.date AT TIME ZONE ${card.timezone})::date >= ${today}::date`)
    if (late[0]?.first) {
      throw new RuleError(`this statement already holds charges dated ${String(late[0].first)} or later; close it after that day`, 'id')
    }
    const rest = { startDate: today, endDate }
    endDate = addDays(today, -1)
    dueDate = dueDateFor({ endDate }, card.dueDay)
    await db.execute(sql`
      UPDATE credit_card_invoices
         SET end_date = ${storedDay(endDate)}::timestamptz, due_date = ${storedDay(dueDate)}::timestamptz,
             label = ${statementLabel(card, { startDate, endDate })}, billing_period_days = ${billingPeriodDays({ startDate, endDate })}
       WHERE id = ${statementId}`)
    next = await insertStatement(db, card, rest)
  } else {
    next = (await ensureStatementFor(db, card, nextPeriod({ endDate }, card.closingDay).startDate)).statement
  }
  await db.execute(sql`UPDATE credit_card_invoices SET is_closed = true, closed_at = now() WHERE id = ${statementId}`)
  await db.execute(sql`
    INSERT INTO payment_statuses (store_id, name, payment_type, month_year, due_date, expected_amount, currency, credit_card_invoice_id, amount_paid, status)
    SELECT ${card.storeId}, ${`${card.name} ••${card.last4}`}, 'credit_card', ${dueDate.slice(0, 7)}, ${storedDay(dueDate)}::timestamptz, 0,
           cc.currency, ${statementId}, 0, 'pending'
      FROM credit_cards cc WHERE cc.id = ${card.id}
    ON CONFLICT DO NOTHING`)
  await refreshStatement(db, statementId)
  await refreshStatement(db, next.id)
  return { closed: await statementSummary(db, statementId), next: await statementSummary(db, next.id) }
}

export async function statementSummary(db: Db, statementId: number) {
  const { rows } = await db.execute(sql`
    SELECT id, credit_card_id, label, start_date, end_date, due_date, is_closed, closed_at, total_amount, purchases_count,
           billing_period_days, amount_paid, amount_due, status
      FROM credit_card_invoices WHERE id = ${statementId}`)
  const row = rows[0]!
  return {
    id: Number(row.id),
    creditCard: Number(row.credit_card_id),
    label: String(row.label),
    startDate: day(row.start_date),
    endDate: day(row.end_date),
    dueDate: row.due_date ? day(row.due_date) : null,
    isClosed: Boolean(row.is_closed),
    closedAt: row.closed_at ? new Date(String(row.closed_at)).toISOString() : null,
    totalAmount: toMinor(row.total_amount),
    purchasesCount: Number(row.purchases_count),
    billingPeriodDays: Number(row.billing_period_days),
    amountPaid: toMinor(row.amount_paid),
    amountDue: toMinor(row.amount_due),
    status: String(row.status),
  }
}

/**
 * `cards:init`: for each active card (or one), the statements covering the last `months`
 * months up to today, contiguous with what exists. Idempotent: a second run creates nothing.
 */
export async function initStatements(db: Db, req: PayloadRequest, options: { months: number; cardId?: number }, progress: (line: string) => void = () => undefined) {
  const { rows } = await db.execute(sql`
    SELECT id FROM credit_cards WHERE active ${options.cardId ? sql`AND id = ${options.cardId}` : sql``} ORDER BY id`)
  if (options.cardId && rows.length === 0) throw new RuleError(`no active card with id ${options.cardId}`, 'card', 404)
  let created = 0
  for (const [index, row] of rows.entries()) {
    const card = await lockCard(db, req, Number(row.id))
    const today = storeDay(card.timezone)
    const [year, month] = today.split('-').map(Number) as [number, number]
    const startMonth = year * 12 + (month - 1) - options.months
    const from = `${Math.floor(startMonth / 12)}-${String((startMonth % 12) + 1).padStart(2, '0')}-${today.slice(8, 10) > '28' ? '28' : today.slice(8, 10)}`
    const before = created
    created += (await ensureStatementFor(db, card, from)).created
    created += (await ensureStatementFor(db, card, today)).created
    progress(`[${index + 1}/${rows.length}] ${card.name} ••${card.last4}: ${created - before} statement(s) created`)
  }
  return { cards: rows.length, created }
}

/** Per card of a store: open / closed statement counts and totals, what is still due. */
export async function cardSummary(db: Db, storeId: number | null) {
  const { rows } = await db.execute(sql`
    SELECT c.id, c.store_id, c.name, c.last4, c.cardholder, c.active,
           count(s.id) FILTER (WHERE NOT s.is_closed) AS open_count,
           count(s.id) FILTER (WHERE s.is_closed) AS closed_count,
           coalesce(sum(s.total_amount) FILTER (WHERE NOT s.is_closed), 0) AS open_total,
           coalesce(sum(s.total_amount) FILTER (WHERE s.is_closed), 0) AS closed_total,
           coalesce(sum(s.amount_due) FILTER (WHERE s.is_closed), 0) AS amount_due,
           count(s.id) FILTER (WHERE s.status = 'overdue') AS overdue_count
      FROM credit_cards c LEFT JOIN credit_card_invoices s ON s.credit_card_id = c.id
     ${storeId === null ? sql`` : sql`WHERE c.store_id = ${storeId}`}
     GROUP BY c.id ORDER BY c.name, c.id`)
  return rows.map((row) => ({
    card: { id: Number(row.id), store: Number(row.store_id), name: String(row.name), last4: String(row.last4), cardholder: String(row.cardholder), active: Boolean(row.active) },
    open: { count: Number(row.open_count), totalAmount: toMinor(row.open_total) },
    closed: { count: Number(row.closed_count), totalAmount: toMinor(row.closed_total), amountDue: toMinor(row.amount_due), overdue: Number(row.overdue_count) },
  }))
}
