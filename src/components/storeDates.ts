import { dayOnly, storedDay } from '@/domain/dates'

/**
 * The two ways a screen shows a date (see domain/dates): an instant as the store's day,
 * a calendar day (issue, due, rental period) as itself — never shifted by a zone.
 */
export function storeDates(store: { locale: string; timezone: string }) {
  const inStore = new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeZone: store.timezone })
  const onCalendar = new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeZone: 'UTC' })
  return {
    /** The store's day of an instant (a payment, a posting, a visit). */
    instant: (iso: string | null | undefined) => (iso ? inStore.format(new Date(iso)) : '–'),
    /** A calendar day (issue date, due date, rental period). */
    calendar: (value: string | null | undefined) => {
      const day = dayOnly(value)
      return day ? onCalendar.format(new Date(storedDay(day))) : '–'
    },
  }
}
