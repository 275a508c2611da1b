import type { Endpoint } from 'payload'

import { statementRangeOf } from '@/documents/statementQuery'
import { inTransaction } from '@/ledger/db'
import { handler, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'
import { customerStatement } from '@/services/customerStatement'

/** GET /api/customers/:id/statement?from&to — running balance for a period of store days, open invoices, aging. */
export const statementEndpoint: Endpoint = {
  path: '/:id/statement',
  method: 'get',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const range = statementRangeOf(req)
    const statement = await inTransaction(req, (db) => customerStatement(db, req, customerId, range))
    return Response.json(statement)
  }),
}
