import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { availableCredit, billDueDay, breaksCreditLimit, checkCreditLimit, creditTermsFor } from '@/domain/credit'
import { RuleError } from '@/domain/errors'

describe('credit limit (SPEC §9: empty = no limit, 0 = cash only)', () => {
  it('available credit is the limit less what is owed, never negative; none without a limit', () => {
    expect(availableCredit(100000, 60000)).toBe(40000)
    expect(availableCredit(100000, 150000)).toBe(0)
    expect(availableCredit(0, 0)).toBe(0)
    expect(availableCredit(null, 999999)).toBeNull()
  })

  it('a bill that takes pending from 60000 to 110000 breaks a 100000 limit; to exactly 100000 does not', () => {
    expect(breaksCreditLimit(100000, 60000, 110000)).toBe(true)
    expect(breaksCreditLimit(100000, 60000, 100000)).toBe(false)
  })

  it('cash only (0): any pending breaks it, a fully paid bill does not', () => {
    expect(breaksCreditLimit(0, 0, 1)).toBe(true)
    expect(breaksCreditLimit(0, 0, 0)).toBe(false)
  })

  it('a customer above a lowered limit may pay down, and may not add to the debt', () => {
    expect(breaksCreditLimit(50000, 80000, 70000)).toBe(false)
    expect(breaksCreditLimit(50000, 80000, 80000)).toBe(false)
    expect(breaksCreditLimit(50000, 80000, 80001)).toBe(true)
  })

  it('the refusal is 422 "Credit limit exceeded" naming creditLimit and the available amount; an override lets it pass', () => {
    let thrown: unknown
    try {
      checkCreditLimit({ limit: 100000, before: 60000, after: 110000 })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RuleError)
    expect(thrown).toMatchObject({ message: 'Credit limit exceeded', field: 'creditLimit', status: 422, details: { available: 40000, creditLimit: 100000, requested: 50000 } })
    expect(() => checkCreditLimit({ limit: 100000, before: 60000, after: 110000, override: { reason: 'regular, pays monthly' } })).not.toThrow()
  })

  it('property: after any allowed operation pending ≤ limit, or pending did not grow', () => {
    fc.assert(
      fc.property(fc.option(fc.nat(1_000_000), { nil: null }), fc.nat(1_000_000), fc.nat(1_000_000), (limit, before, after) => {
        if (!breaksCreditLimit(limit, before, after)) expect(limit === null || after <= limit || after <= before).toBe(true)
        else expect(after - before).toBeGreaterThan(availableCredit(limit, before)!)
      }),
    )
  })
})

describe('pay-later terms (SPEC §9)', () => {
  it("the customer's terms override the store's; none at all is 0 (due the same day)", () => {
    expect(creditTermsFor(15, 7)).toBe(15)
    expect(creditTermsFor(0, 7)).toBe(0)
    expect(creditTermsFor(null, 7)).toBe(7)
    expect(creditTermsFor(null, null)).toBe(0)
  })

  it('a bill issued 2026-12-20 on 15-day terms is due 2027-01-04; on 0 days the same day', () => {
    expect(billDueDay('2026-12-20', 15)).toBe('2027-01-04')
    expect(billDueDay('2026-12-20', 0)).toBe('2026-12-20')
    expect(billDueDay('2028-02-28', 1)).toBe('2028-02-29')
  })
})
