/**
 * Credit control (SPEC §9) for the operations that make a customer owe more: a checkout, an
 * invoice posted, a booking. Decided on the locked customer row, inside the operation's
 * transaction, so concurrent sales on one customer can never together pass the limit.
 */
import { APIError, type PayloadRequest } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { breaksCreditLimit, checkCreditLimit, type CreditOverride } from '@/domain/credit'
import type { Minor } from '@/domain/money'
import type { Db } from '@/ledger/db'
import { lockCustomer, type LockedCustomer } from '@/ledger/lock'

/** An override counts only from an owner or admin; a cashier asking for one is refused (403). */
export function ownerOverride(req: PayloadRequest, override: CreditOverride | null | undefined): CreditOverride | null {
  if (!override) return null
  if (req.user && !hasRole(req.user as AccessUser, 'admin', 'owner')) {
    throw new APIError('Only an owner can override the credit limit: ask an owner to complete this sale', 403, { field: 'overrideCreditLimit' }, true)
  }
  return override
}

/**
 * Refuses (422 `Credit limit exceeded`) an operation that takes the locked customer's pending
 * balance from `before` to `after` above its limit, unless an owner overrides it. Returns the
 * override's reason when it was needed (kept on what it allowed), else null.
 */
export function enforceCreditLimit(
  req: PayloadRequest,
  customer: Pick<LockedCustomer, 'creditLimit'>,
  before: Minor,
  after: Minor,
  override: CreditOverride | null | undefined,
): string | null {
  const allowed = ownerOverride(req, override)
  checkCreditLimit({ limit: customer.creditLimit, before, after, override: allowed })
  return allowed && breaksCreditLimit(customer.creditLimit, before, after) ? allowed.reason : null
}

/** A booking's services not covered by its advance, against the limit (the customer locked here). */
export async function checkBookingCredit(
  db: Db,
  req: PayloadRequest,
  input: { customerId: number; committed: Minor; override: CreditOverride | null },
): Promise<{ overrideReason: string | null }> {
  const customer = await lockCustomer(db, req, input.customerId)
  const before = customer.pendingBalance
  return { overrideReason: enforceCreditLimit(req, customer, before, before + input.committed, input.override) }
}
