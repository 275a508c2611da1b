import type { CollectionConfig } from 'payload'

import { scopedTo } from '@/access/scopedTo'
import { options } from '@/domain/ledgerKinds'
import { derived } from '@/fields/derived'
import { derivedMoney, money } from '@/fields/money'
import { storeField } from '@/fields/store'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { preparePayable } from './hooks/preparePayable'
import { refreshPayableAfterChange } from './hooks/refreshPayableAfterChange'

/** The owner's scheduled payables of a month, paid by expense transactions (SPEC §2). */
export const PaymentStatuses: CollectionConfig = {
  slug: 'payment-statuses',
  labels: { singular: 'Payable', plural: 'Payables' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'paymentType', 'monthYear', 'dueDate', 'expectedAmount', 'amountPaid', 'status'], group: 'Owner' },
  access: {
    read: scopedTo(['admin', 'owner']),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: {
    beforeOperation: [rejectTextAmounts('payment-statuses', ['expectedAmount'])],
    beforeChange: [preparePayable],
    afterChange: [refreshPayableAfterChange],
  },
  fields: [
    storeField(),
    { name: 'name', type: 'text', required: true, maxLength: 80, admin: { description: 'e.g. Shop rent, Electricity' } },
    { name: 'paymentType', type: 'select', required: true, defaultValue: 'fixed', options: options(['fixed', 'variable', 'credit_card']) },
    {
      name: 'monthYear',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'yyyy-mm' },
      validate: (value: string | null | undefined) => (typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value)) || 'monthYear must look like 2026-11',
    },
    { name: 'dueDate', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayOnly' } } },
    money('expectedAmount', { allowZero: true, description: 'For a card statement: its total' }),
    { name: 'currency', type: 'text', defaultValue: 'INR' },
    { name: 'creditCardInvoice', type: 'relationship', relationTo: 'credit-card-invoices', admin: { condition: (data) => data?.paymentType === 'credit_card' } },
    { name: 'notes', type: 'textarea', maxLength: 1000 },
    derivedMoney('amountPaid'),
    derived({ name: 'status', type: 'select', defaultValue: 'pending', options: options(['pending', 'partial', 'paid', 'overdue']), index: true }),
  ],
}
