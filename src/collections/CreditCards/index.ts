import type { CollectionConfig } from 'payload'

import { scopedTo } from '@/access/scopedTo'
import { isCurrency } from '@/domain/locale'
import { money } from '@/fields/money'
import { storeField } from '@/fields/store'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

const dayOfMonth = (name: string, description: string) => ({
  name,
  type: 'number' as const,
  required: true,
  min: 1,
  max: 31,
  admin: { step: 1, description },
  validate: (value: number | null | undefined) => (Number.isInteger(value) && value! >= 1 && value! <= 31) || `${name} must be a whole day of the month from 1 to 31`,
})

/** The business's own credit cards (SPEC §2): owners only. */
export const CreditCards: CollectionConfig = {
  slug: 'credit-cards',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'last4', 'cardholder', 'closingDay', 'dueDay', 'active'],
    listSearchableFields: ['name', 'cardholder', 'last4'],
    group: 'Owner',
  },
  access: {
    read: scopedTo(['admin', 'owner']),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: { beforeOperation: [rejectTextAmounts('credit-cards', ['creditLimit'])] },
  fields: [
    storeField(),
    { name: 'name', type: 'text', required: true, maxLength: 80, admin: { description: 'e.g. HDFC Regalia' } },
    {
      name: 'last4',
      type: 'text',
      required: true,
      index: true,
      validate: (value: string | null | undefined) => (typeof value === 'string' && /^\d{4}$/.test(value)) || 'last4 must be the last 4 digits of the card',
    },
    { name: 'cardholder', type: 'text', required: true, maxLength: 80 },
    {
      name: 'currency',
      type: 'text',
      required: true,
      defaultValue: 'INR',
      validate: (value: string | null | undefined) => (value && isCurrency(value)) || 'currency must be an ISO 4217 code such as INR',
    },
    dayOfMonth('closingDay', 'Statement closes on this day (clamped to the month end: 31 → Feb 28/29)'),
    dayOfMonth('dueDay', 'Payment is due on this day after the statement closes'),
    money('creditLimit', { allowZero: true, description: 'Optional (minor units)' }),
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
  ],
}
