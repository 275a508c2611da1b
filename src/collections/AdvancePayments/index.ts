import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/compose'
import { inOwnStores } from '@/access/inOwnStores'
import { ADVANCE_REFERENCE_TYPES, ADVANCE_STATUSES, options, PAYMENT_METHODS } from '@/domain/ledgerKinds'
import { derived } from '@/fields/derived'
import { derivedMoney, money } from '@/fields/money'
import { storeField } from '@/fields/store'

import { advancePaymentEndpoints } from './endpoints'

export const AdvancePayments: CollectionConfig = {
  slug: 'advance-payments',
  admin: {
    defaultColumns: ['customer', 'amount', 'remainingAmount', 'status', 'referenceType', 'createdAt'],
    group: 'Customers',
    description: 'Deposits held for customers; used FIFO on bills.',
  },
  access: {
    read: inOwnStores(),
    // Deposits are taken through POST /api/customers/:id/advances, bookings and POS checkout.
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  endpoints: advancePaymentEndpoints,
  fields: [
    storeField(),
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true },
    { name: 'referenceType', type: 'select', required: true, defaultValue: 'direct', options: options(ADVANCE_REFERENCE_TYPES) },
    { name: 'referenceId', type: 'text', maxLength: 64 },
    money('amount', { required: true }),
    { name: 'method', type: 'select', required: true, defaultValue: 'cash', options: options(PAYMENT_METHODS.filter((method) => method !== 'wallet')) },
    { name: 'paymentReference', type: 'text', maxLength: 64 },
    derived({ name: 'status', type: 'select', defaultValue: 'active', options: options(ADVANCE_STATUSES), index: true }),
    derivedMoney('utilizedAmount'),
    derivedMoney('refundedAmount'),
    derivedMoney('reversedAmount', 'Reversed with the payment it was kept from (e.g. a bounced cheque)'),
    derivedMoney('forfeitedAmount', 'Forfeited when the deposit expired (store policy), kept as income'),
    derivedMoney('remainingAmount', 'amount − utilized − refunded − reversed − forfeited'),
    derived({
      name: 'taxRate',
      type: 'number',
      defaultValue: 0,
      admin: { description: 'Tax inside the deposit (a receipt voucher), basis points: the store’s default rate when it was taken, 0 when not registered' },
    }),
    derived({ name: 'transaction', type: 'relationship', relationTo: 'transactions' }),
    derived({ name: 'fromPayment', type: 'relationship', relationTo: 'transactions', admin: { description: 'The payment whose excess this deposit holds' } }),
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
  ],
}
