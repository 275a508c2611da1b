import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import type { Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertDeposit } from '@/ledger/write'

export interface AdvanceInput {
  customerId: number
  amount: number
  method: PaymentMethod
  referenceType?: 'appointment' | 'booking' | 'enquiry' | 'direct'
  referenceId?: string | null
  paymentReference?: string | null
  notes?: string | null
}

/** SPEC §3.6: a deposit held for the customer, to be used FIFO on later bills. */
export async function takeAdvance(db: Db, req: PayloadRequest, input: AdvanceInput) {
  if (input.method === 'wallet') throw new RuleError('a deposit must be paid with a real payment method, not the wallet', 'method', 400)
  if (input.referenceType === 'enquiry') throw new RuleError('an enquiry cannot take an advance', 'referenceType', 400)
  const customer = await lockCustomer(db, req, input.customerId, { field: 'customer' })
  const deposit = await insertDeposit(db, {
    storeId: customer.storeId,
    customerId: customer.id,
    amount: input.amount,
    method: input.method,
    referenceType: input.referenceType ?? 'direct',
    referenceId: input.referenceId,
    paymentReference: input.paymentReference,
    notes: input.notes,
    createdBy: req.user?.id ?? null,
  })
  const balances = await refreshCustomerLedger(db, customer.id, [])
  return { customer, deposit, ...balances }
}
