import { Forbidden, type Endpoint } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { id, idParam, minorUnits } from '@/lib/schemas'
import { respond, runOnce } from '@/services/idempotency'
import { matchPayment } from '@/services/matchPayment'
import { reverseTransaction } from '@/services/reverseTransaction'

const body = z.object({ invoice: id, amount: minorUnits().optional() })

/** POST /api/transactions/:id/match — apply an unmatched payment to an invoice (owner). */
export const matchEndpoint: Endpoint = {
  path: '/:id/match',
  method: 'post',
  handler: handler(async (req) => {
    const user = requireUser(req)
    if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
    const transactionId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `match:${transactionId}`, request }, async (db) => ({
      status: 201,
      body: await matchPayment(db, req, { transactionId, invoiceId: input.invoice, amount: input.amount }),
    }))
    return respond(outcome)
  }),
}

const reverseBody = z.object({ reason: z.string({ error: () => 'is required' }).trim().min(3, 'must say why (3+ characters)').max(300) })

/** POST /api/transactions/:id/reverse {reason} — the correction of a ledger row (owner). */
export const reverseEndpoint: Endpoint = {
  path: '/:id/reverse',
  method: 'post',
  handler: handler(async (req) => {
    const user = requireUser(req)
    if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
    const transactionId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(reverseBody, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `reverse:${transactionId}`, request }, async (db) => ({
      status: 201,
      body: await reverseTransaction(db, req, transactionId, input.reason),
    }))
    return respond(outcome)
  }),
}
