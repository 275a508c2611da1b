import type { Payload } from 'payload'

import { DEFAULT_TEMPLATE, type ReminderChannel } from '@/domain/reminders'

/**
 * SPEC §11: the demo salon's reminder ladder — a WhatsApp message by hand on the due day, an
 * email 3 days late, an SMS at a week, WhatsApp again at 15 days and a last email at 30. Steps
 * already there (same offset) are left as the owner set them.
 */
export const DEMO_LADDER: { offsetDays: number; channel: ReminderChannel; template: string }[] = [
  { offsetDays: 0, channel: 'manual', template: 'Hello {name}, {amount} is due today at Demo Salon. Your statement: {link}' },
  { offsetDays: 3, channel: 'email', template: DEFAULT_TEMPLATE },
  { offsetDays: 7, channel: 'sms', template: 'Demo Salon: {amount} due since {dueDate}. Pay or see your statement: {link}' },
  { offsetDays: 15, channel: 'manual', template: 'Hello {name}, a reminder from Demo Salon: {amount} has been due since {dueDate}. {link}' },
  { offsetDays: 30, channel: 'email', template: 'Hello {name}, {amount} has been due since {dueDate}. Please pay, or call us if something is wrong: {link}' },
]

export async function seedDemoReminders(payload: Payload, storeId: number, log: (line: string) => void = () => undefined): Promise<void> {
  const { docs } = await payload.find({ collection: 'reminder-rules', where: { store: { equals: storeId } }, limit: 100, depth: 0, overrideAccess: true })
  const taken = new Set(docs.map((rule) => rule.offsetDays))
  let added = 0
  for (const step of DEMO_LADDER) {
    if (taken.has(step.offsetDays)) continue
    await payload.create({ collection: 'reminder-rules', data: { store: storeId, ...step, active: true }, overrideAccess: true })
    added += 1
  }
  log(`rules  Demo Salon reminder ladder (${added} step${added === 1 ? '' : 's'} added)`)
}
