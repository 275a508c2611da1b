import { z } from 'zod'

import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { amountOut, givenReference, isoDate, minorUnits, paymentMethod, shortText } from '@/lib/schemas'
import { collectPending } from '@/services/collectPending'

/** POST /api/customers/:id/collect — collect pending without a bill (SPEC §3.5). */
export const collectEndpoint = moneyEndpoint({
  path: '/:id/collect',
  who: 'staff',
  operation: 'collect',
  summary: 'Collect what the customer owes without a bill, oldest invoice first (more than pending is 422)',
  describe: {
    response: z.object({
      amountCollected: amountOut,
      previousBalance: amountOut,
      remainingBalance: amountOut,
      method: z.string(),
      reference: z.string().nullable().describe('PAY-000123, or the reference typed'),
      transaction: z.number().int().nullable(),
      collectedBy: z.object({ id: z.number().int(), name: z.string().nullable() }),
      collectedAt: z.string(),
      allocations: z.array(z.object({ invoice: z.number().int(), amount: amountOut })),
    }),
  },
  body: z.object({
    amount: minorUnits(),
    method: paymentMethod,
    reference: givenReference.nullish(),
    notes: shortText(2000).nullish(),
    date: isoDate.nullish(),
  }),
  run: async (db, req, input, customerId) => {
    const result = await collectPending(db, req, { ...input, customerId, customerField: 'customer' })
    return {
      amountCollected: result.amountCollected,
      previousBalance: result.previousBalance,
      remainingBalance: result.remainingBalance,
      method: input.method,
      reference: result.transaction?.reference ?? null,
      transaction: result.transaction?.id ?? null,
      collectedBy: { id: req.user!.id, name: (req.user as { name?: string }).name ?? null },
      collectedAt: result.transaction?.date ?? new Date().toISOString(),
      allocations: result.allocations,
    }
  },
})
