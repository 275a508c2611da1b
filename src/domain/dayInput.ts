/**
 * Dates typed by staff in their store's locale (issue 13): en-IN writes 23/11/2026, en-US
 * 11/23/2026, de-DE 23.11.2026 — never whatever the browser's language happens to be.
 * Values travel as calendar days 'yyyy-mm-dd'.
 */
import { isValidDay } from './billingPeriods'

type Part = 'day' | 'month' | 'year'

const patterns = new Map<string, { order: Part[]; separator: string; placeholder: string }>()

/** The order and separator of a short date in `locale`, and a placeholder like "dd/mm/yyyy". */
export function dayPattern(locale: string) {
  let pattern = patterns.get(locale)
  if (!pattern) {
    const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 10, 23)))
    const order = parts.filter((part) => part.type === 'day' || part.type === 'month' || part.type === 'year').map((part) => part.type as Part)
    const separator = parts.find((part) => part.type === 'literal')?.value ?? '/'
    pattern = { order, separator, placeholder: order.map((part) => (part === 'day' ? 'dd' : part === 'month' ? 'mm' : 'yyyy')).join(separator) }
    patterns.set(locale, pattern)
  }
  return pattern
}

/** 'yyyy-mm-dd' → as the locale writes it ("23/11/2026"); '' for nothing or a bad day. */
export function formatDayInput(day: string | null | undefined, locale: string): string {
  if (!day || !isValidDay(day)) return ''
  const [year, month, date] = day.split('-') as [string, string, string]
  const { order, separator } = dayPattern(locale)
  return order.map((part) => (part === 'day' ? date : part === 'month' ? month : year)).join(separator)
}

/**
 * What was typed → 'yyyy-mm-dd', or null when it is not a real date in the locale's order.
 * Any of / . - or a space separates; a two-digit year is 20yy; an ISO day is accepted too.
 */
export function parseDayInput(text: string, locale: string): string | null {
  const trimmed = text.trim()
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return isValidDay(trimmed) ? trimmed : null
  const pieces = trimmed.split(/[\s./-]+/).filter(Boolean)
  const { order } = dayPattern(locale)
  if (pieces.length !== 3 || pieces.some((piece) => !/^\d{1,4}$/.test(piece))) return null
  const value = Object.fromEntries(order.map((part, index) => [part, pieces[index]!])) as Record<Part, string>
  const year = value.year.length === 2 ? `20${value.year}` : value.year
  if (year.length !== 4 || value.month.length > 2 || value.day.length > 2) return null
  const day = `${year}-${value.month.padStart(2, '0')}-${value.day.padStart(2, '0')}`
  return isValidDay(day) ? day : null
}
