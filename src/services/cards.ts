/**
 * Credit-card statements (SPEC §2, §3 rule 8). Periods come from the card's closing day
 * (src/domain/billingPeriods) and are kept contiguous: a statement is only ever created next
 * to an existing one (or as the card's first), under the card's row lock.
 */
import type { PayloadRequest } from 'payload'

import { addDays, billingPeriodDays, dueDateFor, nextPeriod, periodContaining, type BillingPeriod } from '@/domain/billingPeriods'
import { dayOnly, todayIn } from '@/domain/dates'
import { notFound, RuleError } from '@/domain/errors'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCard, type LockedCard } from '@/ledger/lock'
import { refreshStatement } from '@/ledger/refresh'
import { cutStatement, insertStatement, insertStatementPayable, markStatementClosed } from '@/ledger/write'

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

async function openStatement(db: Db, card: LockedCard, period: BillingPeriod): Promise<StatementRow> {
  const id = await insertStatement(db, {
    storeId: card.storeId,
    cardId: card.id,
    label: statementLabel(card, period),
    cardholder: card.cardholder,
    last4: card.last4,
    startDate: period.startDate,
    endDate: period.endDate,
    dueDate: dueDateFor(period, card.dueDay),
    billingPeriodDays: billingPeriodDays(period),
  })
  return { id, ...period, isClosed: false }
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
    const statement = await openStatement(db, card, periodContaining(date, card.closingDay))
    return { statement, created: 1 }
  }
  const last = existing.at(-1)!
  const first = existing[0]!
  if (date > last.endDate) {
    let period: BillingPeriod = last
    let statement: StatementRow | undefined
    do {
      period = nextPeriod(period, card.closingDay)
      statement = await openStatement(db, card, period)
      created += 1
    } while (period.endDate < date)
    return { statement: statement!, created }
  }
  // Before the first statement: fill backwards so the history stays contiguous.
  let period = periodContaining(date, card.closingDay)
  const target = period
  const made: StatementRow[] = []
  while (period.endDate < first.startDate) {
    made.push(await openStatement(db, card, period))
    created += 1
    period = nextPeriod(period, card.closingDay)
  }
  return { statement: made.find((statement) => statement.startDate === target.startDate)!, created }
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
    await cutStatement(db, statementId, {
      endDate,
      dueDate,
      label: statementLabel(card, { startDate, endDate }),
      billingPeriodDays: billingPeriodDays({ startDate, endDate }),
    })
    next = await openStatement(db, card, rest)
  } else {
    next = (await ensureStatementFor(db, card, nextPeriod({ endDate }, card.closingDay).startDate)).statement
  }
  await markStatementClosed(db, statementId)
  await insertStatementPayable(db, { storeId: card.storeId, cardId: card.id, statementId, name: `${card.name} ••${card.last4}`, dueDate })
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
