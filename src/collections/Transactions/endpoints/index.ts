import type { Endpoint } from 'payload'
import { z } from 'zod'

import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { id, minorUnits } from '@/lib/schemas'
import { matchPayment } from '@/services/matchPayment'
import { reverseTransaction } from '@/services/reverseTransaction'

/** The corrections of ledger rows (owners): POST /api/transactions/:id/match · /reverse. */
export const transactionEndpoints: Endpoint[] = [
  // Apply an unmatched payment to an invoice.
  moneyEndpoint({
    path: '/:id/match',
    who: 'owner',
    operation: 'match',
    summary: 'Apply an unmatched payment to an invoice (owner)',
    body: z.object({ invoice: id, amount: minorUnits().optional() }),
    run: (db, req, input, transactionId) => matchPayment(db, req, { transactionId, invoiceId: input.invoice, amount: input.amount }),
  }),
  // {reason}: the correction of a ledger row, by a reversing entry.
  moneyEndpoint({
    path: '/:id/reverse',
    who: 'owner',
    operation: 'reverse',
    summary: 'Correct a ledger row with a reversing entry (owner); a reversed payment is spent',
    body: z.object({
      reason: z
        .string({ error: () => 'is required' })
        .trim()
        .min(3, 'must say why (3+ characters)')
        .max(300),
    }),
    run: (db, req, input, transactionId) => reverseTransaction(db, req, transactionId, input.reason),
  }),
]
