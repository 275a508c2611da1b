/** yyyy-mm-dd of a date-ish value (Date, ISO string), or null. */
export function dayOnly(value: unknown): string | null {
  if (!value) return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10)
}

/** Today (yyyy-mm-dd) in a store's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats dates as yyyy-mm-dd.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** A date-only value stored the way every date field is: noon UTC of that day. */
export function storedDay(day: string): string {
  return `${day}T12:00:00.000Z`
}
