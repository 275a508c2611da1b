import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/compose'
import { scopedTo } from '@/access/scopedTo'
import { derived } from '@/fields/derived'
import { derivedMoney } from '@/fields/money'
import { storeField } from '@/fields/store'

/**
 * Promises to pay (SPEC §11): "will pay ₹5,000 by the 15th". Recorded through
 * POST /api/customers/:id/promises; whether one was kept is read from the ledger each time
 * (services/promises), never stored.
 */
export const Promises: CollectionConfig = {
  slug: 'promises',
  // Not `Promise` (the generated types would shadow the global one).
  typescript: { interface: 'PromiseToPay' },
  admin: {
    defaultColumns: ['customer', 'amount', 'promisedFor', 'note', 'createdAt'],
    group: 'Customers',
    description: 'Promises to pay, recorded on the collections screen. Kept or broken is worked out from the payments.',
  },
  defaultSort: '-createdAt',
  access: {
    read: scopedTo(['admin', 'owner', 'cashier']),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    storeField(),
    derived({ name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true }),
    { ...derivedMoney('amount', 'Promised amount'), required: true },
    derived({ name: 'promisedFor', type: 'date', required: true, admin: { description: 'The store day it is promised by' } }),
    derived({ name: 'note', type: 'text' }),
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
  ],
}
