import type { PayloadRequest, TaskConfig } from 'payload'

import { REMINDER_MAX_ATTEMPTS } from '@/domain/reminders'
import { deliverReminder, queueDueReminders, REMINDER_BACKOFF_SECONDS, REMINDER_QUEUE } from '@/services/reminders'

import { scheduleOnce } from './scheduleOnce'

export { REMINDER_QUEUE }

/**
 * SPEC §11 on Payload's jobs queue. Every minute `queueDueReminders` puts each reminder that
 * is due (store day, not in quiet hours) on the queue as one `sendReminder` job; `autoRun`
 * runs them on every app instance. A send the provider refused throws, and Payload retries
 * the job with exponential backoff (30 s, 1 min, 2 min); the reminder's own claim makes every
 * run after the one that sent it a no-op (services/reminders).
 */
export const queueDueRemindersTask: TaskConfig<{ input: object; output: { queued: number; superseded: number; skipped: number } }> = {
  slug: 'queueDueReminders',
  label: 'Queue the reminders that are due (SPEC §11)',
  // One instance queues each minute's run (scheduleOnce.ts).
  schedule: [{ cron: '0 * * * * *', queue: REMINDER_QUEUE, hooks: { beforeSchedule: scheduleOnce } }],
  retries: { attempts: 2, backoff: { type: 'fixed', delay: 30_000 } },
  outputSchema: [
    { name: 'queued', type: 'number', required: true },
    { name: 'superseded', type: 'number', required: true },
    { name: 'skipped', type: 'number', required: true },
  ],
  handler: async ({ req }) => {
    const done = await queueDueReminders(req)
    return { output: { queued: done.queued.length, superseded: done.superseded.length, skipped: done.skipped.length } }
  },
}

export class ReminderNotSent extends Error {
  override name = 'ReminderNotSent'
}

/** Another sender holds the reminder: the job is retried after its backoff, when that send has settled. */
export class ReminderBusy extends Error {
  override name = 'ReminderBusy'
}

export const sendReminderTask: TaskConfig<{ input: { reminder: number; origin?: string | null }; output: { outcome: string; detail: string } }> = {
  slug: 'sendReminder',
  label: 'Send one reminder (at most once)',
  inputSchema: [
    { name: 'reminder', type: 'number', required: true },
    { name: 'origin', type: 'text' },
  ],
  outputSchema: [
    { name: 'outcome', type: 'text', required: true },
    { name: 'detail', type: 'text', required: true },
  ],
  retries: { attempts: REMINDER_MAX_ATTEMPTS - 1, backoff: { type: 'exponential', delay: REMINDER_BACKOFF_SECONDS * 1000 } },
  handler: async ({ input, req }) => {
    const delivery = await deliverReminder(req as PayloadRequest, input.reminder, { origin: input.origin ?? null })
    // A refusal the provider answered is retried by the queue (the claim was freed); the last one is final.
    if (delivery.outcome === 'failed' && !delivery.final) throw new ReminderNotSent(`reminder ${input.reminder}: ${delivery.detail}`)
    // Another runner holds the reminder right now (two instances picked this job): its send may still
    // fail, so this job must stay open and look again after the backoff. Completing it would leave a
    // refused reminder with no job to retry it. `done` (sent or settled already) is a success.
    if (delivery.outcome === 'busy') throw new ReminderBusy(`reminder ${input.reminder}: ${delivery.detail}`)
    return { output: { outcome: delivery.outcome, detail: delivery.detail } }
  },
}
