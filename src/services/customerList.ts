import type { Where } from 'payload'

import { sql, toSum, type Db } from '@/ledger/db'

export const CUSTOMER_SORTS = {
  pending: '-pendingBalance',
  name: 'name',
  recent: '-lastVisitAt',
  spent: '-totalPaid',
} as const
export type CustomerSort = keyof typeof CUSTOMER_SORTS

export interface CustomerFilter {
  store: number
  q?: string
  owing?: boolean
}

/** The Payload `where` of the customers screen (list and CSV export share it). */
export function customerWhere(filter: CustomerFilter): Where {
  const and: Where[] = [{ store: { equals: filter.store } }]
  const q = filter.q?.trim()
  if (q) {
    const digits = q.replace(/[^\d]/g, '')
    const or: Where[] = [{ name: { like: q } }, { email: { like: q } }]
    if (digits.length >= 3) or.push({ phone: { contains: digits } })
    and.push({ or })
  }
  if (filter.owing) and.push({ pendingBalance: { greater_than: 0 } })
  return { and }
}

export interface CustomerStats {
  customers: number
  pendingTotal: number
  advancesHeld: number
  revenue: number
  customersOwing: number
  /** Σ billed (rental stores call it revenue) */
  billed: number
  /** customers with a rental running today */
  activeRentals: number
  timesheets: number
}

/** Stat cards of the customers screen: one aggregate over the store's customers. */
export async function customerStats(db: Db, storeId: number): Promise<CustomerStats> {
  const { rows } = await db.execute(sql`
    SELECT count(*) AS customers, coalesce(sum(pending_balance), 0) AS pending, coalesce(sum(advance_balance), 0) AS advances,
           coalesce(sum(total_paid), 0) AS revenue, count(*) FILTER (WHERE pending_balance > 0) AS owing,
           coalesce(sum(total_billed), 0) AS billed, coalesce(sum(active_rentals), 0) AS active_rentals, coalesce(sum(services_count), 0) AS timesheets
      FROM customers WHERE store_id = ${storeId} AND deleted_at IS NULL`)
  const row = rows[0]!
  return {
    customers: Number(row.customers),
    pendingTotal: toSum(row.pending, 'pendingTotal'),
    advancesHeld: toSum(row.advances, 'advancesHeld'),
    revenue: toSum(row.revenue, 'revenue'),
    customersOwing: Number(row.owing),
    billed: toSum(row.billed, 'billed'),
    activeRentals: Number(row.active_rentals),
    timesheets: Number(row.timesheets),
  }
}
