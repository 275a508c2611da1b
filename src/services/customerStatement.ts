import type { PayloadRequest } from 'payload'

import { agingBucket, daysPastDue, emptyBuckets } from '@/domain/aging'
import { dayOnly, todayIn } from '@/domain/dates'
import { heldMoney } from '@/domain/held'
import { statementPeriod, type StatementRange } from '@/domain/statementPeriod'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'

/**
 * What the customer was billed and paid, with a running balance that ends at their pending
 * balance (void invoices and their reversed payments are left out), open invoices and aging,
 * and the money the shop already holds for them (SPEC §9a): held = advance + unmatched
 * credit, net = pending − held (negative: the shop owes them). Open invoices are listed
 * oldest first (tally_open_invoices), the order money is applied in. SPEC §9: credit notes
 * and write-offs are credits with their reason; deposit refunds and forfeits are shown with
 * their amount and reason but move no debit or credit (held money, not what is owed).
 */
export async function customerStatement(db: Db, req: PayloadRequest, customerId: number, range: StatementRange = {}) {
  const customer = await lockCustomer(db, req, customerId, { lock: false, field: 'id' })
  const { rows } = await db.execute(sql`
    SELECT * FROM (
      -- An invoice counts from its issue day (the store's noon of it), or from its posting if that was earlier.
      SELECT least(((i.issue_date AT TIME ZONE 'UTC')::date + time '12:00') AT TIME ZONE ${customer.store.timezone}, i.posted_at) AS at,
             'invoice' AS type, i.id AS ref_id, i.number AS reference, i.kind::text AS detail,
             i.total AS debit, 0::bigint AS credit, i.tax_total AS tax
        FROM invoices i WHERE i.customer_id = ${customerId} AND i.status NOT IN ('draft', 'void')
      UNION ALL
      -- payments, and write-offs (SPEC §9: bad debt, with its reason)
      SELECT t.date, CASE WHEN t.kind = 'write_off' THEN 'write_off' ELSE 'payment' END, t.id, t.reference,
             CASE WHEN t.kind = 'write_off' THEN t.notes ELSE t.method::text END, 0, sum(a.amount), 0
        FROM allocations a JOIN transactions t ON t.id = a.transaction_id JOIN invoices i ON i.id = a.invoice_id
       WHERE t.customer_id = ${customerId} AND i.status <> 'void'
       GROUP BY t.id
      HAVING sum(a.amount) <> 0 -- taken off again (unapplied, reversed): pays nothing here
      UNION ALL
      -- credit notes (SPEC §9): the invoice asks for less
      SELECT n.date, 'credit_note', n.id, n.number, n.reason, 0, n.amount, 0
        FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id
       WHERE n.customer_id = ${customerId} AND i.status <> 'void'
      UNION ALL
      -- deposits given back or forfeited (SPEC §9): held money, not what is owed — shown, no debit or credit
      SELECT t.date, CASE WHEN t.kind = 'advance_refund' THEN 'refund' ELSE 'forfeit' END, t.id, t.reference, t.notes, 0, 0, 0
        FROM transactions t
       WHERE t.customer_id = ${customerId} AND t.kind IN ('advance_refund', 'advance_expiry')
      UNION ALL
      SELECT min(u.created_at), 'advance_used', u.advance_payment_id, i.number, 'advance', 0, sum(u.amount), 0
        FROM advance_utilizations u JOIN invoices i ON i.id = u.invoice_id
       WHERE i.customer_id = ${customerId} AND i.status <> 'void'
       GROUP BY u.advance_payment_id, i.id, i.number
    ) lines ORDER BY at, CASE type WHEN 'invoice' THEN 0 ELSE 1 END, ref_id`)
  const { rows: depositMoves } = await db.execute(sql`
    SELECT id, amount FROM transactions WHERE customer_id = ${customerId} AND kind IN ('advance_refund', 'advance_expiry')`)
  const movedAmount = new Map(depositMoves.map((row) => [Number(row.id), toMinor(row.amount)]))
  let balance = 0
  const allLines = rows.map((row) => {
    const debit = toMinor(row.debit)
    const credit = toMinor(row.credit)
    balance += debit - credit
    // SPEC §12: the tax inside a bill's amount (0 on payments and bills of supply).
    const tax = toMinor(row.tax)
    const line = { date: new Date(String(row.at)).toISOString(), type: row.type, id: Number(row.ref_id), reference: row.reference, detail: row.detail, debit, credit, balance, tax }
    // A refund or forfeit moves held money: its amount is shown apart from debit and credit.
    return row.type === 'refund' || row.type === 'forfeit' ? { ...line, amount: movedAmount.get(Number(row.ref_id)) ?? 0 } : line
  })
  // SPEC §10: a period of store days; what came before `from` is the opening balance.
  const period = statementPeriod(allLines, customer.store.timezone, range)
  const { rows: open } = await db.execute(sql`
    SELECT i.id, i.number, i.kind, i.issue_date, i.due_date, i.total, i.amount_paid, i.credited_amount, i.amount_due, i.status
      FROM tally_open_invoices(${customerId}) o JOIN invoices i ON i.id = o.id
     ORDER BY o.seq`)
  const today = todayIn(customer.store.timezone)
  const aging = emptyBuckets()
  const openInvoices = open.map((row) => {
    const amountDue = toMinor(row.amount_due)
    const late = daysPastDue(today, dayOnly(row.due_date), dayOnly(row.issue_date)!)
    aging[agingBucket(late)] += amountDue
    return {
      id: Number(row.id),
      number: row.number,
      kind: row.kind,
      issueDate: row.issue_date ? new Date(String(row.issue_date)).toISOString() : null,
      dueDate: row.due_date ? new Date(String(row.due_date)).toISOString() : null,
      total: toMinor(row.total),
      amountPaid: toMinor(row.amount_paid),
      creditedAmount: toMinor(row.credited_amount),
      amountDue,
      status: row.status,
      daysPastDue: Math.max(0, late),
    }
  })
  const held = heldMoney(customer)
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      pendingBalance: customer.pendingBalance,
      advanceBalance: customer.advanceBalance,
      unmatchedCredit: customer.unmatchedCredit,
    },
    held: held.held,
    net: held.net,
    currency: customer.store.currency,
    from: period.from,
    to: period.to,
    openingBalance: period.openingBalance,
    lines: period.lines,
    totals: period.totals,
    closingBalance: period.closingBalance,
    openInvoices,
    aging,
  }
}
