import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { sqlFor } from '@/ledger/db'
import { resolveCustomer } from '@/services/resolveCustomer'

/**
 * A booking taken by phone finds (or creates) its customer by normalized phone. An enquiry
 * cannot carry an advance (400).
 */
export const resolveBookingCustomer: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  if (data.kind === 'enquiry' && (data.advanceAmount ?? 0) > 0) {
    throw new ValidationError({ collection: 'bookings', errors: [{ path: 'advanceAmount', message: 'an enquiry cannot take an advance' }] })
  }
  if ((data.advanceAmount ?? 0) > 0 && !data.paymentMode) {
    throw new ValidationError({ collection: 'bookings', errors: [{ path: 'paymentMode', message: 'paymentMode is required with an advance' }] })
  }
  const store = Number(typeof data.store === 'object' ? data.store.id : data.store)
  const db = await sqlFor(req)
  try {
    const { customer } = await resolveCustomer(db, req, {
      store,
      phone: String(data.phone ?? ''),
      countryCode: data.countryCode,
      name: data.customerName,
      email: data.email,
      gender: data.gender,
    })
    return { ...data, customer: customer.id, phone: customer.phone }
  } catch (error) {
    if (error instanceof Error && 'field' in error && error.field === 'phone') {
      throw new ValidationError({ collection: 'bookings', errors: [{ path: 'phone', message: error.message }] })
    }
    throw error
  }
}
