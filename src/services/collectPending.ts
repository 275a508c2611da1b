import type { PayloadRequest } from 'payload'

import { applyInOrder } from '@/domain/allocation'
import { RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'

import type { Db } from './db'
import { insertAllocation, insertDeposit, insertTransaction, lockCustomer, openInvoicesOldestFirst, refreshCustomerLedger } from './ledger'

export interface CollectInput {
  customerId: number
  amount: number
  method: PaymentMethod
  reference?: string | null
  notes?: string | null
  date?: string | null
  /** Which request field named the customer (404s name it). */
  customerField?: string
  /** Record a payment larger than what is owed and hold the rest as a deposit. */
  keepExcessAsAdvance?: boolean
}

/**
 * SPEC §3.5: money collected without a new bill pays the customer's open invoices, oldest
 * first. More than the pending balance is refused (422) unless the excess is kept as an
 * advance (the "record a payment for a client" endpoint may ask for that).
 */
export async function collectPending(db: Db, req: PayloadRequest, input: CollectInput) {
  const customer = await lockCustomer(db, req, input.customerId, { field: input.customerField ?? 'customer' })
  if (input.method === 'wallet') throw new RuleError('wallet payments use the advance balance; collect with a real payment method', 'method', 400)
  const open = await openInvoicesOldestFirst(db, customer.id)
  const { applied, leftover } = applyInOrder(input.amount, open)
  if (leftover > 0 && !input.keepExcessAsAdvance) {
    throw new RuleError(
      customer.pendingBalance === 0
        ? 'this customer has no pending balance'
        : `amount is more than the pending balance (${customer.pendingBalance})`,
      'amount',
    )
  }
  const createdBy = req.user?.id ?? null
  const collected = input.amount - leftover
  let transaction: { id: number; reference: string; date: string } | null = null
  if (collected > 0) {
    transaction = await insertTransaction(db, {
      storeId: customer.storeId,
      type: 'income',
      kind: 'payment',
      amount: collected,
      method: input.method,
      customerId: customer.id,
      invoiceId: applied.length === 1 ? applied[0]!.id : null,
      reference: input.reference,
      notes: input.notes ?? 'Pending balance collected',
      date: input.date,
      createdBy,
    })
    for (const allocation of applied) await insertAllocation(db, customer.storeId, transaction.id, allocation.id, allocation.amount)
  }
  let advance: { id: number; amount: number } | null = null
  if (leftover > 0) {
    const deposit = await insertDeposit(db, {
      storeId: customer.storeId,
      customerId: customer.id,
      amount: leftover,
      method: input.method,
      referenceType: 'direct',
      paymentReference: collected > 0 ? null : input.reference,
      notes: 'Excess of a payment kept as advance',
      createdBy,
    })
    advance = { id: deposit.id, amount: leftover }
  }
  const balances = await refreshCustomerLedger(db, customer.id, applied.map((allocation) => allocation.id))
  return {
    customer,
    transaction,
    allocations: applied.map((allocation) => ({ invoice: allocation.id, amount: allocation.amount })),
    amountCollected: collected,
    keptAsAdvance: advance,
    previousBalance: customer.pendingBalance,
    remainingBalance: balances.pendingBalance,
    advanceBalance: balances.advanceBalance,
  }
}
