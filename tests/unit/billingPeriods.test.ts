import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { type BillingPeriod, billingPeriodDays, dueDateFor, isValidDay, nextPeriod, periodContaining, periodEndInMonth, periodsBetween } from '@/domain/billingPeriods'

// An independent oracle on UTC Dates, so the module's integer calendar is checked against
// the platform's, not against itself.
const DAY_MS = 86_400_000
const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10)
const plusDays = (day: string, days: number): string => fromDayNumber(dayNumber(day) + days)
const lastDayOfMonth = (day: string): number => new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate()
const dayOfMonth = (day: string): number => Number(day.slice(8, 10))

const closingDayArb = fc.integer({ min: 1, max: 31 })
const dayArb = fc.integer({ min: dayNumber('1900-03-01'), max: dayNumber('2199-12-31') }).map(fromDayNumber)

describe('periodEndInMonth — the closing day, clamped to the month end', () => {
  it.each([
    [2027, 1, 31, '2027-01-31'],
    [2027, 2, 31, '2027-02-28'],
    [2028, 2, 31, '2028-02-29'],
    [2027, 4, 31, '2027-04-30'],
    [2027, 2, 30, '2027-02-28'],
    [2028, 2, 30, '2028-02-29'],
    [2100, 2, 29, '2100-02-28'],
    [2000, 2, 29, '2000-02-29'],
    [2027, 6, 15, '2027-06-15'],
    [2027, 12, 1, '2027-12-01'],
  ])('%i-%i with closingDay %i → %s', (year, month, closingDay, end) => {
    expect(periodEndInMonth(year, month, closingDay)).toBe(end)
  })
})

describe('month ends and leap years (SPEC §2: Jan 31 is followed by Feb 28/29, then Mar 31)', () => {
  it('closingDay 31 in a leap year: Jan 31 → Feb 29 2028 → Mar 31 → Apr 30', () => {
    const jan = periodContaining('2028-01-10', 31)
    expect(jan).toEqual({ startDate: '2028-01-01', endDate: '2028-01-31' })
    const feb = nextPeriod(jan, 31)
    expect(feb).toEqual({ startDate: '2028-02-01', endDate: '2028-02-29' })
    const mar = nextPeriod(feb, 31)
    expect(mar).toEqual({ startDate: '2028-03-01', endDate: '2028-03-31' })
    expect(nextPeriod(mar, 31)).toEqual({ startDate: '2028-04-01', endDate: '2028-04-30' })
    expect(billingPeriodDays(feb)).toBe(29)
  })

  it('closingDay 31 in a common year: Jan 31 → Feb 28 2027 → Mar 31 (the clamp uses closingDay, not the previous end)', () => {
    const feb = nextPeriod({ endDate: '2027-01-31' }, 31)
    expect(feb).toEqual({ startDate: '2027-02-01', endDate: '2027-02-28' })
    expect(billingPeriodDays(feb)).toBe(28)
    expect(nextPeriod(feb, 31)).toEqual({ startDate: '2027-03-01', endDate: '2027-03-31' })
  })

  it('closingDay 30 in February: Jan 30 → Feb 28 → Mar 30 (2027) and Feb 29 (2028)', () => {
    const feb27 = nextPeriod({ endDate: '2027-01-30' }, 30)
    expect(feb27).toEqual({ startDate: '2027-01-31', endDate: '2027-02-28' })
    expect(billingPeriodDays(feb27)).toBe(29)
    const mar27 = nextPeriod(feb27, 30)
    expect(mar27).toEqual({ startDate: '2027-03-01', endDate: '2027-03-30' })
    expect(billingPeriodDays(mar27)).toBe(30)

    expect(nextPeriod({ endDate: '2028-01-30' }, 30)).toEqual({ startDate: '2028-01-31', endDate: '2028-02-29' })
    expect(periodContaining('2027-02-28', 30)).toEqual(feb27)
    expect(periodContaining('2027-03-01', 30)).toEqual(mar27)
  })

  it('closingDay 15 in ordinary months: the 16th to the 15th', () => {
    expect(periodContaining('2027-05-15', 15)).toEqual({ startDate: '2027-04-16', endDate: '2027-05-15' })
    expect(periodContaining('2027-05-16', 15)).toEqual({ startDate: '2027-05-16', endDate: '2027-06-15' })
    expect(periodContaining('2027-05-01', 15)).toEqual({ startDate: '2027-04-16', endDate: '2027-05-15' })
    expect(billingPeriodDays({ startDate: '2027-04-16', endDate: '2027-05-15' })).toBe(30)
    expect(billingPeriodDays({ startDate: '2027-02-16', endDate: '2027-03-15' })).toBe(28)
  })

  it('December rolls over into January of the next year', () => {
    const dec = periodContaining('2027-12-20', 15)
    expect(dec).toEqual({ startDate: '2027-12-16', endDate: '2028-01-15' })
    expect(billingPeriodDays(dec)).toBe(31)
    expect(nextPeriod({ endDate: '2027-12-31' }, 31)).toEqual({ startDate: '2028-01-01', endDate: '2028-01-31' })
    expect(nextPeriod({ endDate: '2027-12-15' }, 15)).toEqual({ startDate: '2027-12-16', endDate: '2028-01-15' })
    expect(periodContaining('2028-01-03', 10)).toEqual({ startDate: '2027-12-11', endDate: '2028-01-10' })
  })

  it('periodsBetween lists every period overlapping the range, in order', () => {
    expect(periodsBetween('2027-12-20', '2028-03-01', 31)).toEqual([
      { startDate: '2027-12-01', endDate: '2027-12-31' },
      { startDate: '2028-01-01', endDate: '2028-01-31' },
      { startDate: '2028-02-01', endDate: '2028-02-29' },
      { startDate: '2028-03-01', endDate: '2028-03-31' },
    ])
    expect(periodsBetween('2027-03-10', '2027-03-10', 15)).toEqual([{ startDate: '2027-02-16', endDate: '2027-03-15' }])
    expect(periodsBetween('2027-03-15', '2027-03-16', 15)).toHaveLength(2)
  })

  it('a changed closingDay still continues without gap or overlap', () => {
    // The statement closed on the old closing day (10); the card now closes on the 20th.
    expect(nextPeriod({ endDate: '2027-03-10' }, 20)).toEqual({ startDate: '2027-03-11', endDate: '2027-04-20' })
    expect(nextPeriod({ endDate: '2027-03-20' }, 10)).toEqual({ startDate: '2027-03-21', endDate: '2027-04-10' })
  })
})

