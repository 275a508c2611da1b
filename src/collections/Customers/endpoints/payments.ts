import type { Endpoint } from 'payload'
import { z } from 'zod'

import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { idParam, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { collectPending } from '@/services/collectPending'
import { inTransaction, sql, toMinor } from '@/services/db'
import { respond, runOnce } from '@/services/idempotency'
import { lockCustomer } from '@/services/ledger'

const body = z.object({
  amount: minorUnits(),
  method: paymentMethod,
  reference: shortText(64).nullish(),
  notes: shortText(2000).nullish(),
  date: isoDate.nullish(),
  keepExcessAsAdvance: z.boolean().optional(),
})

/** GET /api/customers/:id/payments — money received from the customer, newest first, with allocations. */
const listPayments: Endpoint = {
  path: '/:id/payments',
  method: 'get',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const payments = await inTransaction(req, async (db) => {
      await lockCustomer(db, req, customerId, { lock: false }) // scope check (404 for other stores)
      const { rows } = await db.execute(sql`
        SELECT t.id, t.date, t.kind, t.amount, t.method, t.reference, t.notes,
               coalesce(json_agg(json_build_object('invoice', a.invoice_id, 'number', i.number, 'amount', a.amount) ORDER BY a.id)
                        FILTER (WHERE a.id IS NOT NULL), '[]') AS allocations
          FROM transactions t
          LEFT JOIN allocations a ON a.transaction_id = t.id
          LEFT JOIN invoices i ON i.id = a.invoice_id
         WHERE t.customer_id = ${customerId} AND t.type = 'income'
         GROUP BY t.id ORDER BY t.date DESC, t.id DESC LIMIT 500`)
      return rows.map((row) => {
        const allocations = (row.allocations as { invoice: number; number: string; amount: number | string }[]).map((allocation) => ({
          ...allocation,
          amount: toMinor(allocation.amount),
        }))
        const amount = toMinor(row.amount)
        const allocated = allocations.reduce((total, allocation) => total + allocation.amount, 0)
        return {
          id: Number(row.id),
          date: new Date(String(row.date)).toISOString(),
          kind: row.kind,
          amount,
          method: row.method,
          reference: row.reference,
          notes: row.notes,
          allocations,
          unmatched: row.kind === 'payment' ? amount - allocated : 0,
        }
      })
    })
    return Response.json({ docs: payments, totalDocs: payments.length })
  }),
}

/** POST /api/customers/:id/payments — a payment for the client, allocated oldest first. */
const recordPayment: Endpoint = {
  path: '/:id/payments',
  method: 'post',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `payment:${customerId}`, request }, async (db) => {
      const result = await collectPending(db, req, { ...input, customerId })
      return {
        status: 201,
        body: {
          transaction: result.transaction,
          amount: input.amount,
          allocations: result.allocations,
          keptAsAdvance: result.keptAsAdvance?.amount ?? 0,
          customer: { id: customerId, pendingBalance: result.remainingBalance, advanceBalance: result.advanceBalance },
        },
      }
    })
    return respond(outcome)
  }),
}

export const paymentsEndpoints = [listPayments, recordPayment]
