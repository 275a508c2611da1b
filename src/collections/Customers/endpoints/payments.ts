import type { Endpoint } from 'payload'
import { z } from 'zod'

import { inTransaction } from '@/ledger/db'
import { handler, parseWith, requireUser } from '@/lib/http'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { described } from '@/lib/openapi/describe'
import { givenReference, idParam, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { collectPending } from '@/services/collectPending'
import { customerPayments } from '@/services/customerPayments'

/** GET /api/customers/:id/payments — money received from the customer, newest first, with allocations. */
export const listPaymentsEndpoint: Endpoint = described(
  {
    path: '/:id/payments',
    method: 'get',
    handler: handler(async (req) => {
      requireUser(req)
      const customerId = parseWith(idParam, req.routeParams?.id)
      const payments = await inTransaction(req, (db) => customerPayments(db, req, customerId))
      return Response.json({ docs: payments, totalDocs: payments.length })
    }),
  },
  {
    summary: 'Money received from the customer, newest first, each with its allocations → {docs, totalDocs}',
    who: 'staff',
  },
)

/** POST /api/customers/:id/payments — a payment for the client, allocated oldest first. */
export const recordPaymentEndpoint = moneyEndpoint({
  path: '/:id/payments',
  who: 'staff',
  operation: 'payment',
  summary: "Record a client's payment, allocated oldest invoice first; keepExcessAsAdvance keeps an overpayment as a deposit",
  body: z.object({
    amount: minorUnits(),
    method: paymentMethod,
    reference: givenReference.nullish(),
    notes: shortText(2000).nullish(),
    date: isoDate.nullish(),
    keepExcessAsAdvance: z.boolean().optional(),
  }),
  run: async (db, req, input, customerId) => {
    const result = await collectPending(db, req, { ...input, customerId, customerField: 'customer' })
    return {
      transaction: result.transaction,
      amount: input.amount,
      allocations: result.allocations,
      keptAsAdvance: result.keptAsAdvance?.amount ?? 0,
      customer: { id: customerId, pendingBalance: result.remainingBalance, advanceBalance: result.advanceBalance },
    }
  },
})
