import type { Endpoint } from 'payload'
import { z } from 'zod'

import { ADVANCE_REFERENCE_TYPES } from '@/domain/ledgerKinds'
import { sql, toMinor } from '@/ledger/db'
import { handler, idempotencyKeyOf, jsonBody, parseWith, requireUser } from '@/lib/http'
import { givenReference, idParam, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { respond, runOnce } from '@/services/idempotency'
import { takeAdvance } from '@/services/takeAdvance'

const body = z.object({
  amount: minorUnits(),
  method: paymentMethod,
  referenceType: z.enum(ADVANCE_REFERENCE_TYPES).optional(),
  referenceId: shortText(64).nullish(),
  paymentReference: givenReference.nullish(),
  notes: shortText(2000).nullish(),
})

/** POST /api/customers/:id/advances — take a deposit: {advancePayment, advanceBalance}. */
export const takeAdvanceEndpoint: Endpoint = {
  path: '/:id/advances',
  method: 'post',
  handler: handler(async (req) => {
    requireUser(req)
    const customerId = parseWith(idParam, req.routeParams?.id)
    const request = await jsonBody(req)
    const input = parseWith(body, request)
    const outcome = await runOnce(req, { key: idempotencyKeyOf(req), operation: `advance:${customerId}`, request }, async (db) => {
      const result = await takeAdvance(db, req, { ...input, customerId })
      const { rows } = await db.execute(sql`
        SELECT id, customer_id, reference_type, reference_id, amount, method, payment_reference, status,
               utilized_amount, remaining_amount, transaction_id, created_at
          FROM advance_payments WHERE id = ${result.deposit.id}`)
      const row = rows[0]!
      return {
        status: 201,
        body: {
          advancePayment: {
            id: Number(row.id),
            customer: Number(row.customer_id),
            referenceType: row.reference_type,
            referenceId: row.reference_id,
            amount: toMinor(row.amount),
            method: row.method,
            paymentReference: row.payment_reference,
            status: row.status,
            utilizedAmount: toMinor(row.utilized_amount),
            remainingAmount: toMinor(row.remaining_amount),
            transaction: Number(row.transaction_id),
            reference: result.deposit.reference,
            createdAt: new Date(String(row.created_at)).toISOString(),
          },
          advanceBalance: result.advanceBalance,
          pendingBalance: result.pendingBalance,
        },
      }
    })
    return respond(outcome)
  }),
}
