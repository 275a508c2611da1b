import type { CollectionAfterChangeHook } from 'payload'

import { sqlFor } from '@/ledger/db'
import { linkBookingDeposit } from '@/ledger/write'
import { takeAdvance } from '@/services/takeAdvance'

/** An appointment or booking with an advance records the deposit in the same transaction. */
export const takeBookingAdvance: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || !(doc.advanceAmount > 0) || doc.kind === 'enquiry') return doc
  const db = await sqlFor(req)
  const customerId = typeof doc.customer === 'object' ? doc.customer.id : doc.customer
  const { deposit } = await takeAdvance(db, req, {
    customerId,
    amount: doc.advanceAmount,
    method: doc.paymentMode,
    referenceType: doc.kind,
    referenceId: String(doc.id),
    notes: `Advance for ${doc.kind} #${doc.id}`,
  })
  await linkBookingDeposit(db, doc.id, deposit.id)
  return { ...doc, advancePayment: deposit.id }
}
