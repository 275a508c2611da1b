import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/compose'
import { scopedTo } from '@/access/scopedTo'
import { REMINDER_CHANNELS, REMINDER_STATUSES } from '@/domain/reminders'
import { derived } from '@/fields/derived'
import { storeField } from '@/fields/store'

import { reminderEndpoints } from './endpoints'

/**
 * One reminder of one invoice at one step of the ladder (SPEC §11), unique on (invoice, step)
 * and on its dedupe key. Planned and cancelled by the ledger's triggers in the transaction of
 * the money that makes it due or clears it, sent once by the jobs queue (src/jobs/reminders).
 * Read-only to everyone: no route writes one.
 */
export const Reminders: CollectionConfig = {
  slug: 'reminders',
  admin: {
    defaultColumns: ['customer', 'invoice', 'channel', 'status', 'sendOn', 'attempts', 'sentAt'],
    group: 'Customers',
    description: 'Reminders planned from the store’s ladder; each is sent at most once. Every send attempt is kept.',
  },
  defaultSort: '-sendOn',
  access: {
    read: scopedTo(['admin', 'owner', 'cashier']),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  endpoints: reminderEndpoints,
  fields: [
    storeField(),
    derived({ name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true }),
    derived({ name: 'invoice', type: 'relationship', relationTo: 'invoices', index: true }),
    derived({ name: 'rule', type: 'relationship', relationTo: 'reminder-rules', index: true }),
    derived({ name: 'channel', type: 'select', required: true, options: [...REMINDER_CHANNELS] }),
    derived({ name: 'status', type: 'select', required: true, defaultValue: 'scheduled', options: [...REMINDER_STATUSES] }),
    derived({ name: 'sendOn', type: 'date', required: true, admin: { description: 'The store day it goes out' } }),
    derived({ name: 'attempts', type: 'number', required: true, defaultValue: 0 }),
    derived({ name: 'sentAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } }),
    derived({ name: 'recipient', type: 'text' }),
    derived({ name: 'text', type: 'textarea' }),
    derived({ name: 'reason', type: 'text', admin: { description: 'Why it was skipped, failed or cancelled' } }),
    derived({ name: 'dedupeKey', type: 'text', required: true, unique: true, hidden: true }),
    derived({ name: 'queuedAt', type: 'date', hidden: true }),
    derived({ name: 'claimedUntil', type: 'date', hidden: true }),
    derived({ name: 'claimToken', type: 'text', hidden: true }),
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
  ],
}
