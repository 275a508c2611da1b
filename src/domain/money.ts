/**
 * Money is an integer number of minor units (paise, cents) everywhere. Anything that can
 * produce fractions goes through decimal.js with explicit half-up rounding.
 */
import Decimal from 'decimal.js'

export type Minor = number

/** Largest amount accepted anywhere: 10^12 minor units. */
export const MAX_MINOR = 1_000_000_000_000

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

export function isMinor(value: unknown): value is Minor {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_MINOR
}

export function assertMinor(value: number, what = 'amount'): Minor {
  if (!isMinor(value)) throw new RangeError(`${what} must be a whole number of minor units between 0 and ${MAX_MINOR}, got ${value}`)
  return value
}

// Intl formatters are costly to build and cheap to use: one per currency (and locale),
// built on first use. An unknown currency or locale still throws, and nothing is kept.
function memo<T>(build: (key: string) => T): (key: string) => T {
  const built = new Map<string, T>()
  return (key) => {
    let value = built.get(key)
    if (value === undefined) {
      value = build(key)
      built.set(key, value)
    }
    return value
  }
}

const digitsOf = memo((currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2)

/** Digits after the decimal point of a currency (INR 2, JPY 0, BHD 3). */
export function currencyDigits(currency: string): number {
  return digitsOf(currency)
}

/**
 * Parses what a person types ("600", "600.5", "1,200.00", "₹ 1,200") into minor units.
 * Rejects anything that is not a plain non-negative number or has more decimals than the
 * currency has minor units. Returns null for bad input (callers name the field).
 */
export function parseAmount(input: string, currency = 'INR'): Minor | null {
  const symbol = currencySymbol(currency)
  const text = input.trim()
  // A leading currency symbol or code ("₹", "Rs.", "INR", "$") may precede the number.
  const prefixes = [symbol, currency, ...(currency === 'INR' ? ['Rs.', 'Rs'] : [])]
  const prefix = prefixes.find((candidate) => candidate && text.toUpperCase().startsWith(candidate.toUpperCase()))
  const number = (prefix ? text.slice(prefix.length) : text).trim()
  // Plain digits, or digits grouped with commas (1,200 · 1,00,000); never commas elsewhere.
  if (!/^(\d+|\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})(\.\d+)?$/.test(number)) return null
  const cleaned = number.replace(/,/g, '')
  const digits = currencyDigits(currency)
  const [, fraction = ''] = cleaned.split('.')
  if (fraction.length > digits) return null
  const minor = new D(cleaned).times(new D(10).pow(digits))
  if (!minor.isInteger() || minor.greaterThan(MAX_MINOR)) return null
  return minor.toNumber()
}

const currencySymbol = memo((currency) => {
  const part = new Intl.NumberFormat('en', { style: 'currency', currency }).formatToParts(0).find((item) => item.type === 'currency')
  return part?.value ?? currency
})

const moneyFormat = memo((key) => {
  const [locale, currency] = key.split('|') as [string, string]
  const digits = currencyDigits(currency)
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
})

/** The one formatter: 60000 INR in en-IN → "₹600.00". */
export function formatMoney(minor: Minor, currency: string, locale: string): string {
  const digits = currencyDigits(currency)
  const major = new D(minor).dividedBy(new D(10).pow(digits)).toFixed(digits)
  return moneyFormat(`${locale}|${currency}`).format(
    major as unknown as number, // Intl accepts decimal strings exactly (no float round trip)
  )
}

/** quantity × unit price, half-up to minor units (quantity may be fractional, e.g. hours). */
export function lineTotal(quantity: number | string, unitPrice: Minor): Minor {
  return new D(quantity).times(unitPrice).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

/** percent (e.g. 12.5) of an amount, half-up to minor units. */
export function percentOf(amount: Minor, percent: number | string): Minor {
  return new D(amount).times(percent).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

/**
 * Splits `total` in proportion to `weights` (whole minor units) so the parts add up exactly
 * to the total (largest remainder; ties go to the earlier part). Like dinero.js's allocate.
 * Integer arithmetic throughout: each part's exact share is ⌊total·w/S⌋ and the remainder
 * (total·w mod S) ranks it for the leftover units, so equal remainders are equal whatever
 * the size of the part (a decimal quotient rounds a large part's fraction sooner).
 */
export function allocateProportionally(total: Minor, weights: number[]): Minor[] {
  if (weights.length === 0) return []
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n)
  if (sum <= 0n) {
    const parts = weights.map(() => 0)
    parts[0] = total
    return parts
  }
  const whole = BigInt(total)
  const shares = weights.map((weight, index) => ({ index, base: (whole * BigInt(weight)) / sum, rest: (whole * BigInt(weight)) % sum }))
  const parts = shares.map((share) => Number(share.base))
  let remainder = total - parts.reduce((acc, part) => acc + part, 0)
  const order = [...shares].sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1))
  for (let i = 0; remainder > 0; i = (i + 1) % order.length, remainder--) parts[order[i]!.index]! += 1
  return parts
}

export function sum(values: Minor[]): Minor {
  return values.reduce((acc, value) => acc + value, 0)
}

/** Minor units as a plain decimal string for an input box: 60050 INR → "600.50". */
export function toAmountInput(minor: Minor, currency = 'INR'): string {
  const digits = currencyDigits(currency)
  return new D(minor).dividedBy(new D(10).pow(digits)).toFixed(digits)
}
