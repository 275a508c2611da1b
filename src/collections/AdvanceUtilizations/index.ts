import type { CollectionConfig } from 'payload'

import { inOwnStores } from '@/access/inOwnStores'
import { ledgerRowAccess } from '@/access/ledgerRowAccess'
import { storeField } from '@/fields/store'

export const AdvanceUtilizations: CollectionConfig = {
  slug: 'advance-utilizations',
  admin: { defaultColumns: ['advancePayment', 'invoice', 'amount', 'createdAt'], group: 'Ledger', description: 'Deposits used on bills, oldest deposit first (append-only).' },
  access: ledgerRowAccess(inOwnStores()),
  fields: [
    storeField(),
    { name: 'advancePayment', type: 'relationship', relationTo: 'advance-payments', required: true, index: true },
    { name: 'invoice', type: 'relationship', relationTo: 'invoices', required: true, index: true },
    { name: 'amount', type: 'number', required: true, admin: { description: 'Minor units; negative only when reversing an earlier use' } },
    { name: 'reversalOf', type: 'relationship', relationTo: 'advance-utilizations' },
  ],
}
