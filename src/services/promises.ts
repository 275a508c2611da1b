/**
 * Promises to pay (SPEC §11). A promise is kept when the payments the customer made from its
 * creation, dated by its day, reach its amount; broken the day after its day if they did
 * not; open until then. Read from the ledger every time (a reversed payment stops counting).
 */
import type { PayloadRequest } from 'payload'

import { addDays, dayOnly, storedDay, todayIn } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import { formatMoney, type Minor } from '@/domain/money'
import { promiseStatus, type PromiseStatus } from '@/domain/reminders'
import { sql, toMinor, type Db, type SQL } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'

/** Furthest a promise may be dated (days from today). */
export const MAX_PROMISE_DAYS = 366

export interface PromiseView {
  id: number
  customer: number
  amount: Minor
  date: string
  note: string | null
  paid: Minor
  status: PromiseStatus
  createdAt: string
  createdBy: number | null
}

/** Promises matching `where` (on p.*), with what was paid towards each, newest first. */
export async function promisesWhere(db: Db, where: SQL, limit = 100): Promise<PromiseView[]> {
  const { rows } = await db.execute(sql`
    SELECT p.id, p.customer_id, p.amount, p.promised_for, p.note, p.created_at, p.created_by_id, s.timezone,
           coalesce((SELECT sum(t.amount) FROM transactions t
                      WHERE t.customer_id = p.customer_id AND t.type = 'income' AND t.kind = 'payment'
                        AND t.created_at >= p.created_at
                        AND (t.date AT TIME ZONE s.timezone)::date <= (p.promised_for AT TIME ZONE 'UTC')::date
                        AND NOT EXISTS (SELECT 1 FROM transactions x WHERE x.reversal_of_id = t.id)), 0) AS paid
      FROM promises p JOIN stores s ON s.id = p.store_id
     WHERE ${where}
     ORDER BY p.created_at DESC, p.id DESC
     LIMIT ${limit}`)
  return rows.map((row) => {
    const amount = toMinor(row.amount)
    const date = dayOnly(row.promised_for)!
    const paid = toMinor(row.paid)
    return {
      id: Number(row.id),
      customer: Number(row.customer_id),
      amount,
      date,
      note: (row.note as string | null) ?? null,
      paid: Math.min(paid, amount),
      status: promiseStatus({ amount, date }, paid, todayIn(String(row.timezone))),
      createdAt: new Date(String(row.created_at)).toISOString(),
      createdBy: row.created_by_id === null ? null : Number(row.created_by_id),
    }
  })
}

export async function listPromises(db: Db, req: PayloadRequest, customerId: number) {
  const customer = await lockCustomer(db, req, customerId, { lock: false })
  return { customer: customer.id, promises: await promisesWhere(db, sql`p.customer_id = ${customer.id}`) }
}

export async function recordPromise(db: Db, req: PayloadRequest, customerId: number, input: { amount: Minor; date: string; note?: string | null }) {
  const customer = await lockCustomer(db, req, customerId)
  const today = todayIn(customer.store.timezone)
  if (input.date < today) throw new RuleError(`date must be today (${today}) or later: a promise is about paying from now on`, 'date', 400)
  if (input.date > addDays(today, MAX_PROMISE_DAYS)) throw new RuleError(`date must be within ${MAX_PROMISE_DAYS} days`, 'date', 400)
  if (customer.pendingBalance <= 0) throw new RuleError('Nothing is owed: there is nothing to promise', 'amount')
  if (input.amount > customer.pendingBalance) {
    const owed = formatMoney(customer.pendingBalance, customer.store.currency, customer.store.locale)
    throw new RuleError(`The promise is more than the customer owes (${owed})`, 'amount', 422, { pendingBalance: customer.pendingBalance })
  }
  const { rows } = await db.execute(sql`
    INSERT INTO promises (store_id, customer_id, amount, promised_for, note, created_by_id)
    VALUES (${customer.storeId}, ${customer.id}, ${input.amount}, ${storedDay(input.date)}::timestamptz, ${input.note ?? null}, ${req.user?.id ?? null})
    RETURNING id`)
  const id = Number(rows[0]!.id)
  const amount = formatMoney(input.amount, customer.store.currency, customer.store.locale)
  await db.execute(sql`
    INSERT INTO collection_contacts (store_id, customer_id, kind, note, created_by_id)
    VALUES (${customer.storeId}, ${customer.id}, 'promise', ${`Promised ${amount} by ${input.date}${input.note ? `: ${input.note}` : ''}`}, ${req.user?.id ?? null})`)
  const [promise] = await promisesWhere(db, sql`p.id = ${id}`)
  return promise!
}
