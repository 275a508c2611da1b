import type { CollectionConfig } from 'payload'

import { inOwnStores } from '@/access/inOwnStores'
import { ledgerRowAccess } from '@/access/ledgerRowAccess'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'

/**
 * Credit notes (SPEC §9): what a posted invoice no longer asks for, numbered CN-26-0001 per
 * store and year. Issued only by POST /api/invoices/:id/credit-notes; append-only like the
 * other ledger rows (a database trigger refuses UPDATE and DELETE).
 */
export const CreditNotes: CollectionConfig = {
  slug: 'credit-notes',
  admin: {
    useAsTitle: 'number',
    defaultColumns: ['number', 'invoice', 'customer', 'amount', 'reason', 'date'],
    listSearchableFields: ['number', 'reason'],
    group: 'Ledger',
    description: 'Price corrections after the sale (append-only). Issued from the invoice or customer page.',
  },
  access: ledgerRowAccess(inOwnStores()),
  fields: [
    storeField(),
    { name: 'number', type: 'text', required: true, index: true, admin: { readOnly: true } },
    { name: 'invoice', type: 'relationship', relationTo: 'invoices', required: true, index: true, admin: { readOnly: true } },
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true, admin: { readOnly: true } },
    { ...money('amount', { required: true, description: 'Taken off what the invoice asks for' }), admin: { ...money('amount').admin, readOnly: true } },
    { name: 'reason', type: 'text', required: true, maxLength: 300, admin: { readOnly: true } },
    { name: 'date', type: 'date', required: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'createdBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
  ],
}
