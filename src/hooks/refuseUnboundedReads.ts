import { APIError, type CollectionBeforeOperationHook, type PayloadRequest } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'

/** The largest page a client may ask for (the admin's list pages go to 100). */
export const MAX_PAGE = 1000

/** What is wrong with a page a client asked for, or null. `limit` and `pagination` as sent. */
export function pageProblem(limit: unknown, pagination: unknown): { field: 'limit' | 'pagination'; message: string } | null {
  if (pagination === false || pagination === 'false') return { field: 'pagination', message: 'pagination=false (every row at once) is not allowed: page with limit and page' }
  if (limit === undefined || limit === null || limit === '') return null
  const number = typeof limit === 'string' ? Number(limit) : limit
  if (typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= MAX_PAGE) return null
  return { field: 'limit', message: `limit must be a whole number from 1 to ${MAX_PAGE} (0 would be every row at once)` }
}

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
