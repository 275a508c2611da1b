import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/compose'
import { scopedTo } from '@/access/scopedTo'
import { derived } from '@/fields/derived'
import { storeField } from '@/fields/store'

import { shareLinkEndpoints } from './endpoints'

/**
 * Public links to one document (SPEC §10): a statement or an invoice/bill, opened at
 * /s/<token> without login. Only the token's SHA-256 is kept; the token itself is shown
 * once, in the answer to POST /api/share-links. Links are created and revoked through
 * those endpoints only (never edited), and read by the store's cashiers and owners.
 */
export const ShareLinks: CollectionConfig = {
  slug: 'share-links',
  admin: {
    group: 'Customers',
    defaultColumns: ['document', 'documentId', 'customer', 'expiresAt', 'revokedAt', 'createdBy'],
    description: 'Links customers open without logging in. Create and revoke them from the screens.',
  },
  access: {
    read: scopedTo(['admin', 'owner', 'cashier']),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  endpoints: shareLinkEndpoints,
  fields: [
    storeField(),
    derived({
      name: 'document',
      type: 'select',
      required: true,
      options: [
        { label: 'Statement', value: 'statement' },
        { label: 'Invoice or bill', value: 'invoice' },
      ],
    }),
    derived({ name: 'documentId', type: 'number', required: true, admin: { description: 'The invoice id, or the customer id of a statement' } }),
    derived({ name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true }),
    derived({ name: 'tokenHash', type: 'text', required: true, unique: true, hidden: true }),
    derived({ name: 'expiresAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } }),
    derived({ name: 'revokedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } }),
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
  ],
}
