import { z } from 'zod'

import { ADVANCE_REFERENCE_TYPES } from '@/domain/ledgerKinds'
import { sql, toMinor } from '@/ledger/db'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { amountOut, givenReference, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { takeAdvance } from '@/services/takeAdvance'

/** POST /api/customers/:id/advances — take a deposit: {advancePayment, advanceBalance}. */
export const takeAdvanceEndpoint = moneyEndpoint({
  path: '/:id/advances',
  who: 'staff',
  operation: 'advance',
  summary: 'Take a deposit (advance) from the customer → {advancePayment, advanceBalance, pendingBalance}',
  describe: {
    response: z.object({
      advancePayment: z.object({
        id: z.number().int(),
        customer: z.number().int(),
        referenceType: z.string().nullable(),
        referenceId: z.string().nullable(),
        amount: amountOut,
        method: z.string(),
        paymentReference: z.string().nullable(),
        status: z.string(),
        utilizedAmount: amountOut,
        remainingAmount: amountOut,
        transaction: z.number().int(),
        reference: z.string().nullable(),
        createdAt: z.string(),
      }),
      advanceBalance: amountOut,
      pendingBalance: amountOut,
    }),
  },
  body: z.object({
    amount: minorUnits(),
    method: paymentMethod,
    referenceType: z.enum(ADVANCE_REFERENCE_TYPES).optional(),
    referenceId: shortText(64).nullish(),
    paymentReference: givenReference.nullish(),
    notes: shortText(2000).nullish(),
  }),
  run: async (db, req, input, customerId) => {
    const result = await takeAdvance(db, req, { ...input, customerId })
    const { rows } = await db.execute(sql`
      SELECT id, customer_id, reference_type, reference_id, amount, method, payment_reference, status,
             utilized_amount, remaining_amount, transaction_id, created_at
        FROM advance_payments WHERE id = ${result.deposit.id}`)
    const row = rows[0]!
    return {
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
    }
  },
})
