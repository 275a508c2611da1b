/**
 * Credit control and pay-later terms (SPEC §9), pure: how much more a customer may owe, when
 * an operation is refused for it, and when a bill left with money due falls due.
 */
import { addDays } from './dates'
import { RuleError } from './errors'
import type { Minor } from './money'

/** A customer's limit: null = no limit, 0 = cash only. */
export type CreditLimit = Minor | null

/** What the customer may still owe before the limit; null when there is no limit. */
export function availableCredit(limit: CreditLimit, pendingBalance: Minor): Minor | null {
  if (limit === null) return null
  return Math.max(0, limit - pendingBalance)
}

/**
 * Whether an operation that moves pendingBalance from `before` to `after` breaks the limit.
 * Only growth is refused: a customer already above a lowered limit may still pay down, or
 * buy while paying off more than the new bill leaves due.
 */
export function breaksCreditLimit(limit: CreditLimit, before: Minor, after: Minor): boolean {
  return limit !== null && after > limit && after > before
}

/** 422 `Credit limit exceeded`, naming the field and what the customer may still owe. */
export function creditLimitExceeded(limit: Minor, available: Minor, requested: Minor): RuleError {
  return new RuleError('Credit limit exceeded', 'creditLimit', 422, { available, creditLimit: limit, requested })
}

/** An owner's permission to go above the limit, with the reason kept on what it allowed. */
export interface CreditOverride {
  reason: string
}

/**
 * The credit rule as one call: throws creditLimitExceeded when the operation would take the
 * customer above the limit and no override is given. `override` is only passed when an owner
 * (or admin) asked for it; the callers check who asks.
 */
export function checkCreditLimit(input: { limit: CreditLimit; before: Minor; after: Minor; override?: CreditOverride | null }): void {
  if (!breaksCreditLimit(input.limit, input.before, input.after) || input.override) return
  throw creditLimitExceeded(input.limit!, availableCredit(input.limit, input.before)!, input.after - input.before)
}

/** The terms that apply to a customer: its own, else the store's (0 = due the same day). */
export function creditTermsFor(customerTermsDays: number | null | undefined, storeTermsDays: number | null | undefined): number {
  return customerTermsDays ?? storeTermsDays ?? 0
}

/** A bill left with money due is due `termsDays` store calendar days after its issue day. */
export function billDueDay(issueDay: string, termsDays: number): string {
  return addDays(issueDay, termsDays)
}

/** Terms are whole days, at most a year (a longer one is a typing slip). */
export const MAX_TERMS_DAYS = 365
