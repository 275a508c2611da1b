import { sql, toMinor, toSum, type Db } from '@/ledger/db'

import type { StoreRef } from './dashboard'

// The newest documents per group; the screen links to /invoices for the rest.
const GROUP_LIMIT = 50

/**
 * SPEC §4 reconciliation: posted invoices by payment state (with totals), money received
 * that is not applied to any invoice nor held as an advance (unmatched), and the running
 * balance of money in and out by day over [from, to].
 */
export async function reconciliationReport(db: Db, store: StoreRef, from: string, to: string) {
  // invoice_status_totals is kept by a trigger on invoices (migration invoice_totals).
  const { rows: groups } = await db.execute(sql`
    SELECT CASE status WHEN 'open' THEN 'unpaid' ELSE status::text END AS grp,
           sum(count) AS count, sum(total) AS total, sum(amount_due) AS due, sum(amount_paid) AS paid
      FROM invoice_status_totals WHERE store_id = ${store.id} AND status IN ('open', 'partial', 'paid', 'overdue')
     GROUP BY 1`)
  // The newest documents of each state: one index range scan per state.
  const { rows: docs } = await db.execute(sql`
    SELECT d.* FROM unnest(ARRAY['open', 'partial', 'paid', 'overdue']::enum_invoices_status[]) AS state
    CROSS JOIN LATERAL (
      SELECT i.id, i.number, i.kind, i.status, i.issue_date, i.due_date, i.total, i.amount_paid, i.amount_due, i.customer_id, c.name AS customer_name
        FROM invoices i JOIN customers c ON c.id = i.customer_id
       WHERE i.store_id = ${store.id} AND i.status = state
       ORDER BY i.issue_date DESC, i.id DESC
       LIMIT ${GROUP_LIMIT}) d
     ORDER BY d.issue_date DESC, d.id DESC`)
  const invoices: Record<'paid' | 'partial' | 'unpaid' | 'overdue', { count: number; total: number; amountDue: number; amountPaid: number; docs: unknown[]; truncated: boolean }> =
    {
      paid: { count: 0, total: 0, amountDue: 0, amountPaid: 0, docs: [], truncated: false },
      partial: { count: 0, total: 0, amountDue: 0, amountPaid: 0, docs: [], truncated: false },
      unpaid: { count: 0, total: 0, amountDue: 0, amountPaid: 0, docs: [], truncated: false },
      overdue: { count: 0, total: 0, amountDue: 0, amountPaid: 0, docs: [], truncated: false },
    }
  for (const row of groups) {
    const group = invoices[row.grp as keyof typeof invoices]
    Object.assign(group, {
      count: Number(row.count),
      total: toSum(row.total, 'invoices.total'),
      amountDue: toSum(row.due, 'invoices.amountDue'),
      amountPaid: toSum(row.paid, 'invoices.amountPaid'),
    })
    group.truncated = group.count > GROUP_LIMIT
  }
  for (const row of docs) {
    const key = (row.status === 'open' ? 'unpaid' : row.status) as keyof typeof invoices
    invoices[key].docs.push({
      id: Number(row.id),
      number: row.number,
      kind: row.kind,
      status: row.status,
      issueDate: row.issue_date ? new Date(String(row.issue_date)).toISOString() : null,
      dueDate: row.due_date ? new Date(String(row.due_date)).toISOString() : null,
      total: toMinor(row.total),
      amountPaid: toMinor(row.amount_paid),
      amountDue: toMinor(row.amount_due),
      customer: { id: Number(row.customer_id), name: String(row.customer_name) },
    })
  }

  // unmatched_payments and ledger_daily_totals are kept by triggers (migration
  // report_totals) and recomputed by ledger:verify.
  const { rows: unmatchedRows } = await db.execute(sql`
    SELECT t.id, t.date, t.reference, t.method, t.amount, t.customer_id, c.name AS customer_name, u.amount AS unmatched
      FROM unmatched_payments u
      JOIN transactions t ON t.id = u.transaction_id
      JOIN customers c ON c.id = t.customer_id
     WHERE u.store_id = ${store.id}
     ORDER BY t.date, t.id`)
  const unmatched = unmatchedRows.map((row) => {
    const amount = toMinor(row.amount)
    const rest = toMinor(row.unmatched)
    return {
      transaction: Number(row.id),
      date: new Date(String(row.date)).toISOString(),
      reference: row.reference,
      method: row.method,
      customer: { id: Number(row.customer_id), name: String(row.customer_name) },
      amount,
      allocated: amount - rest,
      unmatched: rest,
    }
  })

  const { rows: days } = await db.execute(sql`
    WITH opening AS (
      SELECT coalesce(sum(income - money_out), 0) AS balance
        FROM ledger_daily_totals WHERE store_id = ${store.id} AND day < ${from}::date
    ), daily AS (
      SELECT day, sum(income) AS money_in, sum(money_out) AS money_out
        FROM ledger_daily_totals
       WHERE store_id = ${store.id} AND day BETWEEN ${from}::date AND ${to}::date
       GROUP BY day
    )
    SELECT to_char(day, 'YYYY-MM-DD') AS date, money_in, money_out,
           (SELECT balance FROM opening) + sum(money_in - money_out) OVER (ORDER BY day) AS balance
      FROM daily ORDER BY day`)
  return {
    from,
    to,
    invoices,
    unmatched,
    unmatchedTotal: unmatched.reduce((sum, row) => sum + row.unmatched, 0),
    runningBalance: days.map((row) => ({
      date: String(row.date),
      in: toSum(row.money_in, 'runningBalance.in'),
      out: toSum(row.money_out, 'runningBalance.out'),
      balance: toSum(row.balance, 'runningBalance.balance'),
    })),
  }
}
