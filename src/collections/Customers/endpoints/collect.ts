import type { Endpoint } from 'payload'
import { z } from 'zod'

import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { givenReference, idParam, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { respond, runOnce } from '@/services/idempotency'
import { collectPending } from '@/services/collectPending'

const body = z.object({
  amount: minorUnits(),
  method: paymentMethod,
  reference: givenReference.nullish(),
  notes: shortText(2000).nullish(),
  date: isoDate.nullish(),
})

/** POST /api/customers/:id/collect — collect pending without a bill (SPEC §3.5). */
export const collectEndpoint: Endpoint = {
  path: '/:id/collect',
  method: 'post',
  handler: handler(async (req) => {
    const user = requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `collect:${customerId}`, request }, async (db) => {
      const result = await collectPending(db, req, { ...input, customerId, customerField: 'customer' })
      return {
        status: 201,
        body: {
          amountCollected: result.amountCollected,
          previousBalance: result.previousBalance,
          remainingBalance: result.remainingBalance,
          method: input.method,
          reference: result.transaction?.reference ?? null,
          transaction: result.transaction?.id ?? null,
          collectedBy: { id: user.id, name: (user as { name?: string }).name ?? null },
          collectedAt: result.transaction?.date ?? new Date().toISOString(),
          allocations: result.allocations,
        },
      }
    })
    return respond(outcome)
  }),
}
