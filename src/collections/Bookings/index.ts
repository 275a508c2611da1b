import type { CollectionConfig } from 'payload'

import { claimIdempotencyKey, storeIdempotentReply } from '@/hooks/idempotentCreate'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { hasAnyRole } from '@/access/hasAnyRole'
import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { options, PAYMENT_METHODS } from '@/domain/ledgerKinds'
import { derived } from '@/fields/derived'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'

import { checkBookingCredit } from './hooks/checkBookingCredit'
import { resolveBookingCustomer } from './hooks/resolveBookingCustomer'
import { takeBookingAdvance } from './hooks/takeBookingAdvance'

export const Bookings: CollectionConfig = {
  slug: 'bookings',
  admin: { useAsTitle: 'customerName', defaultColumns: ['kind', 'customerName', 'phone', 'scheduledAt', 'advanceAmount', 'customer'], group: 'Customers' },
  access: {
    read: inOwnStores(),
    create: hasAnyRole('admin', 'owner', 'cashier'),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: {
    beforeOperation: [claimIdempotencyKey('bookings'), rejectTextAmounts('bookings', ['advanceAmount', 'services.*.price'])],
    beforeChange: [resolveBookingCustomer, checkBookingCredit],
    afterChange: [takeBookingAdvance, storeIdempotentReply],
  },
  fields: [
    storeField(),
    { name: 'kind', type: 'select', required: true, defaultValue: 'appointment', options: options(['appointment', 'booking', 'enquiry']) },
    { name: 'phone', type: 'text', required: true },
    { name: 'countryCode', type: 'text', maxLength: 5 },
    { name: 'customerName', type: 'text', required: true, maxLength: 120 },
    { name: 'gender', type: 'select', options: options(['female', 'male', 'other']) },
    { name: 'email', type: 'email' },
    { name: 'scheduledAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'services',
      type: 'array',
      fields: [{ name: 'description', type: 'text', required: true, maxLength: 200 }, money('price', { required: true, allowZero: true })],
    },
    // Recorded as a deposit when the booking is created; changing it later would not move money.
    { ...money('advanceAmount', { allowZero: true }), access: { update: () => false } },
    { name: 'paymentMode', type: 'select', options: options(PAYMENT_METHODS.filter((method) => method !== 'wallet')), access: { update: () => false } },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    derived({ name: 'customer', type: 'relationship', relationTo: 'customers', index: true }),
    derived({ name: 'advancePayment', type: 'relationship', relationTo: 'advance-payments' }),
    derived({ name: 'creditOverrideReason', type: 'text', admin: { description: 'Why an owner took the booking above the customer’s credit limit' } }),
    {
      // Input only (never stored): an owner booking above the customer's credit limit says why.
      name: 'overrideCreditLimit',
      type: 'group',
      virtual: true,
      admin: { hidden: true },
      fields: [{ name: 'reason', type: 'text', maxLength: 300 }],
    },
  ],
}
