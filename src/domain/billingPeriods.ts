/**
 * Credit-card billing periods (statements), SPEC §2 `credit-card-invoices` and §3 rule 8.
 *
 * A period ends on the card's closing day of a month, clamped to the month's last day
 * (closingDay 31 → Jan 31, Feb 28/29, Mar 31, Apr 30), and starts the day after the
 * previous period's end, so periods are contiguous and never overlap.
 *
 * Dates are calendar days 'yyyy-mm-dd'. The arithmetic is on integers (days since
 * 1970-01-01, proleptic Gregorian), never on JS Dates, so no time zone can shift a day.
 */

export type BillingPeriod = { startDate: string; endDate: string }

type Ymd = { year: number; month: number; day: number }

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function parseDay(date: string, what = 'date'): Ymd {
  const match = typeof date === 'string' ? DAY_PATTERN.exec(date) : null
  if (match) {
    const year = Number(match[1])
    const month = Number(match[2])
    const day = Number(match[3])
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day }
  }
  throw new RangeError(`Invalid ${what} ${JSON.stringify(date)}: expected a calendar day yyyy-mm-dd`)
}

function formatDay({ year, month, day }: Ymd): string {
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year} is not within 0000-9999`)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// Howard Hinnant's days_from_civil / civil_from_days.
function toDayNumber({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function fromDayNumber(dayNumber: number): Ymd {
  const z = dayNumber + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day }
}

/** The calendar day `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return formatDay(fromDayNumber(toDayNumber(parseDay(date)) + days))
}

function shiftMonth(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by
  return { year: Math.floor(index / 12), month: (index % 12) + 1 }
}

function assertDayOfMonth(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1 || value > 31) {
    throw new RangeError(`${name} must be an integer from 1 to 31, got ${value}`)
  }
}

/** The day of `month` that a monthly day-of-month lands on: `day`, or the month's last day. */
function clampedDay(year: number, month: number, day: number): Ymd {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) }
}

/** True for a real calendar day written yyyy-mm-dd (2028-02-29 yes, 2027-02-29 no). */
export function isValidDay(date: string): boolean {
  try {
    parseDay(date)
    return true
  } catch {
    return false
  }
}

/** The closing date of a card in a month (1–12): its closingDay, clamped to the month's end. */
export function periodEndInMonth(year: number, month: number, closingDay: number): string {
  assertDayOfMonth(closingDay, 'closingDay')
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new RangeError(`year must be an integer from 0 to 9999, got ${year}`)
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be an integer from 1 to 12, got ${month}`)
  return formatDay(clampedDay(year, month, closingDay))
}

/** The billing period whose [startDate, endDate] (inclusive) contains `date`. */
export function periodContaining(date: string, closingDay: number): BillingPeriod {
  assertDayOfMonth(closingDay, 'closingDay')
  const { year, month, day } = parseDay(date)
  const closingThisMonth = clampedDay(year, month, closingDay)
  // On or before this month's closing date → the period ending this month; else next month's.
  const endMonth = day <= closingThisMonth.day ? { year, month } : shiftMonth(year, month, 1)
  const startMonth = shiftMonth(endMonth.year, endMonth.month, -1)
  return {
    startDate: addDays(periodEndInMonth(startMonth.year, startMonth.month, closingDay), 1),
    endDate: periodEndInMonth(endMonth.year, endMonth.month, closingDay),
  }
}

/**
 * The period right after `period`: it starts the day after its end and ends on the
 * closing date of the following month. The clamp uses closingDay, not the previous end's
 * day, so with closingDay 31, Jan 31 → Feb 28/29 → Mar 31. If the card's closingDay was
 * changed, the next period still starts the day after the old end (no gap, no overlap)
 * and ends on the new closing day of the following month.
 */
export function nextPeriod(period: { endDate: string }, closingDay: number): BillingPeriod {
  assertDayOfMonth(closingDay, 'closingDay')
  const end = parseDay(period.endDate, 'endDate')
  const following = shiftMonth(end.year, end.month, 1)
  return {
    startDate: addDays(period.endDate, 1),
    endDate: periodEndInMonth(following.year, following.month, closingDay),
  }
}

/** Every billing period overlapping [from, to] (inclusive), oldest first. */
export function periodsBetween(from: string, to: string, closingDay: number): BillingPeriod[] {
  assertDayOfMonth(closingDay, 'closingDay')
  parseDay(from, 'from')
  parseDay(to, 'to')
  if (from > to) throw new RangeError(`from (${from}) must be on or before to (${to})`)
  const periods = [periodContaining(from, closingDay)]
  // yyyy-mm-dd strings compare like the dates they name.
  for (let last = periods[0]!; last.endDate < to;) {
    last = nextPeriod(last, closingDay)
    periods.push(last)
  }
  return periods
}

/** The number of days in a period, both ends included. */
export function billingPeriodDays(period: BillingPeriod): number {
  const start = toDayNumber(parseDay(period.startDate, 'startDate'))
  const end = toDayNumber(parseDay(period.endDate, 'endDate'))
  if (end < start) throw new RangeError(`endDate (${period.endDate}) is before startDate (${period.startDate})`)
  return end - start + 1
}

/**
 * The payment due date of a statement: the first date after its end whose day of month
 * is dueDay (clamped to the month's end). End Jan 31, dueDay 20 → Feb 20;
 * end Jan 15, dueDay 25 → Jan 25; end Jan 15, dueDay 5 → Feb 5.
 */
export function dueDateFor(period: { endDate: string }, dueDay: number): string {
  assertDayOfMonth(dueDay, 'dueDay')
  const end = parseDay(period.endDate, 'endDate')
  const sameMonth = clampedDay(end.year, end.month, dueDay)
  if (sameMonth.day > end.day) return formatDay(sameMonth)
  const following = shiftMonth(end.year, end.month, 1)
  return formatDay(clampedDay(following.year, following.month, dueDay))
}
