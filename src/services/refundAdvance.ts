import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import { formatMoney } from '@/domain/money'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertTransaction } from '@/ledger/write'

import { depositAnswer } from './afterSale'

export interface RefundInput {
  depositId: number
  amount: number
  method: PaymentMethod
  reason: string
}

/**
 * SPEC §9 refund: gives back part or all of what remains of a deposit — an advance_refund
 * transaction (money out, RFD-…), the deposit's remainingAmount and the customer's
 * advanceBalance fall; the deposit is `refunded` once nothing remains. The reason is the
 * transaction's notes (statement, customer page).
 */
export async function refundAdvance(db: Db, req: PayloadRequest, input: RefundInput) {
  const { rows: found } = await db.execute(sql`SELECT store_id, customer_id FROM advance_payments WHERE id = ${input.depositId}`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('advancePayment')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id), { field: 'advancePayment' })
  const { rows } = await db.execute(sql`SELECT status, remaining_amount FROM advance_payments WHERE id = ${input.depositId} FOR UPDATE`)
  const remaining = rows[0]!.status === 'active' ? toMinor(rows[0]!.remaining_amount) : 0
  if (input.amount > remaining) {
    const money = (minor: number) => formatMoney(minor, customer.store.currency, customer.store.locale)
    throw new RuleError(`Refund exceeds the deposit's remaining amount (${money(remaining)})`, 'amount', 422, { remainingAmount: remaining })
  }
  const transaction = await insertTransaction(db, {
    storeId: customer.storeId,
    type: 'expense',
    kind: 'advance_refund',
    amount: input.amount,
    method: input.method,
    customerId: customer.id,
    advancePaymentId: input.depositId,
    notes: input.reason,
    createdBy: req.user?.id ?? null,
  })
  const balances = await refreshCustomerLedger(db, customer.id, [])
  return {
    advancePayment: await depositAnswer(db, input.depositId),
    transaction: {
      id: transaction.id,
      reference: transaction.reference,
      kind: 'advance_refund',
      amount: input.amount,
      method: input.method,
      date: transaction.date,
      reason: input.reason,
    },
    customer: { id: customer.id, ...balances },
  }
}
