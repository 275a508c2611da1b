import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { inTransaction } from '@/ledger/db'
import { publicOrigin } from '@/documents/publicOrigin'
import { handler, jsonBody, parseWith, requireOwner, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { id, idParam } from '@/lib/schemas'
import { markReminderSentByHand, remindersByIds, storeOfList } from '@/services/collections'
import { queueDueReminders, REMINDER_QUEUE } from '@/services/reminders'
import { Forbidden } from 'payload'

const runBody = z.object({ store: id }).strict()

/** Runs the reminder jobs just queued, here and now (the queue's retries pick up what failed). */
export async function runReminderJobs(req: PayloadRequest, jobIds: (number | string)[]) {
  if (jobIds.length === 0) return
  await req.payload.jobs.run({ queue: REMINDER_QUEUE, where: { id: { in: jobIds } }, limit: jobIds.length, silent: true })
}

/** POST /api/reminders/run {store} (owner): queues what is due now in the store and sends it. */
const runEndpoint: Endpoint = described(
  {
    path: '/run',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const { store } = parseWith(runBody, await jsonBody(req))
      await inTransaction(req, (db) => storeOfList(db, req, store))
      const queued = await queueDueReminders(req, { storeIds: [store], origin: publicOrigin(req) })
      await runReminderJobs(
        req,
        queued.queued.map((entry) => entry.job),
      )
      const reminders = await inTransaction(req, (db) => remindersByIds(db, [...queued.queued.map((entry) => entry.id), ...queued.superseded, ...queued.skipped]))
      const count = (status: string) => reminders.filter((reminder) => reminder.status === status).length
      return Response.json({
        store,
        quietHours: queued.quiet.includes(store),
        queued: queued.queued.length,
        sent: count('sent'),
        failed: count('failed'),
        retrying: reminders.filter((reminder) => reminder.status === 'scheduled').length,
        skipped: count('skipped'),
        superseded: queued.superseded.length,
        reminders,
      })
    }),
  },
  {
    summary: 'Queue what is due now in the store and send it (owner) → {store, quietHours, queued, sent, failed, retrying, skipped, superseded, reminders}',
    who: 'owner',
    body: runBody,
  },
)

/** POST /api/reminders/:id/sent (owner): a reminder sent by hand (the WhatsApp link) recorded once. */
const sentByHandEndpoint: Endpoint = described(
  {
    path: '/:id/sent',
    method: 'post',
    handler: handler(async (req) => {
      const user = requireUser(req)
      if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
      const reminderId = parseWith(idParam, req.routeParams?.id)
      parseWith(z.object({}).strict(), await jsonBody(req))
      const result = await inTransaction(req, (db) => markReminderSentByHand(db, req, reminderId))
      return Response.json(result, { status: result.recorded ? 201 : 200 })
    }),
  },
  {
    summary: 'Record a reminder sent by hand (the WhatsApp link) as sent, once (owner) → {reminder, recorded}: 201 the first time, 200 with recorded: false after',
    who: 'owner',
    body: z.object({}).strict(),
    status: 201,
    errors: { 409: 'The reminder is not scheduled (failed, skipped or superseded): it cannot be sent' },
  },
)

export const reminderEndpoints: Endpoint[] = [runEndpoint, sentByHandEndpoint]
