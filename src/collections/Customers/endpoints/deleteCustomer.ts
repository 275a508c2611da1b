import type { Endpoint } from 'payload'
import { z } from 'zod'

import { inTransaction } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { handler, parseWith, requireOwner, requireUser } from '@/lib/http'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { removeCustomer } from '@/services/removeCustomer'

/**
 * DELETE /api/customers/:id — owners may delete customers, also those who still owe (SPEC
 * §5); one with ledger history goes to the trash (services/removeCustomer: the same rule
 * guards Payload's other delete routes).
 */
export const deleteCustomerEndpoint: Endpoint = described(
  {
    path: '/:id',
    method: 'delete',
    handler: handler(async (req) => {
      requireUser(req)
      const id = parseWith(idParam, req.routeParams?.id)
      const { customer, trashed } = await inTransaction(req, async (db) => {
        // Another store's customer is 404 before a cashier's 403: the scope check comes first.
        const customer = await lockCustomer(db, req, id, { field: 'id' })
        requireOwner(req)
        return { customer, trashed: await removeCustomer(db, req, id) }
      })
      return Response.json({
        doc: { id: customer.id, name: customer.name, phone: customer.phone, pendingBalance: customer.pendingBalance, advanceBalance: customer.advanceBalance },
        trashed,
        message: trashed ? 'Customer moved to the trash; their bills and payments stay in the ledger.' : 'Deleted successfully.',
      })
    }),
  },
  {
    summary: 'Delete a customer (owner); one with ledger history goes to the trash and their bills and payments stay',
    who: 'owner',
    response: z.object({
      doc: z.object({ id: z.number(), name: z.string(), phone: z.string(), pendingBalance: z.number().int(), advanceBalance: z.number().int() }),
      trashed: z.boolean(),
      message: z.string(),
    }),
  },
)
