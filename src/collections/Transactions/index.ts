import type { Access, CollectionConfig } from 'payload'

import { claimIdempotencyKey, storeIdempotentReply } from '@/hooks/idempotentCreate'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { allOf, anyOf, nobody } from '@/access/compose'
import { hasAnyRole } from '@/access/hasAnyRole'
import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { options, PAYMENT_METHODS, TRANSACTION_KINDS } from '@/domain/ledgerKinds'
import { derived } from '@/fields/derived'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'

import { transactionEndpoints } from './endpoints'
import { allocateLoggedPayment } from './hooks/allocateLoggedPayment'
import { recordThroughLedger } from './hooks/recordThroughLedger'

/** Cashiers see the money coming in at their counter, never expenses. */
const cashierSeesIncome: Access = allOf(hasAnyRole('cashier'), inOwnStores(), () => ({ type: { equals: 'income' } }))

export const Transactions: CollectionConfig = {
  slug: 'transactions',
  admin: {
    useAsTitle: 'reference',
    defaultColumns: ['reference', 'date', 'type', 'kind', 'amount', 'method', 'customer', 'invoice'],
    listSearchableFields: ['reference', 'notes'],
    group: 'Ledger',
    description: 'The ledger: append-only. Corrections are reversing entries.',
  },
  access: {
    read: anyOf(scopedTo(['admin', 'owner']), cashierSeesIncome),
    create: scopedTo(['admin', 'owner']),
    update: nobody,
    delete: nobody,
  },
  endpoints: transactionEndpoints,
  hooks: {
    beforeOperation: [rejectTextAmounts('transactions', ['amount']), claimIdempotencyKey('transactions')],
    beforeChange: [recordThroughLedger],
    afterChange: [allocateLoggedPayment, storeIdempotentReply],
  },
  fields: [
    storeField(),
    { name: 'date', type: 'date', required: true, index: true, defaultValue: () => new Date().toISOString() },
    { name: 'type', type: 'select', required: true, options: options(['income', 'expense']), index: true },
    { name: 'kind', type: 'select', required: true, options: options(TRANSACTION_KINDS), index: true },
    money('amount', { required: true }),
    // Required for every row that moves money (recordThroughLedger); a write-off or a forfeit moves none.
    { name: 'method', type: 'select', options: options(PAYMENT_METHODS), admin: { description: 'Empty only for write-offs and forfeited deposits' } },
    { name: 'customer', type: 'relationship', relationTo: 'customers', index: true },
    { name: 'invoice', type: 'relationship', relationTo: 'invoices', index: true },
    { name: 'advancePayment', type: 'relationship', relationTo: 'advance-payments', admin: { readOnly: true }, hooks: { beforeDuplicate: [() => null] } },
    { name: 'creditCard', type: 'relationship', relationTo: 'credit-cards', index: true, admin: { description: 'The card charged (method credit_card) or paid (card_payment)' } },
    {
      name: 'creditCardInvoice',
      type: 'relationship',
      relationTo: 'credit-card-invoices',
      index: true,
      admin: { description: 'Charges: set to the statement of their date. Card payments: the statement paid.' },
    },
    { name: 'paymentStatus', type: 'relationship', relationTo: 'payment-statuses', index: true, admin: { description: 'The payable this expense pays' } },
    derived({ name: 'reversalOf', type: 'relationship', relationTo: 'transactions' }),
    // A "duplicate" is another payment: it gets its own reference (the next PAY-/EXP-…), never the original's.
    {
      name: 'reference',
      type: 'text',
      index: true,
      admin: { description: 'Auto when left empty: PAY-000123 for money in, EXP-000123 for expenses' },
      hooks: { beforeDuplicate: [() => null] },
    },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
  ],
}
