import type { CollectionConfig } from 'payload'

import { inOwnStores } from '@/access/inOwnStores'
import { ledgerRowAccess } from '@/access/ledgerRowAccess'
import { storeField } from '@/fields/store'

import { allocationEndpoints } from './endpoints'

export const Allocations: CollectionConfig = {
  slug: 'allocations',
  admin: {
    defaultColumns: ['transaction', 'invoice', 'amount', 'createdAt'],
    group: 'Ledger',
    description: 'How payments are applied to invoices (append-only; a void adds negative rows).',
  },
  access: ledgerRowAccess(inOwnStores()),
  endpoints: allocationEndpoints,
  fields: [
    storeField(),
    { name: 'transaction', type: 'relationship', relationTo: 'transactions', required: true, index: true },
    { name: 'invoice', type: 'relationship', relationTo: 'invoices', required: true, index: true },
    { name: 'amount', type: 'number', required: true, admin: { description: 'Minor units; negative only when reversing an earlier allocation' } },
    { name: 'reversalOf', type: 'relationship', relationTo: 'allocations' },
    { name: 'reason', type: 'text', maxLength: 500, admin: { description: 'Why a reversing row took the payment off the invoice (unapply, void, reversal)' } },
  ],
}
