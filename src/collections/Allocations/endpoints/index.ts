import type { Endpoint } from 'payload'
import { z } from 'zod'

import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { unapplyAllocation } from '@/services/unapplyAllocation'

/** The corrections of allocations (owners): POST /api/allocations/:id/unapply. */
export const allocationEndpoints: Endpoint[] = [
  // {reason}: take a payment off an invoice (SPEC §9a).
  moneyEndpoint({
    path: '/:id/unapply',
    who: 'owner',
    operation: 'unapply',
    summary: 'Take a payment off an invoice with a reversing allocation (owner): the invoice is due again, the payment unmatched',
    body: z.object({
      reason: z
        .string({ error: () => 'is required' })
        .trim()
        .min(3, 'must say why (3+ characters)')
        .max(300, 'must be at most 300 characters'),
    }),
    run: (db, req, input, allocationId) => unapplyAllocation(db, req, allocationId, input.reason),
  }),
]
