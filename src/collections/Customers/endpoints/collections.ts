import type { Endpoint, PayloadRequest } from 'payload'
import { Forbidden } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { publicOrigin } from '@/documents/publicOrigin'
import { isDay } from '@/domain/dates'
import { REMINDER_CHANNELS } from '@/domain/reminders'
import { inTransaction } from '@/ledger/db'
import { handler, jsonBody, parseWith, requireOwner, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam, minorUnits, shortText } from '@/lib/schemas'
import { runReminderJobs } from '@/collections/Reminders/endpoints'
import { CONTACT_KINDS, contactLog, planReminderNow, recordContact, remindersByIds } from '@/services/collections'
import { listPromises, recordPromise } from '@/services/promises'
import { queueDueReminders } from '@/services/reminders'

const day = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a day like 2026-12-15') }).refine(isDay, 'must be a real day like 2026-12-15')

const promiseBody = z.object({ amount: minorUnits(), date: day, note: shortText(300).nullish() }).strict()
const contactBody = z
  .object({
    kind: z.enum(CONTACT_KINDS, { error: () => `must be one of ${CONTACT_KINDS.join(', ')}` }),
    note: shortText(300).nullish(),
    until: day.nullish(),
  })
  .strict()
const SENDABLE = REMINDER_CHANNELS.filter((channel) => channel !== 'manual') as ['email', 'sms', 'whatsapp']
const remindBody = z.object({ channel: z.enum(SENDABLE, { error: () => `must be one of ${SENDABLE.join(', ')} (a WhatsApp link is shared from the screen)` }) }).strict()

function requireStaff(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner', 'cashier')) throw new Forbidden(req.t)
}

const customerIdOf = (req: PayloadRequest) => parseWith(idParam, req.routeParams?.id)

/** GET /api/customers/:id/promises (cashier, owner): the promises, newest first, each open / kept / broken. */
const listPromisesEndpoint: Endpoint = described(
  {
    path: '/:id/promises',
    method: 'get',
    handler: handler(async (req) => {
      requireStaff(req)
      const customerId = customerIdOf(req)
      return Response.json(await inTransaction(req, (db) => listPromises(db, req, customerId)))
    }),
  },
  {
    summary: "The customer's promises to pay, newest first, each with what was paid and its status (open, kept, broken) (cashier, owner) → {customer, promises}",
    who: 'staff',
  },
)

/** POST /api/customers/:id/promises {amount, date, note?} (cashier, owner): records a promise to pay. */
const recordPromiseEndpoint: Endpoint = described(
  {
    path: '/:id/promises',
    method: 'post',
    handler: handler(async (req) => {
      requireStaff(req)
      const customerId = customerIdOf(req)
      const input = parseWith(promiseBody, await jsonBody(req))
      return Response.json(await inTransaction(req, (db) => recordPromise(db, req, customerId, input)), { status: 201 })
    }),
  },
  {
    summary: 'Record a promise to pay `amount` by `date` (today or later), at most what the customer owes (cashier, owner)',
    who: 'staff',
    body: promiseBody,
    status: 201,
    errors: { 422: 'Nothing is owed, or the promise is more than the customer owes' },
  },
)

/** GET /api/customers/:id/contacts (cashier, owner): calls, notes, shares, reminders sent — newest first. */
const contactLogEndpoint: Endpoint = described(
  {
    path: '/:id/contacts',
    method: 'get',
    handler: handler(async (req) => {
      requireStaff(req)
      const customerId = customerIdOf(req)
      return Response.json({ contacts: await inTransaction(req, (db) => contactLog(db, req, customerId)) })
    }),
  },
  {
    summary: "The customer's contact log: calls, notes, shares, snoozes, disputes and reminders sent, newest first (cashier, owner) → {contacts}",
    who: 'staff',
  },
)

/** POST /api/customers/:id/contacts {kind, note?, until?} (owner): a call, note, WhatsApp share, snooze, dispute or its end. */
const recordContactEndpoint: Endpoint = described(
  {
    path: '/:id/contacts',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const customerId = customerIdOf(req)
      const input = parseWith(contactBody, await jsonBody(req))
      return Response.json(await inTransaction(req, (db) => recordContact(db, req, customerId, input)), { status: 201 })
    }),
  },
  {
    summary: 'Log a call, note, WhatsApp share, snooze (with `until`, the day reminders start again), dispute or its resolution (owner)',
    who: 'owner',
    body: contactBody,
    status: 201,
  },
)

/** POST /api/customers/:id/remind {channel} (owner): one reminder of the whole dues now, by email, SMS or WhatsApp. */
const remindNowEndpoint: Endpoint = described(
  {
    path: '/:id/remind',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const customerId = customerIdOf(req)
      const { channel } = parseWith(remindBody, await jsonBody(req))
      const planned = await inTransaction(req, (db) => planReminderNow(db, req, customerId, channel))
      const queued = await queueDueReminders(req, { storeIds: [planned.storeId], origin: publicOrigin(req) })
      await runReminderJobs(
        req,
        queued.queued.filter((entry) => entry.id === planned.id).map((entry) => entry.job),
      )
      const [reminder] = await inTransaction(req, (db) => remindersByIds(db, [planned.id]))
      return Response.json({ reminder }, { status: 201 })
    }),
  },
  {
    summary: 'Send one reminder of the whole dues now by email, SMS or WhatsApp (owner) → {reminder}; one per customer, channel and day',
    who: 'owner',
    body: remindBody,
    status: 201,
    errors: { 409: 'The customer was already reminded by this channel today', 422: 'Nothing is owed' },
  },
)

export const collectionEndpoints: Endpoint[] = [listPromisesEndpoint, recordPromiseEndpoint, contactLogEndpoint, recordContactEndpoint, remindNowEndpoint]
