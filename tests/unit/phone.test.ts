import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { normalizePhone, regionOfLocale } from '@/domain/phone'

describe('regionOfLocale — a store’s default phone region', () => {
  it.each([
    ['en-IN', 'IN'],
    ['hi-IN', 'IN'],
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['hi', 'IN'], // maximized: hi → hi-Deva-IN
    ['en', 'US'],
  ])('regionOfLocale(%j) = %j', (locale, region) => {
    expect(regionOfLocale(locale)).toBe(region)
  })

  it('is undefined for a tag that is not a locale', () => {
    expect(regionOfLocale('xx-!!')).toBeUndefined()
    expect(regionOfLocale('')).toBeUndefined()
  })
})

describe('normalizePhone — E.164, unique per store (SPEC §2 customers)', () => {
  it.each([
    ['98765 43210', '+919876543210'],
    ['+91 98765-43210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['9876543210', '+919876543210'],
    ['(+91) 98765 43210', '+919876543210'],
    ['  98765-43210  ', '+919876543210'],
  ])('normalizePhone(%j, IN) = %j', (input, expected) => {
    expect(normalizePhone(input, 'IN')).toBe(expected)
  })

  it.each([['12'], [''], ['   '], ['abc'], ['98765'], ['+91 12']])('rejects %j with null', (input) => {
    expect(normalizePhone(input, 'IN')).toBeNull()
  })

  it('uses the default region of the store (US numbers with US)', () => {
    expect(normalizePhone('(202) 555-0123', 'US')).toBe('+12025550123')
  })

  it('a national number without any region is not valid', () => {
    expect(normalizePhone('98765 43210')).toBeNull()
  })

  it('countryCode may be a region ("IN", any case) or a calling code ("+91" / "91")', () => {
    expect(normalizePhone('98765 43210', undefined, 'IN')).toBe('+919876543210')
    expect(normalizePhone('98765 43210', undefined, 'in')).toBe('+919876543210')
    expect(normalizePhone('98765 43210', undefined, '+91')).toBe('+919876543210')
    expect(normalizePhone('98765 43210', undefined, '91')).toBe('+919876543210')
    expect(normalizePhone('09876543210', undefined, '+91')).toBe('+919876543210')
    expect(normalizePhone('98765 43210', 'US', 'IN')).toBe('+919876543210')
  })

  it('an explicit +prefix in the number wins over the countryCode', () => {
    expect(normalizePhone('+91 98765 43210', 'US', '+1')).toBe('+919876543210')
  })

  it('property: any way of typing the same Indian number gives the same E.164 (or null for all)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[6-9]\d{9}$/), (digits) => {
        const expected = normalizePhone(digits, 'IN')
        if (expected !== null) expect(expected).toBe(`+91${digits}`)
        const variants = [
          `${digits.slice(0, 5)} ${digits.slice(5)}`,
          `${digits.slice(0, 5)}-${digits.slice(5)}`,
          `0${digits}`,
          `+91${digits}`,
          `+91 ${digits.slice(0, 5)} ${digits.slice(5)}`,
          ` ${digits} `,
        ]
        for (const variant of variants) expect(normalizePhone(variant, 'IN')).toBe(expected)
        expect(normalizePhone(digits, undefined, '+91')).toBe(expected)
        expect(normalizePhone(digits, undefined, 'IN')).toBe(expected)
      }),
      { numRuns: 200 },
    )
  })

  it('property: normalizing an E.164 result again is a no-op, whatever the default region', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[6-9]\d{9}$/), fc.constantFrom('IN', 'US', 'GB', undefined), (digits, region) => {
        const once = normalizePhone(digits, 'IN')
        if (once === null) return
        expect(normalizePhone(once, region as 'IN' | 'US' | 'GB' | undefined)).toBe(once)
      }),
      { numRuns: 200 },
    )
  })

  it('property: the result is null or E.164 (+ then 8–15 digits)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('IN', 'US', undefined), (input, region) => {
        const result = normalizePhone(input, region as 'IN' | 'US' | undefined)
        if (result !== null) expect(result).toMatch(/^\+[1-9]\d{7,14}$/)
      }),
      { numRuns: 300 },
    )
  })
})
