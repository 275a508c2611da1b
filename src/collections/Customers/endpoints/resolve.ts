import type { Endpoint } from 'payload'
import { z } from 'zod'

import { handler, jsonBody, parseWith, requireUser } from '@/lib/http'
import { id, shortText } from '@/lib/schemas'
import { inTransaction } from '@/services/db'
import { resolveCustomer } from '@/services/resolveCustomer'

export const resolveBody = z.object({
  store: id,
  phone: z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') }).trim().min(1, 'is required').max(32),
  countryCode: shortText(5).nullish(),
  name: shortText(120).nullish(),
  email: z.email('must be an email address').nullish(),
  gender: z.enum(['female', 'male', 'other']).nullish(),
  address: shortText(500).nullish(),
  notes: shortText(2000).nullish(),
})

/** POST /api/customers/resolve — find by normalized phone or create: {customer, isNewCustomer}. */
export const resolveEndpoint: Endpoint = {
  path: '/resolve',
  method: 'post',
  handler: handler(async (req) => {
    requireUser(req)
    const input = parseWith(resolveBody, await jsonBody(req))
    const result = await inTransaction(req, (db) => resolveCustomer(db, req, input))
    return Response.json(result, { status: result.isNewCustomer ? 201 : 200 })
  }),
}
