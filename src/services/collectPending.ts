import type { PayloadRequest } from 'payload'

import { applyInOrder } from '@/domain/allocation'
import { instantForDay } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import { formatMoney } from '@/domain/money'
import { lineReferences, numberedReferences, PAYMENT_REFERENCE } from '@/domain/references'
import type { Db } from '@/ledger/db'
import { lockCustomerWithOpenItems } from '@/ledger/lock'
import { postCollect } from '@/ledger/post'

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
  const customer = await lockCustomerWithOpenItems(db, req, input.customerId, input.customerField ?? 'customer')
  if (input.method === 'wallet') throw new RuleError('wallet payments use the advance balance; collect with a real payment method', 'method', 400)
  const { applied, leftover } = applyInOrder(input.amount, customer.openInvoices)
  if (leftover > 0 && !input.keepExcessAsAdvance) {
    throw new RuleError(
      customer.pendingBalance === 0
        ? 'this customer has no pending balance'
        : `amount (${formatMoney(input.amount, customer.store.currency, customer.store.locale)}) is more than the pending balance (${formatMoney(customer.pendingBalance, customer.store.currency, customer.store.locale)})`,
      'amount',
    )
  }
  const collected = input.amount - leftover
  const references = lineReferences({ applied: collected, kept: leftover, given: input.reference?.trim() || null })
  // The payment, its allocations, the deposit of an excess and the refresh in one round trip
  // (tally_collect_post): the store's reference counter is taken there, so it stays locked for
  // that call and the COMMIT only.
  const posted = await postCollect(db, {
    store: customer.storeId,
    customer: customer.id,
    createdBy: req.user?.id ?? null,
    method: input.method,
    references: PAYMENT_REFERENCE,
    numberedReferences: numberedReferences([references]),
    paymentReference: references.payment ?? null,
    depositReference: references.deposit ?? null,
    notes: input.notes ?? null,
    date: input.date ? instantForDay(input.date, customer.store.timezone) : null,
    collected,
    leftover,
    applied: applied.map((allocation) => ({ invoice: allocation.id, amount: allocation.amount })),
  })
  return {
    customer,
    transaction: posted.transaction,
    allocations: applied.map((allocation) => ({ invoice: allocation.id, amount: allocation.amount })),
    amountCollected: collected,
    keptAsAdvance: posted.deposit === null ? null : { id: posted.deposit, amount: leftover },
    previousBalance: customer.pendingBalance,
    remainingBalance: posted.pendingBalance,
    advanceBalance: posted.advanceBalance,
  }
}
