import { planHeldCredits } from '@/domain/allocation'

import { sql, toMinor, type Db } from '@/ledger/db'
import { insertAllocation, insertUtilization } from '@/ledger/write'

/**
 * stores.autoApplyCredits (SPEC §9a): money the shop already holds for the customer pays
 * the invoice being posted, in the posting's transaction — unmatched payments first (oldest
 * payment first), then deposits (FIFO). The caller holds the customer's row lock and
 * refreshes the derived fields afterwards.
 */
export async function applyHeldCredits(db: Db, storeId: number, customerId: number, invoices: { id: number; amount: number }[]) {
  const { rows: payments } = await db.execute(sql`
    SELECT id, unmatched FROM payment_figures WHERE customer_id = ${customerId} AND unmatched > 0 ORDER BY date, id`)
  const { rows: deposits } = await db.execute(sql`
    SELECT id, remaining_amount FROM advance_payments
     WHERE customer_id = ${customerId} AND status = 'active' AND remaining_amount > 0 ORDER BY created_at, id`)
  const plan = planHeldCredits({
    unmatched: payments.map((row) => ({ key: Number(row.id), amount: toMinor(row.unmatched) })),
    deposits: deposits.map((row) => ({ key: Number(row.id), amount: toMinor(row.remaining_amount) })),
    invoices: invoices.map((invoice) => ({ key: invoice.id, amount: invoice.amount })),
  })
  for (const split of plan.allocations) await insertAllocation(db, storeId, split.payment, split.target, split.amount)
  for (const split of plan.utilizations) await insertUtilization(db, storeId, split.payment, split.target, split.amount)
  return {
    allocations: plan.allocations.map((split) => ({ transaction: split.payment, invoice: split.target, amount: split.amount })),
    utilizations: plan.utilizations.map((split) => ({ advancePayment: split.payment, invoice: split.target, amount: split.amount })),
  }
}
