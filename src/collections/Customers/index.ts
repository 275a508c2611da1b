import type { CollectionConfig } from 'payload'

import { allOf } from '@/access/compose'
import { hasAnyRole } from '@/access/hasAnyRole'
import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { derived } from '@/fields/derived'
import { derivedMoney, money } from '@/fields/money'
import { wholeNumber } from '@/fields/wholeNumber'
import { MAX_TERMS_DAYS } from '@/domain/credit'
import { hasRole, type AccessUser } from '@/access/roles'
import { storeField } from '@/fields/store'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { customerEndpoints } from './endpoints'
import { customerReminderFields } from './reminderFields'
import { checkCustomerTax } from './hooks/checkCustomerTax'
import { guardCustomerDelete } from './hooks/guardCustomerDelete'
import { normalizeCustomerPhone } from './hooks/normalizeCustomerPhone'

/** Credit settings are the owner's (SPEC §5: a cashier edits no money field). */
const ownersOnly = ({ req }: { req: { user: unknown } }) => hasRole(req.user as AccessUser | null, 'admin', 'owner')

export const Customers: CollectionConfig = {
  slug: 'customers',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'phone', 'pendingBalance', 'advanceBalance', 'visits', 'lastVisitAt', 'store'],
    listSearchableFields: ['name', 'phone', 'email'],
    group: 'Customers',
  },
  // Customers with ledger history are trashed, never destroyed (see deleteCustomer).
  trash: true,
  access: {
    read: inOwnStores(),
    create: allOf(hasAnyRole('admin', 'owner', 'cashier')),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: {
    beforeOperation: [rejectTextAmounts('customers', ['creditLimit']), rejectTextAmounts('customers', ['creditTermsDays'], 'days')],
    beforeValidate: [normalizeCustomerPhone],
    beforeChange: [checkCustomerTax],
    beforeDelete: [guardCustomerDelete],
  },
  endpoints: customerEndpoints,
  fields: [
    storeField(),
    { name: 'name', type: 'text', required: true, maxLength: 120, index: true },
    {
      name: 'phone',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'Stored in E.164 (+919876543210); unique in the store' },
    },
    { name: 'email', type: 'email' },
    {
      name: 'gender',
      type: 'select',
      options: [
        { label: 'Female', value: 'female' },
        { label: 'Male', value: 'male' },
        { label: 'Other', value: 'other' },
      ],
    },
    { name: 'address', type: 'textarea', maxLength: 500 },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    {
      type: 'row',
      fields: [
        { name: 'gstin', type: 'text', maxLength: 20, admin: { description: 'A business customer’s GSTIN (checked): printed on its tax invoices, its bills listed as B2B' } },
        {
          name: 'stateCode',
          type: 'text',
          maxLength: 10,
          admin: { description: 'Place of supply (GST state code); from the GSTIN when empty. Another state than the store’s: IGST' },
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Credit (SPEC §9)',
      fields: [
        {
          ...money('creditLimit', {
            allowZero: true,
            description: 'Most the customer may owe: empty = no limit, 0 = cash only. New customers start with the store’s default',
          }),
          access: { create: ownersOnly, update: ownersOnly },
        },
        {
          ...wholeNumber('creditTermsDays', {
            min: 0,
            max: MAX_TERMS_DAYS,
            description: 'Pay-later terms for this customer (days); empty = the store’s',
          }),
          access: { create: ownersOnly, update: ownersOnly },
        },
      ],
    },
    // SPEC §11: how (and whether) the customer is reminded of dues.
    ...customerReminderFields,
    {
      type: 'collapsible',
      label: 'Balances (derived from the ledger)',
      fields: [
        derivedMoney('pendingBalance', 'Owed by the customer: Σ amount due of posted bills and invoices'),
        derivedMoney('advanceBalance', 'Deposits held for the customer'),
        derivedMoney('unmatchedCredit', 'Payments received but applied to no invoice; held money = advance + unmatched'),
        derivedMoney('totalBilled'),
        derivedMoney('totalPaid'),
        derived({ name: 'visits', type: 'number', defaultValue: 0 }),
        derived({ name: 'lastVisitAt', type: 'date' }),
        derived({ name: 'servicesCount', type: 'number', defaultValue: 0, admin: { description: 'Rental timesheets' } }),
        derived({ name: 'activeRentals', type: 'number', defaultValue: 0, admin: { description: 'Timesheets whose period covers today' } }),
      ],
    },
  ],
}
