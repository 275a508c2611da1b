/**
 * Everything the customer page shows besides the customer row: the statement, the payments
 * and the deposits with their uses. One transaction's connection runs one query at a time,
 * so these reads run one after another, never in parallel (issue 13, bug 5: parallel
 * queries on one client are deprecated by pg and break with pg 9).
 */
import type { PayloadRequest } from 'payload'

import { customerPayments } from './customerPayments'
import { customerStatement } from './customerStatement'
import { sql, toMinor, type Db } from '@/ledger/db'

export interface DepositLine {
  id: number
  takenAt: string
  amount: number
  method: string
  status: string
  remaining: number
  referenceType: string
  uses: { invoice: string; invoiceId: number; amount: number; at: string }[]
}

/** The customer's deposits, oldest first, each with the bills it paid. */
export async function customerDeposits(db: Db, customerId: number): Promise<DepositLine[]> {
  const { rows } = await db.execute(sql`
    SELECT a.id, a.created_at, a.amount, a.method, a.status, a.remaining_amount, a.reference_type,
           coalesce(json_agg(json_build_object('invoice', i.number, 'invoiceId', i.id, 'amount', u.amount, 'at', u.created_at) ORDER BY u.id)
                    FILTER (WHERE u.id IS NOT NULL), '[]') AS uses
      FROM advance_payments a
      LEFT JOIN advance_utilizations u ON u.advance_payment_id = a.id
      LEFT JOIN invoices i ON i.id = u.invoice_id
     WHERE a.customer_id = ${customerId}
     GROUP BY a.id ORDER BY a.created_at, a.id`)
  return rows.map((row) => ({
    id: Number(row.id),
    takenAt: new Date(String(row.created_at)).toISOString(),
    amount: toMinor(row.amount),
    method: String(row.method),
    status: String(row.status),
    remaining: toMinor(row.remaining_amount),
    referenceType: String(row.reference_type),
    uses: (row.uses as { invoice: string; invoiceId: number; amount: number | string; at: string }[]).map((use) => ({ ...use, amount: toMinor(use.amount) })),
  }))
}

export async function customerPageData(db: Db, req: PayloadRequest, customerId: number) {
  const statement = await customerStatement(db, req, customerId)
  // the customer page shows reversed payments too, marked (the payments API leaves them out)
  const payments = await customerPayments(db, req, customerId, { includeReversed: true })
  const deposits = await customerDeposits(db, customerId)
  return { statement, payments, deposits }
}
