import type { Endpoint } from 'payload'

import { statementRange, statementRangeOf } from '@/documents/statementQuery'
import { inTransaction } from '@/ledger/db'
import { handler, parseWith, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { customerStatement } from '@/services/customerStatement'

/** GET /api/customers/:id/statement?from&to — running balance for a period of store days, open invoices, aging. */
export const statementEndpoint: Endpoint = described(
  {
    path: '/:id/statement',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const customerId = parseWith(idParam, req.routeParams?.id)
      const range = statementRangeOf(req)
      const statement = await inTransaction(req, (db) => customerStatement(db, req, customerId, range))
      return Response.json(statement)
    }),
  },
  {
    summary: 'Statement of a period of store days: opening balance, lines with running balance, totals, closing balance, open invoices, aging',
    who: 'staff',
    query: statementRange,
  },
)
