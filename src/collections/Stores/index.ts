import type { CollectionConfig } from 'payload'

import { anyOf } from '@/access/compose'
import { inOwnStores } from '@/access/inOwnStores'
import { isAdmin } from '@/access/isAdmin'
import { scopedTo } from '@/access/scopedTo'
import { isCurrency, isLocale, isTimeZone } from '@/domain/locale'
import { refuseStoreDeleteWithRows } from '@/hooks/keepStoreOfLedgerRecords'
import { STORE_KIND_LABELS, STORE_KINDS } from '@/domain/storeKinds'
import { MAX_TERMS_DAYS } from '@/domain/credit'
import { isInvoicePrefix } from '@/domain/references'
import { MAX_EXPIRY_MONTHS } from '@/domain/expiry'
import { money } from '@/fields/money'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'
import { wholeNumber } from '@/fields/wholeNumber'

import { guardFixedStoreFields } from './hooks/guardFixedStoreFields'

import { storeReminderFields } from './reminderFields'
import { checkStoreTax, taxFields } from './taxFields'
import { storeContactFields } from './contactFields'

export const Stores: CollectionConfig = {
  slug: 'stores',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'currency', 'locale', 'timezone', 'invoicePrefix'],
    group: 'Settings',
  },
  access: {
    read: inOwnStores('id'),
    create: isAdmin,
    update: anyOf(isAdmin, scopedTo(['owner'], 'id')),
    delete: isAdmin,
  },
  hooks: {
    beforeOperation: [rejectTextAmounts('stores', ['defaultCreditLimit']), rejectTextAmounts('stores', ['creditTermsDays', 'advanceExpiryMonths'], 'days or months')],
    beforeChange: [guardFixedStoreFields, checkStoreTax],
    beforeDelete: [refuseStoreDeleteWithRows],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'currency',
      type: 'text',
      required: true,
      defaultValue: 'INR',
      admin: { description: 'ISO 4217 code, e.g. INR, USD, EUR. Fixed once the store has ledger rows' },
      validate: (value: string | null | undefined) => (value && isCurrency(value)) || 'currency must be an ISO 4217 code such as INR',
    },
    {
      name: 'locale',
      type: 'text',
      required: true,
      defaultValue: 'en-IN',
      admin: { description: 'BCP 47 locale for formatting amounts and dates, e.g. en-IN' },
      validate: (value: string | null | undefined) => (value && isLocale(value)) || 'locale must be a BCP 47 tag such as en-IN',
    },
    {
      name: 'timezone',
      type: 'text',
      required: true,
      defaultValue: 'Asia/Kolkata',
      validate: (value: string | null | undefined) => (value && isTimeZone(value)) || 'timezone must be an IANA time zone such as Asia/Kolkata',
    },
    {
      name: 'invoicePrefix',
      type: 'text',
      required: true,
      admin: { description: 'Prefix of bill and invoice numbers, e.g. SAL → SAL-26-0042. Fixed once the store has ledger rows' },
      validate: (value: string | null | undefined) => isInvoicePrefix(value) || 'invoicePrefix must be 2–8 capital letters or digits, e.g. SAL',
    },
    {
      name: 'autoApplyCredits',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        description: 'Posting an invoice pays it at once from the customer’s unmatched payments, then deposits (oldest first) — e.g. a booking deposit pays the timesheet',
      },
    },
    {
      name: 'kind',
      type: 'select',
      defaultValue: 'counter',
      options: STORE_KINDS.map((kind) => ({ label: STORE_KIND_LABELS[kind], value: kind })),
      admin: { description: 'Picks the screens’ words: Customers / POS / Visits, or Clients / Timesheets for a rental business' },
    },
    {
      name: 'complimentaryApproval',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'A cashier’s complimentary bill needs an owner’s approval (the owner signs in on the POS to approve)' },
    },
    {
      type: 'collapsible',
      label: 'Credit, terms and deposits (SPEC §9)',
      fields: [
        money('defaultCreditLimit', {
          allowZero: true,
          description: 'Credit limit new customers start with: empty = no limit, 0 = cash only. Each customer’s own can be changed',
        }),
        wholeNumber('creditTermsDays', {
          notEmpty: true,
          defaultValue: 0,
          min: 0,
          max: MAX_TERMS_DAYS,
          description: 'Pay-later terms: a bill left with money due is due this many days after it is issued (0 = the same day)',
        }),
        wholeNumber('advanceExpiryMonths', {
          min: 1,
          max: MAX_EXPIRY_MONTHS,
          description: 'Deposits left unused this many months are forfeited (checked daily); empty = never',
        }),
      ],
    },
    ...taxFields,
    ...storeContactFields,
    // SPEC §11: when reminders may not go out.
    ...storeReminderFields,
  ],
}
