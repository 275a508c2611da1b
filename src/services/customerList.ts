import { sql, sqlList, toSum, type Db, type SQL } from '@/ledger/db'

/**
 * The orders of the customers screen, each with `id` as the tiebreak so that a page boundary
 * never splits or repeats customers with equal keys. Each has its index (migration
 * 20261202_060000_customer_list), so a page reads its 25 rows, not the store's customers.
 * "Last visit" puts customers never seen last.
 */
export const CUSTOMER_SORTS = ['pending', 'name', 'recent', 'spent'] as const
export type CustomerSort = (typeof CUSTOMER_SORTS)[number]
const ORDERS: Record<CustomerSort, SQL> = {
  pending: sql`pending_balance DESC, id`,
  name: sql`name, id`,
  recent: sql`last_visit_at DESC NULLS LAST, id`,
  spent: sql`total_paid DESC, id`,
}
export const isCustomerSort = (value: unknown): value is CustomerSort => typeof value === 'string' && Object.hasOwn(ORDERS, value)

export interface CustomerFilter {
  store: number
  q?: string
  owing?: boolean
}

/** Digits with the separators people type in a phone number, and nothing else. */
const PHONE_LIKE = /^[\d+().-]+$/

/** `%word%` for ILIKE, the user's `%`, `_` and `\` taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * The WHERE of the customers screen (list and CSV export share it): the store's customers not
 * in the trash; `q` matches a name or an email holding every word of it, or — when `q` is a
 * phone number or part of one (3 digits or more, no letters) — a phone holding its digits;
 * `owing` keeps customers with something pending.
 */
export function customerFilterSql(filter: CustomerFilter): SQL {
  const and: SQL[] = [sql`store_id = ${filter.store}`, sql`deleted_at IS NULL`]
  const words = (filter.q ?? '').trim().split(/\s+/).filter(Boolean)
  if (words.length) {
    const every = (column: SQL) =>
      sql.join(
        words.map((word) => sql`${column} ILIKE ${containing(word)}`),
        sql` AND `,
      )
    const or = [sql`(${every(sql`name`)})`, sql`(${every(sql`email`)})`]
    // A phone is searched only by a query that is a phone number, or a part of one ("98111 75770",
    // "+91 (98111)-75770"): the digits inside a name or a code ("Room 619B", "Stay mx61r9ec") are not one.
    const digits = words.join('').replace(/\D/g, '')
    if (digits.length >= 3 && PHONE_LIKE.test(words.join(''))) or.push(sql`phone LIKE ${containing(digits)}`)
    and.push(sql`(${sql.join(or, sql` OR `)})`)
  }
  if (filter.owing) and.push(sql`pending_balance > 0`)
  return sql.join(and, sql` AND `)
}

export interface CustomerRow {
  id: number
  name: string
  phone: string
  email: string | null
  visits: number
  totalPaid: number
  totalBilled: number
  pendingBalance: number
  advanceBalance: number
  unmatchedCredit: number
  lastVisitAt: string | null
  servicesCount: number
  activeRentals: number
}

const COLUMNS = sql`id, name, phone, email, visits, total_paid, total_billed, pending_balance, advance_balance, unmatched_credit, last_visit_at, services_count, active_rentals`

const rowOf = (row: Record<string, unknown>): CustomerRow => ({
  id: Number(row.id),
  name: String(row.name),
  phone: String(row.phone),
  email: row.email == null ? null : String(row.email),
  visits: Number(row.visits),
  totalPaid: toSum(row.total_paid, 'totalPaid'),
  totalBilled: toSum(row.total_billed, 'totalBilled'),
  pendingBalance: toSum(row.pending_balance, 'pendingBalance'),
  advanceBalance: toSum(row.advance_balance, 'advanceBalance'),
  unmatchedCredit: toSum(row.unmatched_credit ?? 0, 'unmatchedCredit'),
  lastVisitAt: row.last_visit_at == null ? null : new Date(row.last_visit_at as string | Date).toISOString(),
  servicesCount: Number(row.services_count),
  activeRentals: Number(row.active_rentals),
})

