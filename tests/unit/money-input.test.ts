import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { MAX_MINOR, parseAmount, toAmountInput } from '@/domain/money'

describe('toAmountInput — minor units as a plain decimal for an input box', () => {
  it.each([
    [60050, 'INR', '600.50'],
    [60000, 'INR', '600.00'],
    [1, 'INR', '0.01'],
    [0, 'INR', '0.00'],
    [MAX_MINOR, 'INR', '10000000000.00'],
    [600, 'JPY', '600'],
    [1234, 'BHD', '1.234'],
  ])('toAmountInput(%d, %s) = %j', (minor, currency, expected) => {
    expect(toAmountInput(minor, currency)).toBe(expected)
  })

  it('defaults to INR', () => {
    expect(toAmountInput(60050)).toBe('600.50')
  })

  it('property: parseAmount(toAmountInput(n)) = n for every amount 0..10^12 (INR, JPY, BHD)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), fc.constantFrom('INR', 'JPY', 'BHD', 'USD'), (minor, currency) => {
        expect(parseAmount(toAmountInput(minor, currency), currency)).toBe(minor)
      }),
      { numRuns: 300 },
    )
  })
})
