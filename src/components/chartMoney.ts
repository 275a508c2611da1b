import { formatMoney, toAmountInput } from '@/domain/money'

/**
 * Money on chart axes: short ("₹1.2L", "$3.4K"). Minor units go to Intl as an exact decimal
 * string (as formatMoney does), never through a float division.
 */
export function compactMoney(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(toAmountInput(minor, currency) as unknown as number)
}

/** Chart values are integers of minor units; recharts may hand back numbers or strings. */
export function tooltipMoney(value: unknown, currency: string, locale: string): string {
  const minor = typeof value === 'number' ? value : Number(value)
  return Number.isSafeInteger(minor) ? formatMoney(minor, currency, locale) : String(value)
}
