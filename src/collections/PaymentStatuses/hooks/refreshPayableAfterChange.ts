import type { CollectionAfterChangeHook } from 'payload'

import { sql, sqlFor, toMinor } from '@/ledger/db'
import { refreshPayable } from '@/ledger/refresh'

/** A payable's paid amount and status are derived from the expenses that pay it. */
export const refreshPayableAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  const db = await sqlFor(req)
  await refreshPayable(db, doc.id)
  const { rows } = await db.execute(sql`SELECT expected_amount, amount_paid, status FROM payment_statuses WHERE id = ${doc.id}`)
  return { ...doc, expectedAmount: toMinor(rows[0]!.expected_amount), amountPaid: toMinor(rows[0]!.amount_paid), status: rows[0]!.status }
}
