import { RuleError } from '@/domain/errors'
import { isDay, todayIn } from '@/domain/dates'

/**
 * from/to (inclusive yyyy-mm-dd, store time zone). Defaults: to = today; from = the first
 * day of the month `months - 1` months before (12 → the last twelve calendar months).
 */
export function reportPeriod(timezone: string, from?: string | null, to?: string | null, months = 12): { from: string; to: string } {
  const end = to ?? todayIn(timezone)
  const [year, month] = end.split('-').map(Number) as [number, number]
  const first = year * 12 + (month - 1) - (months - 1)
  const start = from ?? `${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}-01`
  for (const [field, value] of [
    ['from', start],
    ['to', end],
  ] as const) {
    if (!isDay(value)) {
      throw new RuleError(`${field} must be a date like 2026-11-21`, field, 400)
    }
  }
  if (start > end) throw new RuleError('from must not be after to', 'from', 400)
  return { from: start, to: end }
}
