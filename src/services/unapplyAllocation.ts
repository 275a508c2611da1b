import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

import { sql, toMinor, type Db } from '@/ledger/db'
import { insertAllocation } from '@/ledger/write'
import { lockCustomer } from '@/ledger/lock'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { refreshCustomerLedger } from '@/ledger/refresh'

/**
 * SPEC §9a unapply: takes a payment off an invoice with a reversing allocation that says
 * why — the invoice is due again, the payment unmatched again (to be matched where it
 * belongs). The payment itself stays; nothing is updated or deleted.
 */
export async function unapplyAllocation(db: Db, req: PayloadRequest, allocationId: number, reason: string) {
  const { rows: found } = await db.execute(sql`
    SELECT a.store_id, t.customer_id FROM allocations a JOIN transactions t ON t.id = a.transaction_id WHERE a.id = ${allocationId}`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('allocation')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id), { field: 'allocation' })
  const { rows } = await db.execute(sql`
    SELECT a.transaction_id, a.invoice_id, a.amount, t.kind, t.reference,
           EXISTS (SELECT 1 FROM allocations r WHERE r.reversal_of_id = a.id) AS undone
      FROM allocations a JOIN transactions t ON t.id = a.transaction_id WHERE a.id = ${allocationId}`)
  const allocation = rows[0]!
  const amount = toMinor(allocation.amount)
  if (amount < 0) throw new RuleError('this row already takes a payment off an invoice; it cannot be unapplied', 'allocation')
  if (allocation.kind !== 'payment') throw new RuleError(`a ${String(allocation.kind)} cannot be unapplied`, 'allocation')
  if (allocation.undone) throw new RuleError('this payment was already taken off the invoice', 'allocation', 409)

  const invoiceId = Number(allocation.invoice_id)
  const transactionId = Number(allocation.transaction_id)
  await db.execute(sql`SELECT id FROM invoices WHERE id = ${invoiceId} FOR UPDATE`)
  const id = await insertAllocation(db, customer.storeId, transactionId, invoiceId, -amount, allocationId, `unapplied: ${reason}`)
  const balances = await refreshCustomerLedger(db, customer.id, [invoiceId])
  const { rows: after } = await db.execute(sql`
    SELECT i.number, i.status, i.total, i.amount_paid, i.amount_due, f.unmatched
      FROM invoices i, payment_figures f WHERE i.id = ${invoiceId} AND f.id = ${transactionId}`)
  return {
    allocation: { id, reversalOf: allocationId, amount: -amount, reason },
    invoice: {
      id: invoiceId,
      number: after[0]!.number as string,
      status: String(after[0]!.status),
      total: toMinor(after[0]!.total),
      amountPaid: toMinor(after[0]!.amount_paid),
      amountDue: toMinor(after[0]!.amount_due),
    },
    payment: { id: transactionId, reference: allocation.reference as string | null, unmatched: toMinor(after[0]!.unmatched) },
    customer: { id: customer.id, ...balances },
  }
}
