import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addDays } from '@/domain/dates'
import { addMonths, expiryCutoff, isExpired, lastDayOfUse } from '@/domain/expiry'

const day = fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))

describe('deposit expiry (SPEC §9, stores.advanceExpiryMonths)', () => {
  it('months are calendar months, clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15')
    expect(addMonths('2026-05-10', -17)).toBe('2024-12-10')
  })

  it('a deposit of 15 Jan on a 3-month policy is usable on 15 Apr and expired on 16 Apr', () => {
    expect(lastDayOfUse('2026-01-15', 3)).toBe('2026-04-15')
    expect(isExpired('2026-01-15', 3, '2026-04-15')).toBe(false)
    expect(isExpired('2026-01-15', 3, '2026-04-16')).toBe(true)
  })

  it('the cut-off on 1 March (1-month policy) is 31 January: 29–31 January all end on 28 February', () => {
    expect(expiryCutoff('2026-03-01', 1)).toBe('2026-01-31')
    expect(expiryCutoff('2026-02-28', 1)).toBe('2026-01-27')
    expect(expiryCutoff('2026-04-16', 3)).toBe('2026-01-15')
  })

  it('property: a deposit is expired exactly when its day is on or before the cut-off', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 36 }), fc.integer({ min: -1200, max: 0 }), (today, months, offset) => {
        const deposit = addDays(today, offset)
        expect(isExpired(deposit, months, today)).toBe(deposit <= expiryCutoff(today, months))
      }),
      { numRuns: 2000 },
    )
  })
})