describe('dueDateFor — the first date after the statement end on the due day', () => {
  it.each([
    ['2027-01-31', 20, '2027-02-20'],
    ['2027-01-15', 5, '2027-02-05'],
    ['2027-01-15', 25, '2027-01-25'],
    ['2027-01-15', 15, '2027-02-15'],
    ['2027-01-31', 31, '2027-02-28'],
    ['2028-01-31', 30, '2028-02-29'],
    ['2027-02-28', 31, '2027-03-31'],
    ['2027-02-28', 30, '2027-03-30'],
    ['2027-04-29', 31, '2027-04-30'],
    ['2027-12-20', 10, '2028-01-10'],
  ])('end %s, dueDay %i → %s', (endDate, dueDay, due) => {
    expect(dueDateFor({ endDate }, dueDay)).toBe(due)
  })

  it('property: the due date is the first later day whose day-of-month is min(dueDay, month end)', () => {
    fc.assert(
      fc.property(dayArb, closingDayArb, (endDate, dueDay) => {
        const due = dueDateFor({ endDate }, dueDay)
        let expected = plusDays(endDate, 1)
        while (dayOfMonth(expected) !== Math.min(dueDay, lastDayOfMonth(expected))) expected = plusDays(expected, 1)
        expect(due).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('isValidDay — a real calendar day written yyyy-mm-dd', () => {
  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2027-12-31', true],
    ['2027-02-29', false],
    ['2100-02-29', false],
    ['2027-04-31', false],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2027-01-00', false],
    ['2027-1-01', false],
    ['27-01-01', false],
    ['2027-01-01T00:00:00Z', false],
    [' 2027-01-01', false],
    ['', false],
  ])('%j → %s', (date, valid) => {
    expect(isValidDay(date)).toBe(valid)
  })

  it('property: agrees with the UTC calendar for every day it formats', () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        expect(isValidDay(day)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('bad input is a RangeError with a clear message', () => {
  it.each([0, 32, -1, 1.5, Number.NaN])('closingDay %s', (closingDay) => {
    expect(() => periodContaining('2027-01-01', closingDay)).toThrow(RangeError)
    expect(() => periodContaining('2027-01-01', closingDay)).toThrow(/closingDay must be an integer from 1 to 31/)
    expect(() => nextPeriod({ endDate: '2027-01-31' }, closingDay)).toThrow(RangeError)
    expect(() => periodsBetween('2027-01-01', '2027-02-01', closingDay)).toThrow(RangeError)
    expect(() => periodEndInMonth(2027, 1, closingDay)).toThrow(RangeError)
    expect(() => dueDateFor({ endDate: '2027-01-31' }, closingDay)).toThrow(/dueDay must be an integer from 1 to 31/)
  })

  it('invalid dates', () => {
    expect(() => periodContaining('2027-02-29', 15)).toThrow(/Invalid date "2027-02-29"/)
    expect(() => periodContaining('2027/01/01', 15)).toThrow(RangeError)
    expect(() => nextPeriod({ endDate: '2027-04-31' }, 15)).toThrow(/Invalid endDate/)
    expect(() => periodsBetween('2027-01-01', 'soon', 15)).toThrow(/Invalid to/)
    expect(() => dueDateFor({ endDate: '' }, 5)).toThrow(RangeError)
    expect(() => billingPeriodDays({ startDate: '2027-01-01', endDate: '2027-02-30' })).toThrow(RangeError)
    expect(() => periodEndInMonth(2027, 13, 15)).toThrow(/month must be an integer from 1 to 12/)
  })

  it('reversed ranges', () => {
    expect(() => periodsBetween('2027-02-01', '2027-01-01', 15)).toThrow(/must be on or before/)
    expect(() => billingPeriodDays({ startDate: '2027-02-01', endDate: '2027-01-31' })).toThrow(/before startDate/)
  })
})

describe('properties of the period chain', () => {
  const expectClosingDate = (endDate: string, closingDay: number) => expect(dayOfMonth(endDate)).toBe(Math.min(closingDay, lastDayOfMonth(endDate)))

  it('property: 40 successive nextPeriods are contiguous, never overlap, last 28–31 days and end on the clamped closing day', () => {
    fc.assert(
      fc.property(closingDayArb, dayArb, (closingDay, date) => {
        let period: BillingPeriod = periodContaining(date, closingDay)
        expectClosingDate(period.endDate, closingDay)
        for (let i = 0; i < 40; i++) {
          const next = nextPeriod(period, closingDay)
          expect(next.startDate).toBe(plusDays(period.endDate, 1))
          expect(next.startDate > period.endDate).toBe(true)
          const days = billingPeriodDays(next)
          expect(days).toBe(dayNumber(next.endDate) - dayNumber(next.startDate) + 1)
          expect(days).toBeGreaterThanOrEqual(closingDay === 29 || closingDay === 30 ? 29 : 28)
          expect(days).toBeLessThanOrEqual(31)
          expectClosingDate(next.endDate, closingDay)
          period = next
        }
      }),
      { numRuns: 300 },
    )
  })

  it('the bounds are tight: 28..31 days, except closingDay 29 and 30 which never give 28 (Jan 29 → Feb 28 is 30 days)', () => {
    for (let closingDay = 1; closingDay <= 31; closingDay++) {
      const lengths = new Set<number>()
      for (const period of periodsBetween('2023-01-01', '2028-12-31', closingDay)) lengths.add(billingPeriodDays(period))
      const expected = closingDay === 29 || closingDay === 30 ? [29, 30, 31] : [28, 29, 30, 31]
      expect([...lengths].sort()).toEqual(expected)
    }
  })

  it('property: after a closingDay change the next period still starts the day after and ends on the new closing day', () => {
    fc.assert(
      fc.property(dayArb, closingDayArb, (endDate, closingDay) => {
        const next = nextPeriod({ endDate }, closingDay)
        expect(next.startDate).toBe(plusDays(endDate, 1))
        expect(billingPeriodDays(next)).toBeGreaterThanOrEqual(1)
        expectClosingDate(next.endDate, closingDay)
        expect(next.endDate.slice(0, 7)).toBe(plusDays(`${endDate.slice(0, 8)}01`, 31).slice(0, 7))
      }),
      { numRuns: 300 },
    )
  })

  it('property: every day of a 4-year range lies in exactly one period of periodsBetween, and periodContaining finds it', () => {
    fc.assert(
      fc.property(closingDayArb, dayArb, (closingDay, from) => {
        const to = plusDays(from, 4 * 365)
        const periods = periodsBetween(from, to, closingDay)
        expect(periods[0]!.startDate <= from).toBe(true)
        expect(periods.at(-1)!.endDate >= to).toBe(true)
        for (let i = 1; i < periods.length; i++) {
          expect(periods[i]!.startDate).toBe(plusDays(periods[i - 1]!.endDate, 1))
        }
        // Plain comparisons in the 1,461-day loop (expect() there costs seconds); one assertion after.
        const misplaced: string[] = []
        for (let n = dayNumber(from), last = dayNumber(to); n <= last; n++) {
          const day = fromDayNumber(n)
          const holding = periods.filter((p) => p.startDate <= day && day <= p.endDate)
          const found = periodContaining(day, closingDay)
          if (holding.length !== 1 || found.startDate !== holding[0]!.startDate || found.endDate !== holding[0]!.endDate) {
            misplaced.push(`${day}: in ${holding.length} periods, periodContaining → ${found.startDate}..${found.endDate}`)
          }
        }
        expect(misplaced).toEqual([])
      }),
      { numRuns: 60 },
    )
  })

  it('property: a period end is in its own period, and the next day starts the next one', () => {
    fc.assert(
      fc.property(closingDayArb, dayArb, (closingDay, date) => {
        const { endDate } = periodContaining(date, closingDay)
        expect(periodContaining(endDate, closingDay).endDate).toBe(endDate)
        const dayAfter = plusDays(endDate, 1)
        expect(periodContaining(dayAfter, closingDay).startDate).toBe(dayAfter)
        expect(periodContaining(dayAfter, closingDay)).toEqual(nextPeriod({ endDate }, closingDay))
      }),
      { numRuns: 500 },
    )
  })
})
