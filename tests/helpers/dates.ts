/**
 * Every date a test sends or expects, in the store's own time zone (SPEC §8) — never UTC's.
 * The suite runs at any hour and on a faked clock (`.ci/run`), so "today" here is what a
 * cashier standing in the store would call today.
 */
// Relative, so the Playwright specs (which have no `@/` alias) share it.
import { addDays, todayIn } from '../../src/domain/dates'

/** The zone of the stores the factories make (tests/helpers/factories.ts). */
export const TEST_ZONE = 'Asia/Kolkata'

/** Today (yyyy-mm-dd) in the store's zone. */
export function storeToday(timeZone: string = TEST_ZONE): string {
  return todayIn(timeZone)
}

/** The store's day `offset` days from today (negative: in the past), yyyy-mm-dd. */
export function storeDay(offset: number, timeZone: string = TEST_ZONE): string {
  return addDays(storeToday(timeZone), offset)
}

/** N days before the store's today. */
export function storeDaysAgo(days: number, timeZone: string = TEST_ZONE): string {
  return storeDay(-days, timeZone)
}

/** The store's current month, yyyy-mm. */
export function storeMonth(timeZone: string = TEST_ZONE): string {
  return storeToday(timeZone).slice(0, 7)
}

/** The two-digit year in bill numbers (`SAL-26-0042`) for a bill made now. */
export function storeYear2(timeZone: string = TEST_ZONE): string {
  return storeToday(timeZone).slice(2, 4)
}

/** The calendar day after `day` (yyyy-mm-dd), for period arithmetic on stored days. */
export function nextDay(day: string): string {
  return addDays(day, 1)
}
