/**
 * Calendar days (yyyy-mm-dd) in a store's time zone ↔ instants, for filters on timestamp
 * fields through the Payload API (the reports do the same in SQL with AT TIME ZONE).
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/

export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000
}

/** The instant (ISO) at which `day` begins in `timeZone`. */
export function dayStartIn(day: string, timeZone: string): string {
  const wall = Date.parse(`${day}T00:00:00Z`)
  let instant = wall - offsetAt(wall, timeZone)
  // Across a DST change the offset at the guess differs from the one at midnight: once more.
  instant = wall - offsetAt(instant, timeZone)
  return new Date(instant).toISOString()
}
