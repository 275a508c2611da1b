import type { Endpoint } from 'payload'
import { z } from 'zod'

import { inTransaction } from '@/ledger/db'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { givenReference, idParam, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { collectPending } from '@/services/collectPending'
import { customerPayments } from '@/services/customerPayments'
import { respond, runOnce } from '@/services/idempotency'

const body = z.object({
  amount: minorUnits(),
  method: paymentMethod,
  reference: givenReference.nullish(),
  notes: shortText(2000).nullish(),
  date: isoDate.nullish(),
  keepExcessAsAdvance: z.boolean().optional(),
})

/** GET /api/customers/:id/payments — money received from the customer, newest first, with allocations. */
const listPayments: Endpoint = {
  path: '/:id/payments',
  method: 'get',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const payments = await inTransaction(req, (db) => customerPayments(db, req, customerId))
    return Response.json({ docs: payments, totalDocs: payments.length })
  }),
}

/** POST /api/customers/:id/payments — a payment for the client, allocated oldest first. */
const recordPayment: Endpoint = {
  path: '/:id/payments',
  method: 'post',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `payment:${customerId}`, request }, async (db) => {
      const result = await collectPending(db, req, { ...input, customerId, customerField: 'customer' })
      return {
        status: 201,
        body: {
          transaction: result.transaction,
          amount: input.amount,
          allocations: result.allocations,
          keptAsAdvance: result.keptAsAdvance?.amount ?? 0,
          customer: { id: customerId, pendingBalance: result.remainingBalance, advanceBalance: result.advanceBalance },
        },
      }
    })
    return respond(outcome)
  }),
}

export const paymentsEndpoints = [listPayments, recordPayment]
