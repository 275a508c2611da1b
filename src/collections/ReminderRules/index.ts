import type { CollectionConfig } from 'payload'

import { scopedTo } from '@/access/scopedTo'
import { DEFAULT_TEMPLATE, REMINDER_CHANNELS, TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '@/domain/reminders'
import { storeField } from '@/fields/store'
import { wholeNumber } from '@/fields/wholeNumber'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { oneStepPerOffset } from './hooks/oneStepPerOffset'

/**
 * A store's reminder ladder (SPEC §11), one row per step: `offsetDays` after the due date
 * (negative: before it), the channel and the message. Adding or turning on a step plans it
 * for every invoice due now, turning one off cancels its scheduled reminders — in the same
 * transaction (the ledger trigger reminder_rules_plan). Owners edit them; cashiers read them.
 */
export const ReminderRules: CollectionConfig = {
  slug: 'reminder-rules',
  admin: {
    useAsTitle: 'template',
    defaultColumns: ['offsetDays', 'channel', 'active', 'template', 'store'],
    group: 'Customers',
    description: 'The reminder ladder: days after the due date (negative = before), channel and message. Placeholders: {name} {amount} {dueDate} {link}.',
  },
  defaultSort: 'offsetDays',
  access: {
    read: scopedTo(['admin', 'owner', 'cashier']),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: { beforeOperation: [rejectTextAmounts('reminder-rules', ['offsetDays'], 'days')], beforeValidate: [oneStepPerOffset] },
  fields: [
    storeField(),
    {
      ...wholeNumber('offsetDays', { notEmpty: true, min: -365, max: 365, description: 'Days after the due date (0 = on the day, -1 = the day before)' }),
      required: true,
      index: true,
    },
    {
      name: 'channel',
      type: 'select',
      required: true,
      options: REMINDER_CHANNELS.map((value) => ({
        label: value === 'manual' ? 'Manual (WhatsApp link)' : value.toUpperCase() === 'SMS' ? 'SMS' : value[0]!.toUpperCase() + value.slice(1),
        value,
      })),
    },
    {
      name: 'template',
      type: 'textarea',
      required: true,
      defaultValue: DEFAULT_TEMPLATE,
      maxLength: 1000,
      validate: (value: string | null | undefined) => {
        if (!value?.trim()) return 'template is required'
        if (value.length > 1000) return 'template must be at most 1000 characters'
        const unknown = unknownPlaceholders(value)
        return (
          unknown.length === 0 ||
          `template has unknown placeholder(s) ${unknown.map((name) => `{${name}}`).join(', ')}: use ${TEMPLATE_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}`
        )
      },
    },
    { name: 'active', type: 'checkbox', defaultValue: true },
  ],
}
