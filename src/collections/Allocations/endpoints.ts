import { Forbidden, type Endpoint } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'
import { respond, runOnce } from '@/services/idempotency'
import { unapplyAllocation } from '@/services/unapplyAllocation'

const body = z.object({ reason: z.string({ error: () => 'is required' }).trim().min(3, 'must say why (3+ characters)').max(300, 'must be at most 300 characters') })

/** POST /api/allocations/:id/unapply {reason} — take a payment off an invoice (owner, SPEC §9a). */
export const unapplyEndpoint: Endpoint = {
  path: '/:id/unapply',
  method: 'post',
  handler: handler(async (req) => {
    const user = requireUser(req)
    if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
    const allocationId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `unapply:${allocationId}`, request }, async (db) => ({
      status: 201,
      body: await unapplyAllocation(db, req, allocationId, input.reason),
    }))
    return respond(outcome)
  }),
}
