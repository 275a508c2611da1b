import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addDays, dayOnly, daysBetween, dayStartIn, instantForDay, isDay, storeDateTime, storedDay, todayIn } from '@/domain/dates'
import { isCurrency, isLocale, isTimeZone } from '@/domain/locale'
import { insufficientAdvance, RuleError } from '@/domain/errors'

describe('dayOnly — yyyy-mm-dd of a date-ish value', () => {
  it('keeps the day of an ISO string as written (no time-zone shift)', () => {
    expect(dayOnly('2026-01-05')).toBe('2026-01-05')
    expect(dayOnly('2026-01-05T02:00:00+05:30')).toBe('2026-01-05') // 2026-01-04 in UTC
    expect(dayOnly('2026-01-05T12:00:00.000Z')).toBe('2026-01-05')
  })

  it('takes the UTC day of a Date', () => {
    expect(dayOnly(new Date('2026-01-05T23:00:00Z'))).toBe('2026-01-05')
  })

  it('is null for nothing or garbage', () => {
    expect(dayOnly(null)).toBeNull()
    expect(dayOnly(undefined)).toBeNull()
    expect(dayOnly('')).toBeNull()
    expect(dayOnly('garbage')).toBeNull()
    expect(dayOnly(new Date('nope'))).toBeNull()
  })
})

describe('storedDay / todayIn', () => {
  it('a date field is stored as noon UTC of its day', () => {
    expect(storedDay('2026-03-15')).toBe('2026-03-15T12:00:00.000Z')
  })

  it('today depends on the store’s time zone', () => {
    const now = new Date('2026-01-05T20:00:00Z')
    expect(todayIn('Asia/Kolkata', now)).toBe('2026-01-06') // 01:30 IST next day
    expect(todayIn('America/New_York', now)).toBe('2026-01-05')
    expect(todayIn('UTC', now)).toBe('2026-01-05')
  })

  const dateArb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true })

  it('property: storedDay round-trips through dayOnly, also as a Date (noon UTC never changes day)', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const day = date.toISOString().slice(0, 10)
        expect(dayOnly(storedDay(day))).toBe(day)
        expect(dayOnly(new Date(storedDay(day)))).toBe(day)
      }),
      { numRuns: 200 },
    )
  })

  it('property: todayIn is a yyyy-mm-dd within a day of the UTC day, and equal to it in UTC', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom('Asia/Kolkata', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'), (now, zone) => {
        const utcDay = now.toISOString().slice(0, 10)
        expect(todayIn('UTC', now)).toBe(utcDay)
        const local = todayIn(zone, now)
        expect(local).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        const diffDays = Math.abs(Date.parse(`${local}T00:00:00Z`) - Date.parse(`${utcDay}T00:00:00Z`)) / 86_400_000
        expect(diffDays).toBeLessThanOrEqual(1)
      }),
      { numRuns: 200 },
    )
  })
})

