import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/compose'
import { scopedTo } from '@/access/scopedTo'
import { options } from '@/domain/ledgerKinds'
import { derived } from '@/fields/derived'
import { derivedMoney } from '@/fields/money'
import { storeField } from '@/fields/store'

import { statementEndpoints } from './endpoints'

/**
 * A card's billing period (statement). Made only by the services — on a card charge, on
 * closing the previous one, or by `npm run cards:init` — so periods stay contiguous; every
 * figure is derived from the card's transactions.
 */
export const CreditCardInvoices: CollectionConfig = {
  slug: 'credit-card-invoices',
  labels: { singular: 'Card statement', plural: 'Card statements' },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'startDate', 'endDate', 'isClosed', 'totalAmount', 'purchasesCount', 'amountDue', 'status'],
    listSearchableFields: ['label', 'cardholder', 'last4'],
    group: 'Owner',
    components: { beforeListTable: ['@/components/admin/StatementBulkActions#StatementBulkActions'] },
  },
  access: {
    read: scopedTo(['admin', 'owner']),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  endpoints: statementEndpoints,
  fields: [
    storeField(),
    derived({ name: 'creditCard', type: 'relationship', relationTo: 'credit-cards', required: true, index: true }),
    derived({ name: 'label', type: 'text', admin: { description: 'Card and period, for search' } }),
    derived({ name: 'cardholder', type: 'text', index: true }),
    derived({ name: 'last4', type: 'text', index: true }),
    derived({ name: 'startDate', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } } }),
    derived({ name: 'endDate', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } } }),
    derived({ name: 'dueDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } } }),
    derived({ name: 'isClosed', type: 'checkbox', defaultValue: false, index: true }),
    derived({ name: 'closedAt', type: 'date' }),
    derivedMoney('totalAmount', 'Σ card charges dated in the period (minor units)'),
    derived({ name: 'purchasesCount', type: 'number', defaultValue: 0 }),
    derived({ name: 'billingPeriodDays', type: 'number', defaultValue: 0 }),
    derivedMoney('amountPaid'),
    derivedMoney('amountDue'),
    derived({ name: 'status', type: 'select', defaultValue: 'open', options: options(['open', 'partial', 'paid', 'overdue']), index: true }),
  ],
}
