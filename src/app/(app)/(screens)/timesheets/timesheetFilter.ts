import type { Where } from 'payload'

import { addDays } from '@/domain/billingPeriods'
import { storedDay, todayIn } from '@/domain/dates'

export interface TimesheetParams {
  store?: string
  month?: string
  asset?: string
  customer?: string
}

/** The month shown (yyyy-mm, default the store's current month) and its first and last day. */
export function monthOf(timezone: string, requested?: string) {
  const month = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : todayIn(timezone).slice(0, 7)
  const [year, number] = month.split('-').map(Number) as [number, number]
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`
  const previous = number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`
  return { month, first: `${month}-01`, last: addDays(`${next}-01`, -1), next, previous }
}

/** Timesheets of the store whose rental period overlaps the month (an open period runs on), optionally of one asset. */
export function timesheetWhere(storeId: number, range: { first: string; last: string }, assetId?: number): Where {
  const and: Where[] = [
    { store: { equals: storeId } },
    { kind: { equals: 'timesheet' } },
    { status: { not_equals: 'void' } },
    { periodStart: { less_than_equal: storedDay(range.last) } },
    { or: [{ periodEnd: { greater_than_equal: storedDay(range.first) } }, { periodEnd: { exists: false } }] },
  ]
  if (assetId) and.push({ asset: { equals: assetId } })
  return { and }
}
