import type { PayloadRequest } from 'payload'

import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'

/**
 * Money received from the customer, newest first, with where each payment went (and why
 * a reversing allocation took it off an invoice). A reversed payment or deposit is money
 * never received: it is left out unless `includeReversed` (the customer page shows it
 * struck through). What is unmatched comes from payment_figures (SPEC §9a).
 */
export async function customerPayments(db: Db, req: PayloadRequest, customerId: number, { includeReversed = false } = {}) {
  await lockCustomer(db, req, customerId, { lock: false, field: 'id' }) // scope check (404 for other stores)
  const { rows } = await db.execute(sql`
    SELECT t.id, t.date, t.kind, t.amount, t.method, t.reference, t.notes,
           EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id) AS reversed,
           coalesce(f.unmatched, 0) AS unmatched,
           coalesce(json_agg(json_build_object('id', a.id, 'invoice', a.invoice_id, 'number', i.number, 'amount', a.amount,
                                               'reversalOf', a.reversal_of_id, 'reason', a.reason) ORDER BY a.id)
                    FILTER (WHERE a.id IS NOT NULL), '[]') AS allocations
      FROM transactions t
      LEFT JOIN payment_figures f ON f.id = t.id
      LEFT JOIN allocations a ON a.transaction_id = t.id
      LEFT JOIN invoices i ON i.id = a.invoice_id
     WHERE t.customer_id = ${customerId} AND t.type = 'income' AND t.kind <> 'reversal'
       AND (${includeReversed}::boolean OR NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id))
     GROUP BY t.id, f.unmatched ORDER BY t.date DESC, t.id DESC LIMIT 500`)
  return rows.map((row) => {
    type Row = { id: number; invoice: number; number: string | null; amount: number | string; reversalOf: number | null; reason: string | null }
    const allocations = (row.allocations as Row[]).map((allocation) => ({ ...allocation, amount: toMinor(allocation.amount) }))
    // Taken off an invoice again (unapplied, voided, reversed): the positive rows that a reversing row points at.
    const undone = new Set(allocations.flatMap((allocation) => (allocation.reversalOf ? [allocation.reversalOf] : [])))
    return {
      id: Number(row.id),
      date: new Date(String(row.date)).toISOString(),
      kind: row.kind,
      amount: toMinor(row.amount),
      method: row.method,
      reference: row.reference,
      notes: row.notes,
      reversed: Boolean(row.reversed),
      allocations: allocations.map((allocation) => ({ ...allocation, unapplied: undone.has(allocation.id) })),
      unmatched: toMinor(row.unmatched),
    }
  })
}