describe('instantForDay — a bare day given for a ledger date is that day in the store', () => {
  it('is noon on the store’s clock', () => {
    expect(instantForDay('2026-12-01', 'Asia/Kolkata')).toBe('2026-12-01T06:30:00.000Z')
    expect(instantForDay('2026-12-01', 'UTC')).toBe('2026-12-01T12:00:00.000Z')
    expect(instantForDay('2026-12-31', 'Pacific/Auckland')).toBe('2026-12-30T23:00:00.000Z') // NZDT, +13
  })

  it('follows daylight saving in New York: EDT (−4) before 1 Nov 2026, EST (−5) after, EDT again from 14 Mar 2027', () => {
    expect(instantForDay('2026-10-31', 'America/New_York')).toBe('2026-10-31T16:00:00.000Z')
    expect(instantForDay('2026-11-01', 'America/New_York')).toBe('2026-11-01T17:00:00.000Z')
    expect(instantForDay('2027-03-13', 'America/New_York')).toBe('2027-03-13T17:00:00.000Z')
    expect(instantForDay('2027-03-14', 'America/New_York')).toBe('2027-03-14T16:00:00.000Z')
  })

  it('keeps a full ISO instant as given', () => {
    expect(instantForDay('2026-11-20T10:00:00.000Z', 'Asia/Kolkata')).toBe('2026-11-20T10:00:00.000Z')
    expect(instantForDay('2026-11-20T10:00:00+05:30', 'Asia/Kolkata')).toBe('2026-11-20T04:30:00.000Z')
  })

  const zones = fc.constantFrom('Asia/Kolkata', 'America/New_York', 'Europe/London', 'Pacific/Auckland', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe')
  const days = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays('1990-01-01', n))

  it('property: the store’s day of instantForDay(day) is that day, in every zone and season', () => {
    fc.assert(
      fc.property(days, zones, (day, zone) => {
        expect(todayIn(zone, new Date(instantForDay(day, zone)))).toBe(day)
      }),
      { numRuns: 500 },
    )
  })

  it('property: dayStartIn(day) is the first instant of that day in the zone', () => {
    fc.assert(
      fc.property(days, zones, (day, zone) => {
        const start = Date.parse(dayStartIn(day, zone))
        expect(todayIn(zone, start)).toBe(day)
        expect(todayIn(zone, start - 1)).toBe(addDays(day, -1))
      }),
      { numRuns: 500 },
    )
  })
})

describe('calendar arithmetic and export times', () => {
  it('isDay accepts real days only', () => {
    expect(isDay('2028-02-29')).toBe(true)
    expect(isDay('2027-02-29')).toBe(false)
    expect(isDay('2026-13-01')).toBe(false)
    expect(isDay('2026-12-01T00:00:00Z')).toBe(false)
    expect(isDay(20261201)).toBe(false)
  })

  it('addDays and daysBetween cross months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(daysBetween('2026-10-31', '2026-12-01')).toBe(31)
    expect(daysBetween('2026-12-01', '2026-11-30')).toBe(-1)
  })

  it('storeDateTime shows an instant on the store’s clock', () => {
    expect(storeDateTime('2026-12-31T19:00:00.000Z', 'Asia/Kolkata')).toBe('2027-01-01 00:30')
    expect(storeDateTime('2026-11-01T06:30:00.000Z', 'America/New_York')).toBe('2026-11-01 01:30')
  })
})

describe('store settings validators', () => {
  it('isCurrency: ISO 4217 codes, upper case only', () => {
    expect(isCurrency('INR')).toBe(true)
    expect(isCurrency('USD')).toBe(true)
    expect(isCurrency('inr')).toBe(false)
    expect(isCurrency('ZZZ')).toBe(false)
    expect(isCurrency('RUPEE')).toBe(false)
  })

  it('isLocale: BCP 47 tags', () => {
    expect(isLocale('en-IN')).toBe(true)
    expect(isLocale('de')).toBe(true)
    expect(isLocale('not a locale!')).toBe(false)
    expect(isLocale('')).toBe(false)
  })

  it('isTimeZone: IANA zones', () => {
    expect(isTimeZone('Asia/Kolkata')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false)
  })
})

describe('RuleError — a broken rule names its field', () => {
  it('defaults to 422 and carries the field', () => {
    const error = new RuleError('bad', 'amount')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('RuleError')
    expect(error.message).toBe('bad')
    expect(error.field).toBe('amount')
    expect(error.status).toBe(422)
    expect(new RuleError('x', 'y', 400).status).toBe(400)
  })

  it('insufficientAdvance is "Insufficient advance balance" on useAdvance (422)', () => {
    const error = insufficientAdvance()
    expect(error).toBeInstanceOf(RuleError)
    expect(error.message).toBe('Insufficient advance balance')
    expect(error.field).toBe('useAdvance')
    expect(error.status).toBe(422)
  })
})
