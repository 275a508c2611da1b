import { APIError, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { pageProblem } from '@/lib/pageBounds'

const mayReadUnbounded = (req: PayloadRequest | undefined) => hasRole(req?.user as AccessUser | null, 'admin')

/**
 * `?limit=0` and `?pagination=false` make Payload return every row at once: with a large ledger
 * one request holds the database and the server's memory. Over REST only admins may; everyone
 * else pages, at most 1000 rows a page. Decided on the request's own query, for the read of
 * the collection the route names — not on the operation's arguments: Payload's internal reads
 * inside a request (the JWT check, populating relations, checking locks) read with
 * `pagination: false` themselves. Our screens read through the Local API and are not affected.
 */
export const refuseUnboundedReads: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI !== 'REST' || !req.user || mayReadUnbounded(req)) return args
  if (req.routeParams?.collection !== collection.slug) return args
  const query = (req.query ?? {}) as { limit?: unknown; pagination?: unknown }
  const problem = pageProblem(query.limit, query.pagination)
  if (problem) throw new APIError(problem.message, 400, { field: problem.field }, true)
  return args
}
