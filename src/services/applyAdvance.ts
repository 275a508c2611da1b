import type { PayloadRequest } from 'payload'

import { applyInOrder } from '@/domain/allocation'
import { RuleError } from '@/domain/errors'
import { sum } from '@/domain/money'

import { sql, toMinor, type Db } from '@/ledger/db'
import { insertUtilization } from '@/ledger/write'
import { lockCustomerWithOpenItems } from '@/ledger/lock'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { refreshCustomerLedger } from '@/ledger/refresh'

/**
 * SPEC §9a apply-advance: pays a posted invoice from the customer's deposits, oldest
 * deposit first, with a utilization row per deposit used — as the checkout's "use advance"
 * does for a new bill. `amount` defaults to the smaller of the amount due and the advance
 * balance; more than either is 422.
 */
export async function applyAdvance(db: Db, req: PayloadRequest, input: { invoiceId: number; amount?: number }) {
  const { rows: found } = await db.execute(sql`SELECT store_id, customer_id FROM invoices WHERE id = ${input.invoiceId}`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('invoice')
  const customer = await lockCustomerWithOpenItems(db, req, Number(found[0].customer_id), 'invoice')
  const { rows } = await db.execute(sql`SELECT status, number, amount_due FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const status = String(rows[0]!.status)
  if (status === 'draft') throw new RuleError('post the invoice before paying it from the advance', 'status')
  if (status === 'void') throw new RuleError('the invoice is void', 'status')
  const due = toMinor(rows[0]!.amount_due)
  if (due === 0) throw new RuleError('nothing is due on this invoice', 'amount')
  const held = sum(customer.deposits.map((deposit) => deposit.amount))
  const amount = input.amount ?? Math.min(due, held)
  if (amount > due) throw new RuleError(`amount is more than the amount due (${due})`, 'amount')
  if (amount === 0 || amount > held) throw new RuleError('Insufficient advance balance', 'amount')

  const { applied } = applyInOrder(amount, customer.deposits)
  for (const use of applied) await insertUtilization(db, customer.storeId, use.id, input.invoiceId, use.amount)
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  const { rows: after } = await db.execute(sql`SELECT number, status, total, amount_paid, amount_due FROM invoices WHERE id = ${input.invoiceId}`)
  return {
    invoice: {
      id: input.invoiceId,
      number: after[0]!.number as string,
      status: String(after[0]!.status),
      total: toMinor(after[0]!.total),
      amountPaid: toMinor(after[0]!.amount_paid),
      amountDue: toMinor(after[0]!.amount_due),
    },
    customer: { id: customer.id, ...balances },
    utilizations: applied.map((use) => ({ advancePayment: use.id, amount: use.amount })),
  }
}
