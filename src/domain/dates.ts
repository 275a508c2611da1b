/** yyyy-mm-dd of a date-ish value (Date, ISO string), or null. */
export function dayOnly(value: unknown): string | null {
  if (!value) return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10)
}

// Building an Intl formatter costs far more than using one (it was ~4 % of a checkout's CPU):
// keep one per time zone. A bad zone still throws, and is not kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** Today (yyyy-mm-dd) in a store's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  let format = dayFormats.get(timeZone)
  if (!format) {
    // en-CA formats dates as yyyy-mm-dd.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(now)
}

/** A date-only value stored the way every date field is: noon UTC of that day. */
export function storedDay(day: string): string {
  return `${day}T12:00:00.000Z`
}
