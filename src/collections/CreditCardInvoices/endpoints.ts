import { Forbidden, type Endpoint, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { hasRole, type AccessUser } from '@/access/roles'
import { notFound } from '@/domain/errors'
import { inTransaction, sql } from '@/ledger/db'
import { refreshStatement } from '@/ledger/refresh'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'
import { cardSummary, closeStatement } from '@/services/cards'
import { respond, runOnce } from '@/services/idempotency'

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
    requireOwner(req)
    const store = new URL(req.url ?? 'http://x').searchParams.get('store')
    const storeId = store === null ? null : parseWith(idParam, store)
    const cards = await inTransaction(req, (db) => cardSummary(db, storeId))
    return Response.json({ cards: cards.filter((row) => mayUseStore(req, row.card.store)) })
  }),
}

/** POST /api/credit-card-invoices/recalculate {ids} — recompute statements from their transactions. */
const recalculate: Endpoint = {
  path: '/recalculate',
  method: 'post',
  handler: handler(async (req) => {
    requireOwner(req)
    const { ids } = parseWith(z.object({ ids: z.array(idParam).min(1).max(500) }), await jsonBody(req))
    const recalculated = await inTransaction(req, async (db) => {
      let count = 0
      for (const id of ids) {
        const { rows } = await db.execute(sql`SELECT store_id FROM credit_card_invoices WHERE id = ${id}`)
        if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('ids')
        await refreshStatement(db, id)
        count += 1
      }
      return count
    })
    return Response.json({ recalculated })
  }),
}

export const statementEndpoints: Endpoint[] = [summary, recalculate, close]
