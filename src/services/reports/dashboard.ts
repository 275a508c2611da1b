import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import { sql, sqlList, toMinor, toSum, type Db } from '@/ledger/db'

export interface StoreRef {
  id: number
  timezone: string
}

/**
 * SPEC §4 dashboard: revenue (money received net of advance refunds), expenses, profit,
 * what is outstanding and held, and cash flow by month — SQL aggregates in the store's time
 * zone over [from, to] (inclusive days). SPEC §9 lines, each on its own: refunds (inside
 * revenue), bad debt written off, deposits forfeited, credit notes — revenue and profit are
 * money (README "Revenue and profit"): a write-off or a forfeit moves none.
 */
export async function dashboardReport(db: Db, store: StoreRef, from: string, to: string) {
  // ledger_daily_totals: the ledger summed per store-local day by a trigger (migration
  // report_totals); ledger:verify recomputes it from the transactions.
  const { rows: totals } = await db.execute(sql`
    SELECT coalesce(sum(income), 0) AS received, coalesce(sum(advance_refunds), 0) AS refunds, coalesce(sum(expenses), 0) AS expenses,
           coalesce(sum(written_off), 0) AS written_off, coalesce(sum(forfeited), 0) AS forfeited
      FROM ledger_daily_totals
     WHERE store_id = ${store.id} AND day BETWEEN ${from}::date AND ${to}::date`)
  // Credit notes by the store's day they were issued (a price corrected: billed less, no money
  // moved): the instants from the start of `from` to the start of the day after `to` in the
  // store's zone, a range of credit_notes_store_date_idx rather than every note the store ever
  // issued. Postgres turns the days into instants (the inverse of `date AT TIME ZONE`, the
  // day ledger_daily_totals files a row under), for any day the request may name.
  const { rows: credited } = await db.execute(sql`
    SELECT coalesce(sum(n.amount), 0) AS credited, count(*) AS notes
      FROM credit_notes n
     WHERE n.store_id = ${store.id}
       AND n.date >= (${from}::date)::timestamp AT TIME ZONE ${store.timezone}
       AND n.date < (${to}::date + 1)::timestamp AT TIME ZONE ${store.timezone}`)
  const { rows: balances } = await db.execute(sql`
    SELECT coalesce(sum(pending_balance), 0) AS pending, coalesce(sum(advance_balance), 0) AS advances,
           count(*) FILTER (WHERE pending_balance > 0) AS owing,
           (SELECT coalesce(sum(amount_due), 0) FROM invoices
             WHERE store_id = ${store.id} AND status IN (${sqlList(OPEN_INVOICE_STATUSES)})) AS outstanding
      FROM customers WHERE store_id = ${store.id}`)
  const { rows: months } = await db.execute(sql`
    WITH months AS (
      SELECT to_char(m, 'YYYY-MM') AS month
        FROM generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month') AS m
    ), flows AS (
      SELECT to_char(day, 'YYYY-MM') AS month, sum(income) - sum(advance_refunds) AS income, sum(expenses) AS expense
        FROM ledger_daily_totals
       WHERE store_id = ${store.id} AND day BETWEEN ${from}::date AND ${to}::date
       GROUP BY 1
    )
    SELECT months.month, coalesce(flows.income, 0) AS income, coalesce(flows.expense, 0) AS expense
      FROM months LEFT JOIN flows USING (month) ORDER BY months.month`)
  const received = toSum(totals[0]!.received, 'revenue')
  const refunds = toSum(totals[0]!.refunds, 'refunds')
  const revenue = received - refunds
  const expenses = toSum(totals[0]!.expenses, 'expenses')
  const row = balances[0]!
  return {
    from,
    to,
    moneyReceived: received,
    refunds,
    revenue,
    expenses,
    profit: toSum(revenue - expenses, 'profit'),
    badDebt: toSum(totals[0]!.written_off, 'badDebt'),
    forfeitedDeposits: toSum(totals[0]!.forfeited, 'forfeitedDeposits'),
    creditNotes: toSum(credited[0]!.credited, 'creditNotes'),
    outstanding: toSum(row.outstanding, 'outstanding'),
    pendingTotal: toSum(row.pending, 'pendingTotal'),
    advancesHeld: toSum(row.advances, 'advancesHeld'),
    customersOwing: Number(row.owing),
    cashFlow: months.map((month) => {
      const income = toSum(month.income, 'cashFlow.income')
      const expense = toSum(month.expense, 'cashFlow.expense')
      return { month: String(month.month), income, expense, net: toSum(income - expense, 'cashFlow.net') }
    }),
  }
}

/** The customers who owe the most (dashboard), with the money already held for them (SPEC §9a). */
export async function topOwing(db: Db, storeId: number, limit = 10) {
  const { rows } = await db.execute(sql`
    SELECT id, name, phone, pending_balance, advance_balance + unmatched_credit AS held FROM customers
     WHERE store_id = ${storeId} AND pending_balance > 0 AND deleted_at IS NULL
     ORDER BY pending_balance DESC, id LIMIT ${limit}`)
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    phone: String(row.phone),
    pendingBalance: toMinor(row.pending_balance),
    held: toMinor(row.held),
  }))
}
