import { Forbidden, type Endpoint, type PayloadRequest } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { handler, idempotencyKeyOf, parseWith, requireUser } from '@/lib/http'
import { idParam } from '@/lib/schemas'
import { cardSummary, closeStatement } from '@/services/cards'
import { inTransaction } from '@/services/db'
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
    const cards = await inTransaction(req, (db) => cardSummary(db, storeId))
    void user
    return Response.json({ cards: cards.filter((row) => mayUseStore(req, row.card.store)) })
  }),
}

export const statementEndpoints: Endpoint[] = [summary, close]
