import type { Endpoint } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { sql, sqlFor } from '@/ledger/db'
import { handler, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam, shortText } from '@/lib/schemas'
import { CUSTOMER_MAX_PAGE, CUSTOMER_SORTS, customerPage } from '@/services/customerList'

const query = z.object({
  store: idParam,
  sort: z.enum(CUSTOMER_SORTS, { error: () => `must be one of ${CUSTOMER_SORTS.join(', ')}` }).default('pending'),
  page: z.coerce
    .number({ error: () => 'must be a page number from 1' })
    .int('must be a page number from 1')
    .min(1, 'must be a page number from 1')
    .max(CUSTOMER_MAX_PAGE, `must be a page number up to ${CUSTOMER_MAX_PAGE}`)
    .default(1),
  q: shortText(120).optional(),
  owing: z.enum(['0', '1'], { error: () => 'must be 0 or 1' }).optional(),
})

/**
 * GET /api/customers/list?store&sort&page&q&owing — the customers screen's page, 25 at a time,
 * as the screen reads it (src/services/customerList.ts): no exact count of the store's
 * customers, "1,000+" past that many matches. Payload's GET /api/customers stays for the admin
 * list and API clients (it counts every match; `pagination=false`, which would skip the count, is refused).
 */
export const listCustomersEndpoint: Endpoint = described(
  {
    path: '/list',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const params = parseWith(query, Object.fromEntries(new URL(req.url ?? 'http://x').searchParams))
      const db = await sqlFor(req)
      const { rows } = await db.execute(sql`SELECT 1 FROM stores WHERE id = ${params.store}`)
      if (!rows[0] || !mayUseStore(req, params.store)) throw notFound('store')
      const page = await customerPage(db, { store: params.store, q: params.q, owing: params.owing === '1' }, params.sort, params.page)
      return Response.json(page)
    }),
  },
  {
    summary:
      'The customers screen: one page of 25 of the store’s customers (not in the trash) by pending (default), name, recent or spent, id the tiebreak; q searches name and email (every word) or phone (its digits); owing=1 only customers owing → {docs, page, limit, hasPrevPage, hasNextPage, totalDocs, totalIsAtLeast, totalPages}: totalDocs is exact unless totalIsAtLeast (more than 1,000 match; totalPages null)',
    who: 'staff',
    query,
  },
)
