/**
 * Two kinds of dates live in Tally (SPEC §8), and every conversion between them is here:
 *
 * - a **calendar day** (an invoice's issue and due dates, a rental period, a statement's
 *   period, a payable's due date) is a day of the store's calendar. It is stored as noon UTC
 *   of that day and read back with `dayOnly`, so it is the same day in every zone;
 * - an **instant** (when money moved, when a bill was posted, a last visit) is a point in
 *   time. Its day is the store's day at that instant (`todayIn(timeZone, instant)`).
 *
 * A client that gives a ledger date as a bare day (`2026-12-01`) means that day in the
 * store: `instantForDay` turns it into the store's noon of that day.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** yyyy-mm-dd of a date-ish value (Date, ISO string), or null. */
export function dayOnly(value: unknown): string | null {
  if (!value) return null
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  const date = value instanceof Date ? value : new Date(String(value))
  return Number.isNaN(date.getTime()) ? null : utcDay(date.getTime())
}

/** yyyy-mm-dd of an instant on the UTC calendar — only for stored calendar days and day arithmetic. */
function utcDay(ms: number): string {
  const date = new Date(ms)
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`
}

// Building an Intl formatter costs far more than using one (it was ~4 % of a checkout's CPU):
// keep one per time zone. A bad zone still throws, and is not kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** Today (yyyy-mm-dd) in a store's time zone; or the store's day at `now`. */
export function todayIn(timeZone: string, now: Date | number = new Date()): string {
  let format = dayFormats.get(timeZone)
  if (!format) {
    // en-CA formats dates as yyyy-mm-dd.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  return format.format(now)
}

/** A calendar day stored the way every date-only field is: noon UTC of that day. */
export function storedDay(day: string): string {
  return `${day}T12:00:00.000Z`
}

/** A real yyyy-mm-dd calendar day (2026-02-30 is not one). */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && utcDay(Date.parse(`${value}T00:00:00Z`)) === value
}

/** Calendar arithmetic on yyyy-mm-dd days (no zone involved). */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000)
}

/** Whole days from `from` to `to` (both yyyy-mm-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    offsetFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(instant)
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value)
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000
}

/** The instant (ms) at which the wall-clock time `wall` (ISO without zone, read as UTC) happens in `timeZone`. */
function wallClockIn(wall: number, timeZone: string): number {
  const guess = wall - offsetAt(wall, timeZone)
  // Across a DST change the offset at the guess differs from the one at the wall time: once more.
  return wall - offsetAt(guess, timeZone)
}

/** The instant (ISO) at which `day` begins in `timeZone`. */
export function dayStartIn(day: string, timeZone: string): string {
  return new Date(wallClockIn(Date.parse(`${day}T00:00:00Z`), timeZone)).toISOString()
}

/**
 * The instant a ledger date stands for: a bare day means noon of that day in the store's
 * zone (so it is that day on every report, whatever the zone's offset); a full ISO instant
 * is kept as given.
 */
export function instantForDay(value: string, timeZone: string): string {
  if (DAY.test(value)) return new Date(wallClockIn(Date.parse(`${value}T12:00:00Z`), timeZone)).toISOString()
  return new Date(value).toISOString()
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

/** "yyyy-mm-dd hh:mm" of an instant on the store's clock — for exports a spreadsheet sorts. */
export function storeDateTime(instant: string | Date, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    dateTimeFormats.set(timeZone, format)
  }
  const part = Object.fromEntries(format.formatToParts(new Date(instant)).map(({ type, value }) => [type, value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`
}
