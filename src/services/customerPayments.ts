import type { PayloadRequest } from 'payload'

import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'

/** Money received from the customer, newest first, with where each payment went. */
export async function customerPayments(db: Db, req: PayloadRequest, customerId: number) {
  await lockCustomer(db, req, customerId, { lock: false, field: 'id' }) // scope check (404 for other stores)
  const { rows } = await db.execute(sql`
    SELECT t.id, t.date, t.kind, t.amount, t.method, t.reference, t.notes,
           coalesce(json_agg(json_build_object('invoice', a.invoice_id, 'number', i.number, 'amount', a.amount) ORDER BY a.id)
                    FILTER (WHERE a.id IS NOT NULL), '[]') AS allocations
      FROM transactions t
      LEFT JOIN allocations a ON a.transaction_id = t.id
      LEFT JOIN invoices i ON i.id = a.invoice_id
     WHERE t.customer_id = ${customerId} AND t.type = 'income'
     GROUP BY t.id ORDER BY t.date DESC, t.id DESC LIMIT 500`)
  return rows.map((row) => {
    const allocations = (row.allocations as { invoice: number; number: string; amount: number | string }[]).map((allocation) => ({
      ...allocation,
      amount: toMinor(allocation.amount),
    }))
    const amount = toMinor(row.amount)
    const allocated = allocations.reduce((total, allocation) => total + allocation.amount, 0)
    return {
      id: Number(row.id),
      date: new Date(String(row.date)).toISOString(),
      kind: row.kind,
      amount,
      method: row.method,
      reference: row.reference,
      notes: row.notes,
      allocations,
      unmatched: row.kind === 'payment' ? amount - allocated : 0,
    }
  })
}
