import type { Endpoint } from 'payload'

import { inTransaction } from '@/ledger/db'
import { handler, jsonBody, parseWith, requireUser } from '@/lib/http'
import { resolveBody } from '@/lib/schemas'
import { resolveCustomer } from '@/services/resolveCustomer'

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
