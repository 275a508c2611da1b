import type { CollectionConfig } from 'payload'

import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'

export const Assets: CollectionConfig = {
  slug: 'assets',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'registration', 'rate', 'store'], group: 'Rentals' },
  hooks: { beforeOperation: [rejectTextAmounts('assets', ['rate'])] },
  access: {
    read: inOwnStores(),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  fields: [
    storeField(),
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'crane',
      options: [
        { label: 'Crane', value: 'crane' },
        { label: 'Tow truck', value: 'tow_truck' },
        { label: 'Other', value: 'other' },
      ],
    },
    { name: 'registration', type: 'text', maxLength: 40 },
    money('rate', { required: true, description: 'Hourly rate in minor units' }),
  ],
}
