import type { Endpoint } from 'payload'
import { Forbidden } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { inTransaction, sql } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { handler, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'

/**
 * DELETE /api/customers/:id — owners may delete customers, also those who still owe
 * (SPEC §5). The ledger is append-only, so a customer with bills or payments is moved to
 * the trash (hidden from lists, restorable in the admin, every ledger row kept); one
 * without any history is deleted for good.
 */
export const deleteCustomerEndpoint: Endpoint = {
  path: '/:id',
  method: 'delete',
  handler: handler(async (req) => {
    const user = requireUser(req)
    const id = parseWith(idParam, req.routeParams?.id)
    const result = await inTransaction(req, async (db) => {
      const customer = await lockCustomer(db, req, id, { field: 'id' })
      if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
      const { rows } = await db.execute(sql`
        SELECT EXISTS (SELECT 1 FROM invoices WHERE customer_id = ${id} AND status <> 'draft')
            OR EXISTS (SELECT 1 FROM transactions WHERE customer_id = ${id})
            OR EXISTS (SELECT 1 FROM advance_payments WHERE customer_id = ${id}) AS has_history`)
      if (rows[0]?.has_history) {
        await db.execute(sql`UPDATE customers SET deleted_at = now() WHERE id = ${id}`)
        return { customer, trashed: true }
      }
      await req.payload.delete({ collection: 'customers', id, req, user, overrideAccess: false })
      return { customer, trashed: false }
    })
    const { customer, trashed } = result
    return Response.json({
      doc: { id: customer.id, name: customer.name, phone: customer.phone, pendingBalance: customer.pendingBalance, advanceBalance: customer.advanceBalance },
      trashed,
      message: trashed
        ? 'Customer moved to the trash; their bills and payments stay in the ledger.'
        : 'Deleted successfully.',
    })
  }),
}
