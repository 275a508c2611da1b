import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { allocateProportionally, assertMinor, currencyDigits, formatMoney, isMinor, lineTotal, MAX_MINOR, parseAmount, percentOf, sum } from '@/domain/money'

const MAX = BigInt(MAX_MINOR)

/** The plain decimal string of an INR amount in paise, built without floats: 60050 → "600.50". */
function plainInr(minor: number): string {
  const whole = Math.floor(minor / 100)
  const fraction = minor % 100
  return `${whole}.${String(fraction).padStart(2, '0')}`
}

/** Half-up rounding of numerator / denominator for non-negative BigInts. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator)
}

describe('SPEC §1 — amounts are integers of minor units', () => {
  it('isMinor accepts only safe integers in [0, 10^12]', () => {
    expect(isMinor(0)).toBe(true)
    expect(isMinor(60000)).toBe(true)
    expect(isMinor(MAX_MINOR)).toBe(true)
    expect(isMinor(MAX_MINOR + 1)).toBe(false)
    expect(isMinor(-1)).toBe(false)
    expect(isMinor(0.5)).toBe(false)
    expect(isMinor(Number.NaN)).toBe(false)
    expect(isMinor(Number.POSITIVE_INFINITY)).toBe(false)
    expect(isMinor('600')).toBe(false)
    expect(isMinor(null)).toBe(false)
  })

  it('MAX_MINOR is 10^12', () => {
    expect(MAX_MINOR).toBe(10 ** 12)
  })

  it('assertMinor returns good values and throws RangeError naming the field for bad ones', () => {
    expect(assertMinor(60000)).toBe(60000)
    expect(() => assertMinor(-5, 'discount')).toThrow(RangeError)
    expect(() => assertMinor(-5, 'discount')).toThrow(/discount/)
    expect(() => assertMinor(1.5)).toThrow(/amount/)
    expect(() => assertMinor(MAX_MINOR + 1)).toThrow(RangeError)
  })

  it('property: isMinor is true exactly for integers 0..10^12', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), fc.double()), (value) => {
        const expected = Number.isInteger(value) && value >= 0 && value <= MAX_MINOR
        expect(isMinor(value)).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('sum adds minor units', () => {
    expect(sum([])).toBe(0)
    expect(sum([50000, 30000, 1])).toBe(80001)
  })

  it('currencyDigits follows ISO 4217 minor units (INR 2, JPY 0, BHD 3)', () => {
    expect(currencyDigits('INR')).toBe(2)
    expect(currencyDigits('USD')).toBe(2)
    expect(currencyDigits('JPY')).toBe(0)
    expect(currencyDigits('BHD')).toBe(3)
  })
})

describe('parseAmount — SPEC §1 parsing of user input', () => {
  it.each([
    ['600', 60000],
    ['600.5', 60050],
    ['600.50', 60050],
    ['1,200.00', 120000],
    ['₹ 1,200', 120000],
    ['  600  ', 60000],
    ['0', 0],
    ['0.01', 1],
    ['10000000000', MAX_MINOR],
    ['10,000,000,000.00', MAX_MINOR],
  ])('parses %j as %d paise (INR)', (input, expected) => {
    expect(parseAmount(input)).toBe(expected)
    expect(parseAmount(input, 'INR')).toBe(expected)
  })

  it.each([
    ['-5', 'negative'],
    ['-0.01', 'negative'],
    ['₹-5', 'negative after a symbol'],
    ['abc', 'not a number'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['1e5', 'exponent notation'],
    ['1.234', 'a fraction of a paisa'],
    ['600.505', 'a fraction of a paisa'],
    ['1.2.3', 'two decimal points'],
    ['5abc', 'trailing junk'],
    ['10000000000.01', 'above 10^12 minor units'],
    ['10000000001', 'above 10^12 minor units'],
    ['99999999999999999999999999', 'far above 10^12 minor units'],
  ])('rejects %j (%s) with null', (input) => {
    expect(parseAmount(input)).toBeNull()
  })

  it('uses the currency’s minor units: JPY has none, BHD has three', () => {
    expect(parseAmount('600', 'JPY')).toBe(600)
    expect(parseAmount('600.5', 'JPY')).toBeNull()
    expect(parseAmount('1.234', 'BHD')).toBe(1234)
    expect(parseAmount('1.2345', 'BHD')).toBeNull()
  })

  it('property: the plain decimal string of any 0..10^12 paise parses back to the same integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), (minor) => {
        expect(parseAmount(plainInr(minor), 'INR')).toBe(minor)
      }),
      { numRuns: 300 },
    )
  })

  it('property: formatMoney output (₹ and Indian grouping) parses back to the same integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), (minor) => {
        expect(parseAmount(formatMoney(minor, 'INR', 'en-IN'), 'INR')).toBe(minor)
        expect(parseAmount(formatMoney(minor, 'USD', 'en-US'), 'USD')).toBe(minor)
      }),
      { numRuns: 200 },
    )
  })

  it('property: amounts above 10^12 minor units are rejected', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MAX + 1n, max: 10n ** 18n }), (minor) => {
        const text = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`
        expect(parseAmount(text)).toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it('property: a negative amount is never accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_MINOR }), (minor) => {
        expect(parseAmount(`-${plainInr(minor)}`)).toBeNull()
        expect(parseAmount(`-${Math.floor(minor / 100)}`)).toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it('property: more decimals than the currency has (with a non-zero last digit) are rejected', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 ** 9 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: 99 }), (whole, last, middle) => {
        expect(parseAmount(`${whole}.${String(middle).padStart(2, '0')}${last}`, 'INR')).toBeNull()
      }),
      { numRuns: 200 },
    )
  })

  it('property: a string without any digit is never an amount', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }).filter((text) => !/\d/.test(text)),
        (text) => {
          expect(parseAmount(text)).toBeNull()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('property: whatever the input, the result is null or a valid minor amount', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^[-+₹$ ,.0-9]{0,16}$/)), (text) => {
        const result = parseAmount(text)
        if (result !== null) expect(isMinor(result)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('formatMoney — SPEC §1 the one formatter', () => {
  it('formats 60000 INR in en-IN as ₹600.00', () => {
    expect(formatMoney(60000, 'INR', 'en-IN')).toBe('₹600.00')
  })

  it.each([
    [0, '₹0.00'],
    [1, '₹0.01'],
    [60050, '₹600.50'],
    [120000, '₹1,200.00'],
    [123456789, '₹12,34,567.89'],
    [999999999999, '₹9,99,99,99,999.99'],
    [MAX_MINOR, '₹10,00,00,00,000.00'],
  ])('formats %d paise as %s (Indian grouping, exact for large values)', (minor, expected) => {
    expect(formatMoney(minor, 'INR', 'en-IN')).toBe(expected)
  })

  it('respects currency digits and locale', () => {
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56')
    expect(formatMoney(600, 'JPY', 'en-US')).toBe('¥600')
    expect(formatMoney(1234, 'BHD', 'en-US').replace(/\s/g, ' ')).toBe('BHD 1.234')
    expect(formatMoney(123456, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('1.234,56 €')
  })

  it('property: INR output is ₹, grouped digits, and exactly the two paise digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), (minor) => {
        const text = formatMoney(minor, 'INR', 'en-IN')
        expect(text).toMatch(/^₹(?:\d{1,2},(?:\d{2},)*\d{3}|\d{1,3})\.\d{2}$/)
        expect(text.replace(/[₹,]/g, '')).toBe(plainInr(minor))
      }),
      { numRuns: 300 },
    )
  })
})

describe('lineTotal — quantity × unit price, half-up to minor units', () => {
  it.each([
    [2.5, 3, 8], // 7.5 → 8
    [0.333, 100, 33], // 33.3 → 33
    [1.005, 100, 101], // 100.5 → 101 (no float error: 1.005 * 100 = 100.49999… in floats)
    [1.15, 10, 12], // 11.5 → 12
    [1.5, 1, 2],
    [2, 25000, 50000],
    [0, 99999, 0],
    ['2.5', 3, 8],
    ['0.335', 100, 34],
  ])('lineTotal(%j, %d) = %d', (quantity, unitPrice, expected) => {
    expect(lineTotal(quantity, unitPrice)).toBe(expected)
  })

  it('property: an integer equal to the half-up rounding of the exact product (quantities with ≤ 3 decimals)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), fc.boolean(), (quantityThousandths, unitPrice, asString) => {
        const quantityText = `${Math.floor(quantityThousandths / 1000)}.${String(quantityThousandths % 1000).padStart(3, '0')}`
        const quantity = asString ? quantityText : quantityThousandths / 1000
        const result = lineTotal(quantity, unitPrice)
        expect(Number.isInteger(result)).toBe(true)
        expect(BigInt(result)).toBe(roundHalfUp(BigInt(quantityThousandths) * BigInt(unitPrice), 1000n))
      }),
      { numRuns: 300 },
    )
  })

  it('property: integer quantities give the exact product', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.nat({ max: 1_000_000_000 }), (quantity, unitPrice) => {
        expect(lineTotal(quantity, unitPrice)).toBe(quantity * unitPrice)
      }),
      { numRuns: 200 },
    )
  })
})

describe('percentOf — percent discounts and tax, half-up to minor units', () => {
  it.each([
    [1000, 12.5, 125],
    [1, 50, 1], // 0.5 → 1
    [3, 50, 2], // 1.5 → 2
    [101, 50, 51], // 50.5 → 51
    [100, 0.4, 0], // 0.4 → 0
    [60000, 18, 10800],
    [99999, 33.33, 33330], // 33329.6667 → 33330
    [60000, '12.5', 7500],
    [60000, 100, 60000],
    [60000, 0, 0],
  ])('percentOf(%d, %j) = %d', (amount, percent, expected) => {
    expect(percentOf(amount, percent)).toBe(expected)
  })

  it('property: equals the half-up rounding of amount × percent / 100 (percents with ≤ 2 decimals)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), fc.nat({ max: 10_000 }), (amount, percentHundredths) => {
        const percent = `${Math.floor(percentHundredths / 100)}.${String(percentHundredths % 100).padStart(2, '0')}`
        const result = percentOf(amount, percent)
        expect(Number.isInteger(result)).toBe(true)
        expect(BigInt(result)).toBe(roundHalfUp(BigInt(amount) * BigInt(percentHundredths), 10_000n))
      }),
      { numRuns: 300 },
    )
  })
})

describe('allocateProportionally — a split adds up exactly to its whole', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]], // tie: the earlier part gets the extra unit
    [2, [1, 1, 1], [1, 1, 0]],
    [1, [1, 1], [1, 0]],
    [1, [1, 3], [0, 1]], // 0.25 / 0.75: the larger remainder wins
    [100, [70, 30], [70, 30]],
    [1000, [1, 2, 3, 4], [100, 200, 300, 400]],
    [10, [3, 0, 7], [3, 0, 7]],
    [5, [0, 0], [5, 0]], // no weight: everything to the first part
    [0, [1, 2], [0, 0]],
    // 4/3, 1/3, 1/3: equal remainders (1/3 each), so the earlier part takes the unit — a
    // decimal quotient rounded 1.333… sooner than 0.333… and gave it to the second (issue 17).
    [2, [4, 1, 1], [2, 0, 0]],
    [1_000_001, [3_000_001, 1, 1], [1_000_001, 0, 0]],
  ])('allocateProportionally(%d, %j) = %j', (total, weights, expected) => {
    expect(allocateProportionally(total, weights)).toEqual(expected)
  })

  it('returns no parts for no weights', () => {
    expect(allocateProportionally(500, [])).toEqual([])
  })

  const weightsArb = fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 8 })

  it('property: parts sum exactly to the total, are integers ≥ 0, and are within 1 of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), weightsArb, (total, weights) => {
        const parts = allocateProportionally(total, weights)
        expect(parts).toHaveLength(weights.length)
        expect(sum(parts)).toBe(total)
        const weightSum = BigInt(sum(weights))
        parts.forEach((part, index) => {
          expect(Number.isInteger(part)).toBe(true)
          expect(part).toBeGreaterThanOrEqual(0)
          if (weightSum > 0n) {
            // |part − total·w/S| < 1  ⇔  |part·S − total·w| < S
            const diff = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[index]!)
            expect(diff < weightSum && -diff < weightSum).toBe(true)
          }
        })
      }),
      { numRuns: 300 },
    )
  })

  it('property: a zero weight gets nothing when some weight is positive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_MINOR }),
        weightsArb.filter((weights) => sum(weights) > 0),
        (total, weights) => {
          const parts = allocateProportionally(total, weights)
          weights.forEach((weight, index) => {
            if (weight === 0) expect(parts[index]).toBe(0)
          })
        },
      ),
      { numRuns: 200 },
    )
  })

  it('property: equal weights give parts that differ by at most 1, extra units to the earlier parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MINOR }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 }), (total, count, weight) => {
        const parts = allocateProportionally(
          total,
          Array.from({ length: count }, () => weight),
        )
        const base = Math.floor(total / count)
        const extra = total % count
        expect(parts).toEqual(Array.from({ length: count }, (_, index) => base + (index < extra ? 1 : 0)))
      }),
      { numRuns: 200 },
    )
  })
})

describe('parseAmount refuses text that is not a number (SPEC §1)', () => {
  it.each(['abc5', 'NaN5', 'e5', 'x1,200', '5 5', '1,2,3', '12,34', '₹', 'Rs'])('%j → null', (input) => {
    expect(parseAmount(input)).toBeNull()
  })

  it.each([
    ['₹ 1,200', 120_000],
    ['Rs. 500', 50_000],
    ['INR 5', 500],
    ['1,00,000', 10_000_000],
  ])('a leading currency symbol or Indian grouping is fine: %j → %i', (input, minor) => {
    expect(parseAmount(input)).toBe(minor)
  })
})
