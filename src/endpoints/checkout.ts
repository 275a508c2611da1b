import Decimal from 'decimal.js'
import { z } from 'zod'

import { invoiceBoundErrors } from '@/domain/invoice'
import { moneyEndpoint } from '@/lib/moneyEndpoint'
import { creditOverride, givenReference, id, minorUnits, paymentMethod, resolveBody, sacCode, shortText, taxRate } from '@/lib/schemas'
import { approveComplimentary } from '@/services/approveComplimentary'
import { checkout } from '@/services/checkout'

const body = z
  .object({
    store: id,
    customer: id.optional(),
    newCustomer: resolveBody.omit({ store: true }).optional(),
    items: z
      .array(
        z
          .object({
            // A catalogue `service` fills the name and price when they are not given (SPEC §12).
            service: id.nullish(),
            description: z
              .string({ error: () => 'must be text' })
              .trim()
              .min(1, 'is required')
              .max(200)
              .optional(),
            quantity: z
              .number({ error: () => 'must be a number' })
              .positive('must be greater than 0')
              .max(1_000_000)
              // Counted on the number as written (2.006 × 1000 is 2005.9999… in floating point).
              .refine((value) => new Decimal(value).decimalPlaces() <= 3, 'may have at most 3 decimals')
              .default(1),
            unitPrice: minorUnits({ allowZero: true }).optional(),
            taxRate: taxRate.nullish(),
            sac: sacCode.nullish(),
          })
          .superRefine((item, ctx) => {
            if (item.service != null) return
            if (item.description === undefined) ctx.addIssue({ code: 'custom', path: ['description'], message: 'is required (or name a catalogue service)' })
            if (item.unitPrice === undefined) ctx.addIssue({ code: 'custom', path: ['unitPrice'], message: 'is required (or name a catalogue service)' })
          }),
        { error: () => 'must be a list of items' },
      )
      .min(1, 'must have at least one item')
      .max(200),
    discount: minorUnits({ allowZero: true }).default(0),
    complimentary: z.boolean().default(false),
    complimentaryReason: shortText(300).nullish(),
    approval: z.object({ email: z.string().trim().max(200), password: z.string().max(200) }).optional(),
    payments: z
      .array(z.object({ method: paymentMethod, amount: minorUnits(), reference: givenReference.nullish(), tendered: minorUnits().nullish() }))
      .max(10)
      .default([]),
    useAdvance: minorUnits({ allowZero: true }).default(0),
    keepExcessAsAdvance: z.boolean().default(false),
    overrideCreditLimit: creditOverride.optional(),
    notes: shortText(2000).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.customer === undefined && value.newCustomer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['customer'], message: 'is required (or give newCustomer with a phone)' })
    }
    if (value.customer !== undefined && value.newCustomer !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['newCustomer'], message: 'give either customer or newCustomer, not both' })
    }
    for (const error of invoiceBoundErrors(value.items)) {
      ctx.addIssue({ code: 'custom', path: error.path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key)), message: error.message })
    }
    value.payments.forEach((payment, index) => {
      if (payment.method === 'wallet') {
        ctx.addIssue({ code: 'custom', path: ['payments', index, 'method'], message: 'wallet is paid through useAdvance' })
      }
      if (payment.tendered !== undefined && payment.tendered !== null) {
        if (payment.method !== 'cash') ctx.addIssue({ code: 'custom', path: ['payments', index, 'tendered'], message: 'only cash is tendered' })
        else if (payment.tendered < payment.amount) ctx.addIssue({ code: 'custom', path: ['payments', index, 'tendered'], message: 'must be at least the amount' })
      }
    })
    if (value.complimentary && (value.payments.length > 0 || value.useAdvance > 0)) {
      ctx.addIssue({ code: 'custom', path: ['complimentary'], message: 'a complimentary bill takes no payment' })
    }
    if (value.complimentary && !value.complimentaryReason) {
      ctx.addIssue({ code: 'custom', path: ['complimentaryReason'], message: 'is required for a complimentary bill (family, VIP, compensation…)' })
    }
  })

/** POST /api/pos/checkout — one atomic checkout (SPEC §3 rules 1–4, 6; §4). */
export const checkoutEndpoint = moneyEndpoint({
  path: '/pos/checkout',
  who: 'staff',
  operation: 'checkout',
  summary: 'One atomic POS checkout: the bill, its payments, advance used or kept, change due, and the receipt text',
  body,
  // An owner's sign-in approving a complimentary bill is checked first, outside the transaction …
  prepare: async (req, { approval, ...input }) => ({
    ...input,
    complimentaryApprovedBy: input.complimentary ? await approveComplimentary(req, input.store, approval) : null,
  }),
  // … and its password never reaches the idempotency record.
  remember: (request) => {
    const approval = (request as { approval?: { email?: unknown } }).approval
    return approval ? { ...(request as object), approval: { email: approval.email } } : request
  },
  run: (db, req, input) => checkout(db, req, input),
})