/** Every customer the filter keeps, in the sort's order (the CSV export). */
export async function customerRows(db: Db, filter: CustomerFilter, sort: CustomerSort): Promise<CustomerRow[]> {
  const { rows } = await db.execute(sql`SELECT ${COLUMNS} FROM customers WHERE ${customerFilterSql(filter)} ORDER BY ${ORDERS[sort]}`)
  return rows.map(rowOf)
}

export const CUSTOMER_PAGE_SIZE = 25
export const CUSTOMER_MAX_PAGE = 100_000
/** Up to this many matches the screen says how many; past it, "1,000+". */
export const CUSTOMER_COUNT_CAP = 1000

export interface CustomerPage {
  docs: CustomerRow[]
  page: number
  limit: number
  hasPrevPage: boolean
  hasNextPage: boolean
  /** how many customers match: exact, or a lower bound when `totalIsAtLeast` */
  totalDocs: number
  /** true when more than `totalDocs` (= CUSTOMER_COUNT_CAP) match: the screen says "1,000+" */
  totalIsAtLeast: boolean
  /** pages, when the total is exact (else null) */
  totalPages: number | null
}

/**
 * One page of the customers screen without an exact count of the store's customers (the
 * count was what grew with the store: issue 19). The page reads one row more than it shows
 * to know whether there is a next one; the total is exact when the page is the last one, or
 * is counted up to CUSTOMER_COUNT_CAP + 1 matches (a bounded scan), else "1,000+".
 */
export async function customerPage(db: Db, filter: CustomerFilter, sort: CustomerSort, asked: number): Promise<CustomerPage> {
  // the screen's ?page= as typed: a whole page from 1 to CUSTOMER_MAX_PAGE
  const page = Math.min(CUSTOMER_MAX_PAGE, Math.max(1, Math.trunc(asked) || 1))
  const limit = CUSTOMER_PAGE_SIZE
  const offset = (page - 1) * limit
  const where = customerFilterSql(filter)
  const { rows } = await db.execute(sql`SELECT ${COLUMNS} FROM customers WHERE ${where} ORDER BY ${ORDERS[sort]} LIMIT ${limit + 1} OFFSET ${offset}`)
  const hasNextPage = rows.length > limit
  const docs = rows.slice(0, limit).map(rowOf)
  let totalDocs: number
  let totalIsAtLeast = false
  if (!hasNextPage && (docs.length > 0 || page === 1)) {
    totalDocs = offset + docs.length
  } else if (hasNextPage && offset + limit + 1 > CUSTOMER_COUNT_CAP) {
    ;[totalDocs, totalIsAtLeast] = [CUSTOMER_COUNT_CAP, true]
  } else {
    const counted = await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM customers WHERE ${where} LIMIT ${CUSTOMER_COUNT_CAP + 1}) AS matched`)
    const n = Number(counted.rows[0]!.n)
    ;[totalDocs, totalIsAtLeast] = n > CUSTOMER_COUNT_CAP ? [CUSTOMER_COUNT_CAP, true] : [n, false]
  }
  return {
    docs,
    page,
    limit,
    hasPrevPage: page > 1,
    hasNextPage,
    totalDocs,
    totalIsAtLeast,
    totalPages: totalIsAtLeast ? null : Math.max(1, Math.ceil(totalDocs / limit)),
  }
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

/** The store's customers among `ids` (rows acted on, kept on the page where they were). */
export async function customersByIds(db: Db, store: number, ids: readonly number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return []
  const { rows } = await db.execute(sql`SELECT ${COLUMNS} FROM customers WHERE store_id = ${store} AND deleted_at IS NULL AND id IN (${sqlList(ids)}) ORDER BY id`)
  return rows.map(rowOf)
}
