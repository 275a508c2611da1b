import type { Endpoint } from 'payload'
import { Forbidden } from 'payload'
import { z } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { inTransaction } from '@/ledger/db'
import { handler, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { collectionList, collectionSummary, storeOfList } from '@/services/collections'

const query = z
  .object({
    store: idParam,
    limit: z.coerce
      .number({ error: () => 'must be a whole number from 1 to 1000' })
      .int()
      .min(1)
      .max(1000)
      .optional(),
  })
  .strict()

/**
 * GET /api/collections?store=ID[&limit] (owner; cashiers read it too, SPEC §11): who owes,
 * oldest overdue first, with the month's figures (fell due, collected, DSO).
 */
const listEndpoint: Endpoint = described(
  {
    path: '/collections',
    method: 'get',
    handler: handler(async (req) => {
      const user = requireUser(req)
      if (!hasRole(user as AccessUser, 'admin', 'owner', 'cashier')) throw new Forbidden(req.t)
      const params = parseWith(query, Object.fromEntries(new URL(req.url ?? 'http://x').searchParams))
      const answer = await inTransaction(req, async (db) => {
        const store = await storeOfList(db, req, params.store)
        return { store: store.id, summary: await collectionSummary(db, store), customers: await collectionList(db, store, { limit: params.limit ?? 200 }) }
      })
      return Response.json(answer)
    }),
  },
  {
    summary:
      "Who owes, oldest overdue first (cashier, owner), with the month's figures → {store, summary: {month, fellDue, collected, customersOwing, overdueTotal, dso}, customers}",
    who: 'staff',
    query,
    tag: 'collections',
  },
)

export const collectionsEndpoints: Endpoint[] = [listEndpoint]
