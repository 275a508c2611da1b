import type { Endpoint } from 'payload'
import { z } from 'zod'

import { storeIdsOf, hasRole, type AccessUser } from '@/access/roles'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { id, minorUnits, paymentMethod, reason } from '@/lib/schemas'
import { expireStoreDeposits, storesWithExpiryPolicy } from '@/services/expireDeposits'
import { refundAdvance } from '@/services/refundAdvance'

/** Deposits after the sale (owners): POST /api/advance-payments/:id/refund · /expire (SPEC §9). */
export const advancePaymentEndpoints: Endpoint[] = [
  moneyEndpoint({
    path: '/:id/refund',
    who: 'owner',
    operation: 'advance-refund',
    summary: "Refund part or all of a deposit's remaining amount in money (RFD-000001); a reason is required",
    body: z
      .object({ amount: minorUnits(), method: paymentMethod, reason })
      .refine((value) => value.method !== 'wallet', { path: ['method'], message: 'a refund is paid out in money (cash, UPI, bank transfer…), not to the wallet' }),
    run: (db, req, input, depositId) => refundAdvance(db, req, { depositId, ...input }),
  }),
  // Runs the expiry policy now (it also runs daily on the jobs queue): the given store, else
  // every store of the requester that has a policy; one transaction.
  moneyEndpoint({
    path: '/expire',
    who: 'owner',
    operation: 'advance-expire',
    summary: "Forfeit deposits left unused longer than the store's advanceExpiryMonths, now (the daily job does the same)",
    status: 200,
    body: z.object({ store: id.optional() }).strict(),
    run: async (db, req, input) => {
      if (input.store !== undefined && !mayUseStore(req, input.store)) throw notFound('store')
      const user = req.user as AccessUser
      const scope = input.store !== undefined ? [input.store] : hasRole(user, 'admin') ? undefined : storeIdsOf(user)
      const expired = []
      for (const store of await storesWithExpiryPolicy(db, scope)) expired.push(...(await expireStoreDeposits(db, req, store)))
      return { expired: expired.map((deposit) => ({ id: deposit.id, amount: deposit.amount, customer: deposit.customer })) }
    },
  }),
]
