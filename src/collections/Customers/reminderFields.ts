import type { Field } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { REMINDER_CHANNELS } from '@/domain/reminders'

const ownersOnly = ({ req }: { req: { user: unknown } }) => hasRole(req.user as AccessUser | null, 'admin', 'owner')

/** SPEC §11 per-customer reminder settings; the collections screen's snooze and dispute set the last two. */
export const customerReminderFields: Field[] = [
  {
    type: 'collapsible',
    label: 'Reminders (SPEC §11)',
    admin: { initCollapsed: true },
    fields: [
      {
        name: 'remindersOff',
        type: 'checkbox',
        defaultValue: false,
        access: { create: ownersOnly, update: ownersOnly },
        admin: { description: 'The customer asked not to be reminded: no reminder goes out (the collections list still shows the dues)' },
      },
      {
        name: 'preferredChannel',
        type: 'select',
        options: [...REMINDER_CHANNELS],
        access: { create: ownersOnly, update: ownersOnly },
        admin: { description: 'Sends every reminder this way instead of the step’s channel; empty = the ladder’s' },
      },
      {
        name: 'snoozedUntil',
        type: 'date',
        access: { create: ownersOnly, update: ownersOnly },
        admin: { description: 'No reminder goes out before this day (the reminders wait, none is lost)' },
      },
      {
        name: 'disputed',
        type: 'checkbox',
        defaultValue: false,
        access: { create: ownersOnly, update: ownersOnly },
        admin: { description: 'The customer disputes the dues: reminders wait until the dispute is resolved' },
      },
    ],
  },
]
