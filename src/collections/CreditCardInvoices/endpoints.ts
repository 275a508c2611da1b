import { Forbidden, type Endpoint, type PayloadRequest } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, idempotencyKeyOf, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'
import { closeStatement } from '@/services/cards'
import { inTransaction, sql, toMinor } from '@/services/db'
import { respond, runOnce } from '@/services/idempotency'
import { mayUseStore } from '@/services/ledger'

function requireOwner(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
  return user
}

/** POST /api/credit-card-invoices/:id/close → {closed, next}; a closed statement is 409. */
const close: Endpoint = {
  path: '/:id/close',
  method: 'post',
  handler: handler(async (req) => {
    requireOwner(req)
    const id = parseWith(idParam, req.routeParams?.id)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `close-statement:${id}`, request: {} }, async (db) => ({
      status: 200,
      body: await closeStatement(db, req, id),
    }))
    return respond(outcome)
  }),
}

/** GET /api/credit-card-invoices/summary[?store] — per card: open / closed counts, totals, amount due. */
const summary: Endpoint = {
  path: '/summary',
  method: 'get',
  handler: handler(async (req) => {
    const user = requireOwner(req)
    const store = new URL(req.url ?? 'http://x').searchParams.get('store')
    const storeId = store === null ? null : parseWith(idParam, store)
    const cards = await inTransaction(req, async (db) => {
      const { rows } = await db.execute(sql`
        SELECT c.id, c.store_id, c.name, c.last4, c.cardholder, c.active,
               count(s.id) FILTER (WHERE NOT s.is_closed) AS open_count,
               count(s.id) FILTER (WHERE s.is_closed) AS closed_count,
               coalesce(sum(s.total_amount) FILTER (WHERE NOT s.is_closed), 0) AS open_total,
               coalesce(sum(s.total_amount) FILTER (WHERE s.is_closed), 0) AS closed_total,
               coalesce(sum(s.amount_due) FILTER (WHERE s.is_closed), 0) AS amount_due,
               count(s.id) FILTER (WHERE s.status = 'overdue') AS overdue_count
          FROM credit_cards c LEFT JOIN credit_card_invoices s ON s.credit_card_id = c.id
         ${storeId === null ? sql`` : sql`WHERE c.store_id = ${storeId}`}
         GROUP BY c.id ORDER BY c.name, c.id`)
      return rows.filter((row) => mayUseStore(req, Number(row.store_id)))
    })
    void user
    return Response.json({
      cards: cards.map((row) => ({
        card: { id: Number(row.id), store: Number(row.store_id), name: row.name, last4: row.last4, cardholder: row.cardholder, active: Boolean(row.active) },
        open: { count: Number(row.open_count), totalAmount: toMinor(row.open_total) },
        closed: { count: Number(row.closed_count), totalAmount: toMinor(row.closed_total), amountDue: toMinor(row.amount_due), overdue: Number(row.overdue_count) },
      })),
    })
  }),
}

export const statementEndpoints: Endpoint[] = [summary, close]
