import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { dayOnly, storedDay, todayIn } from '@/domain/dates'
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
