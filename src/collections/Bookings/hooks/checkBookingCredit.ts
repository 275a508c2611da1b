import type { CollectionBeforeChangeHook } from 'payload'

import { isMinor } from '@/domain/money'
import { sqlFor } from '@/ledger/db'
import { checkBookingCredit as check } from '@/services/creditControl'

/**
 * SPEC §9 credit control: an appointment or booking commits the customer to its services;
 * what the advance does not cover counts against the credit limit (an enquiry commits to
 * nothing). Decided with the customer row locked, in the create's transaction.
 */
export const checkBookingCredit: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || data.kind === 'enquiry' || !data.customer) return data
  const services = Array.isArray(data.services) ? (data.services as { price?: unknown }[]) : []
  // Malformed amounts are the field validation's to refuse (400), after this hook.
  if (!services.every((service) => isMinor(service?.price)) || !(data.advanceAmount == null || isMinor(data.advanceAmount))) return data
  const booked = services.reduce((total, service) => total + (service.price as number), 0)
  const override = (data.overrideCreditLimit as { reason?: unknown } | undefined)?.reason
  const { overrideReason } = await check(await sqlFor(req), req, {
    customerId: Number(data.customer),
    committed: Math.max(0, booked - (typeof data.advanceAmount === 'number' ? data.advanceAmount : 0)),
    override: typeof override === 'string' && override.trim() ? { reason: override.trim() } : null,
  })
  return { ...data, creditOverrideReason: overrideReason }
}
