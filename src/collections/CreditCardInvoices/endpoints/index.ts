import type { Endpoint } from 'payload'
import { z } from 'zod'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { inTransaction, sql } from '@/ledger/db'
import { refreshStatement } from '@/ledger/refresh'
import { handler, jsonBody, parseWith, requireOwner } from '@/lib/http'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { described } from '@/lib/openapi/describe'
import { idParam } from '@/lib/schemas'
import { cardSummary, closeStatement } from '@/services/cards'

/** GET /api/credit-card-invoices/summary[?store] — per card: open / closed counts, totals, amount due. */
const summary: Endpoint = described(
  {
    path: '/summary',
    method: 'get',
    handler: handler(async (req) => {
      requireOwner(req)
      const store = new URL(req.url ?? 'http://x').searchParams.get('store')
      const storeId = store === null ? null : parseWith(idParam, store)
      const cards = await inTransaction(req, (db) => cardSummary(db, storeId))
      return Response.json({ cards: cards.filter((row) => mayUseStore(req, row.card.store)) })
    }),
  },
  {
    summary: 'Per card: open and closed statement counts, totals and amount due (owner)',
    who: 'owner',
    query: z.object({ store: idParam.optional() }),
  },
)

const recalculateBody = z.object({ ids: z.array(idParam).min(1).max(500) })

/** POST /api/credit-card-invoices/recalculate {ids} — recompute statements from their transactions. */
const recalculate: Endpoint = described(
  {
    path: '/recalculate',
    method: 'post',
    handler: handler(async (req) => {
      requireOwner(req)
      const { ids } = parseWith(recalculateBody, await jsonBody(req))
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
  },
  {
    summary: 'Recompute statements from their transactions (owner) → {recalculated}',
    who: 'owner',
    body: recalculateBody,
    response: z.object({ recalculated: z.number().int() }),
  },
)

/** POST /api/credit-card-invoices/:id/close → {closed, next}; a closed statement is 409. */
const close = moneyEndpoint({
  path: '/:id/close',
  who: 'owner',
  operation: 'close-statement',
  summary: 'Close a card statement → {closed, next}; the next period opens in the same transaction (409 if already closed)',
  describe: { errors: { 409: 'The statement is already closed.' } },
  status: 200,
  body: z.object({}).passthrough(),
  run: (db, req, _input, statementId) => closeStatement(db, req, statementId),
})

export const statementEndpoints: Endpoint[] = [summary, recalculate, close]
