/**
 * Deposit expiry (SPEC §9): a store may say that deposits left unused for N months are
 * forfeited. A deposit taken on store day D can be used up to and including D + N months
 * (a month on from 31 January is 28/29 February); from the day after, it is expired.
 */
import { addDays } from './dates'

/** yyyy-mm-dd plus whole months, the day clamped to the target month's last (Jan 31 + 1 → Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12 + 1
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(Math.min(date, lastDay)).padStart(2, '0')}`
}

/** The last store day a deposit taken on `depositDay` can be used under an N-month policy. */
export function lastDayOfUse(depositDay: string, months: number): string {
  return addMonths(depositDay, months)
}

export function isExpired(depositDay: string, months: number, today: string): boolean {
  return lastDayOfUse(depositDay, months) < today
}

/**
 * The latest deposit day that is expired on `today`: deposits taken on or before it expire.
 * (lastDayOfUse never decreases with the deposit day, so the expired days are exactly those
 * up to one cut-off; SQL selects with it as a parameter and never restates the month rule.)
 */
export function expiryCutoff(today: string, months: number): string {
  let cutoff = addMonths(today, -months)
  while (!isExpired(cutoff, months, today)) cutoff = addDays(cutoff, -1)
  while (isExpired(addDays(cutoff, 1), months, today)) cutoff = addDays(cutoff, 1)
  return cutoff
}

/** A policy longer than ten years is a typing slip. */
export const MAX_EXPIRY_MONTHS = 120
