import type { Endpoint } from 'payload'
import { z } from 'zod'

import { inTransaction } from '@/ledger/db'
import { handler, jsonBody, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { amountOut, resolveBody } from '@/lib/schemas'
import { resolveCustomer } from '@/services/resolveCustomer'

/** POST /api/customers/resolve — find by normalized phone or create: {customer, isNewCustomer}. */
export const resolveEndpoint: Endpoint = described(
  {
    path: '/resolve',
    method: 'post',
    handler: handler(async (req) => {
      requireUser(req)
      const input = parseWith(resolveBody, await jsonBody(req))
      const result = await inTransaction(req, (db) => resolveCustomer(db, req, input))
      return Response.json(result, { status: result.isNewCustomer ? 201 : 200 })
    }),
  },
  {
    summary: 'Find a customer of the store by phone (normalized to E.164), or create one → {customer, isNewCustomer}',
    description: 'Answers 200 with the existing customer, or 201 with a new one (`isNewCustomer: true`). The phone is unique per store.',
    who: 'staff',
    body: resolveBody,
    response: z.object({
      customer: z.object({
        id: z.number().int(),
        store: z.number().int(),
        name: z.string(),
        phone: z.string().describe('E.164, e.g. +919876543210'),
        email: z.string().nullable(),
        pendingBalance: amountOut,
        advanceBalance: amountOut,
        visits: z.number().int(),
      }),
      isNewCustomer: z.boolean(),
    }),
    responseDescription: 'The existing customer (`isNewCustomer: false`); a new one answers 201.',
  },
)
