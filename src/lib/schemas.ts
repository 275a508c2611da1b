/** zod pieces shared by the endpoints: amounts in minor units, ids, methods. */
import { z } from 'zod'

import { isDay } from '@/domain/dates'
import { PAYMENT_METHODS } from '@/domain/ledgerKinds'
import { MAX_MINOR } from '@/domain/money'
import { looksNumbered } from '@/domain/references'
import { MAX_TAX_RATE } from '@/domain/tax'

const numberMessage = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be a number of minor units (${what}), not ${JSON.stringify(issue.input)}`),
})

/** What the API description says of every amount (GET /api/openapi.json). */
export const MINOR_UNITS = "Integer minor units of the store's currency: 60000 is ₹600.00 in an INR store"

/** An amount in an answer (API description only): integer minor units. */
export const amountOut = z.number().int().describe(MINOR_UNITS)

/** Integer minor units, > 0 (or ≥ 0 with allowZero), at most 10^12. */
export function minorUnits({ allowZero = false } = {}) {
  const base = z
    .number(numberMessage('e.g. 60000 for ₹600.00'))
    .int('must be a whole number of minor units (no fractions of a paisa / cent)')
    .max(MAX_MINOR, `cannot exceed ${MAX_MINOR} minor units`)
  return (allowZero ? base.min(0, 'cannot be negative') : base.positive('must be greater than 0')).describe(MINOR_UNITS)
}

export const id = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a numeric id') })
  .int()
  .positive()

/** Accepts 12 or "12": path ids arrive as strings. */
export const idParam = z.coerce
  .number({ error: () => 'must be a numeric id' })
  .int()
  .positive()

export const paymentMethod = z.enum(PAYMENT_METHODS, { error: () => `must be one of ${PAYMENT_METHODS.join(', ')}` })

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date like 2026-11-21')
  // JS Date rolls 2026-02-30 over to March: a bare day must be a real one.
  .refine((value) => (value.length === 10 ? isDay(value) : !Number.isNaN(new Date(value).getTime())), 'must be a real calendar date')

/** A tax rate in whole basis points: 1800 = 18 % (SPEC §12). */
export const taxRate = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : `must be whole basis points (1800 = 18 %), not ${JSON.stringify(issue.input)}`) })
  .int('must be whole basis points (1800 = 18 %, 250 = 2.5 %)')
  .min(0, 'cannot be negative')
  .max(MAX_TAX_RATE, `cannot exceed ${MAX_TAX_RATE} (100 %)`)

/** SAC (services) or HSN (goods): 4, 6 or 8 digits. */
export const sacCode = z
  .string({ error: () => 'must be text' })
  .trim()
  .regex(/^\d{4}(\d{2}(\d{2})?)?$/, 'must be a 4-, 6- or 8-digit SAC or HSN code, e.g. 999721')

export const shortText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)

/** A payment's reference as a person types it (UTR, cheque no.); PAY- numbers are Tally's own. */
export const givenReference = shortText(64).refine((value) => !looksNumbered(value), 'PAY- and EXP- references are numbered by Tally: leave it empty or use another')

/** A customer found (or created) by phone: POST /api/customers/resolve and a checkout's newCustomer. */
export const resolveBody = z.object({
  store: id,
  phone: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'is required')
    .max(32),
  countryCode: shortText(5).nullish(),
  name: shortText(120).nullish(),
  email: z.email('must be an email address').nullish(),
  gender: z.enum(['female', 'male', 'other']).nullish(),
  address: shortText(500).nullish(),
  notes: shortText(2000).nullish(),
  /** A business customer's GSTIN and place of supply (checked against the store's tax system). */
  gstin: shortText(20).nullish(),
  stateCode: shortText(10).nullish(),
})

/** Why a money operation is done (refund, write-off, credit note): required, kept on the ledger row. */
export const reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .trim()
  .min(1, 'is required (say why: it is kept on the ledger)')
  .max(300, 'must be at most 300 characters')

/** SPEC §9: `overrideCreditLimit: {reason}` — an owner lets an operation pass the customer's credit limit. */
export const creditOverride = z.object({ reason }, { error: () => 'must be an object like {"reason": "…"}' })
