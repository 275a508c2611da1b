import type { Endpoint, PayloadRequest } from 'payload'
import { Forbidden } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, jsonBody, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { id, idParam } from '@/lib/schemas'
import { inTransaction } from '@/ledger/db'
import { createShareLink, DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS, revokeShareLink, SHARE_DOCUMENTS } from '@/services/shareLinks'

import { publicOrigin } from '@/documents/publicOrigin'

const body = z.object({
  document: z.enum(SHARE_DOCUMENTS, { error: () => `must be one of ${SHARE_DOCUMENTS.join(', ')}` }),
  id,
  expiresInDays: z
    .number({ error: () => 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(MAX_SHARE_DAYS, `must be at most ${MAX_SHARE_DAYS}`)
    .default(DEFAULT_SHARE_DAYS),
})

function requireStaff(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner', 'cashier')) throw new Forbidden(req.t)
}

/** POST /api/share-links — a link to one statement or invoice; the token is in `url`, shown this once. */
const createEndpoint: Endpoint = described(
  {
    path: '/',
    method: 'post',
    handler: handler(async (req) => {
      requireStaff(req)
      const input = parseWith(body, await jsonBody(req))
      const link = await inTransaction(req, (db) => createShareLink(db, req, input))
      return Response.json({ id: link.id, url: `${publicOrigin(req)}/s/${link.token}`, expiresAt: link.expiresAt }, { status: 201 })
    }),
  },
  {
    summary: 'A public link to one invoice or statement (cashier, owner); the token is in `url`, shown this once',
    who: 'staff',
    body,
    status: 201,
    response: z.object({ id: z.number().int(), url: z.string(), expiresAt: z.string() }),
  },
)

/** DELETE /api/share-links/:id — revokes the link: its page answers 404 from now on. */
const revokeEndpoint: Endpoint = described(
  {
    path: '/:id',
    method: 'delete',
    handler: handler(async (req) => {
      requireStaff(req)
      const linkId = parseWith(idParam, req.routeParams?.id)
      const revoked = await inTransaction(req, (db) => revokeShareLink(db, req, linkId))
      return Response.json(revoked)
    }),
  },
  {
    summary: 'Revoke a share link: its page answers 404 from now on → {id, revokedAt, expiresAt}',
    who: 'staff',
  },
)

export const shareLinkEndpoints: Endpoint[] = [createEndpoint, revokeEndpoint]
