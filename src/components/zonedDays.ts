/**
 * Calendar days (yyyy-mm-dd) in a store's time zone ↔ instants, for filters on timestamp
 * fields through the Payload API (the reports do the same in SQL with AT TIME ZONE).
 * The arithmetic lives in `domain/dates`.
 */
export { addDays, dayStartIn, isDay } from '@/domain/dates'
