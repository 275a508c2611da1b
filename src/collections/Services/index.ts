import type { CollectionConfig } from 'payload'

import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'
import { taxRateField } from '@/fields/taxRate'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

/** SAC (services, 99xxxx) or HSN (goods): 4, 6 or 8 digits. */
const SAC = /^\d{4}(\d{2}(\d{2})?)?$/

/**
 * SPEC §12: the store's price list. The POS searches it (name, price and rate fill the
 * line); a bill's line keeps its own copy of the name, SAC, price and rate, so editing or
 * retiring a service never changes a posted bill.
 */
export const Services: CollectionConfig = {
  slug: 'services',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'sac', 'price', 'taxRate', 'active', 'store'],
    listSearchableFields: ['name', 'sac'],
    group: 'Settings',
  },
  access: {
    // Cashiers read the catalogue (the POS searches it); owners keep it.
    read: inOwnStores(),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: {
    beforeOperation: [rejectTextAmounts('services', ['price'])],
  },
  fields: [
    storeField(),
    { name: 'name', type: 'text', required: true, maxLength: 200, index: true },
    {
      name: 'sac',
      type: 'text',
      maxLength: 8,
      admin: { description: 'SAC of the service (e.g. 999721 hairdressing and beauty) or HSN of goods' },
      validate: (value: string | null | undefined) => !value || SAC.test(value) || 'sac must be a 4-, 6- or 8-digit SAC or HSN code, e.g. 999721',
    },
    money('price', { required: true, allowZero: true, description: 'As the POS charges it (with tax when the store’s prices include tax)' }),
    taxRateField('taxRate', { required: true, defaultValue: 1800 }),
    { name: 'active', type: 'checkbox', defaultValue: true, index: true, admin: { description: 'Offered at the POS; retired services stay on old bills' } },
  ],
}
