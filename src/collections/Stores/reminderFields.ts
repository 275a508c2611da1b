import type { Field } from 'payload'

import { isClockTime } from '@/domain/reminders'

const clock = (name: string, other: string, description: string): Field => ({
  name,
  type: 'text',
  admin: { description, placeholder: 'hh:mm' },
  validate: (value: string | null | undefined, { siblingData }: { siblingData: Record<string, unknown> }) => {
    const paired = siblingData?.[other]
    if ((value === null || value === undefined || value === '') && (paired === null || paired === undefined || paired === '')) return true
    if (!isClockTime(value)) return `${name} must be a time like 21:00 (24-hour hh:mm), set together with ${other}`
    if (!isClockTime(paired)) return `${other} must be set too (a time like 09:00)`
    return true
  },
})

/** SPEC §11 quiet hours on the store's clock; none by default. */
export const storeReminderFields: Field[] = [
  {
    type: 'collapsible',
    label: 'Reminders (SPEC §11)',
    admin: { initCollapsed: true },
    fields: [
      clock('quietHoursStart', 'quietHoursEnd', 'No reminder goes out from this time (store clock, e.g. 21:00)…'),
      clock('quietHoursEnd', 'quietHoursStart', '…until this time (e.g. 09:00). Both empty = no quiet hours'),
    ],
  },
]
