/** The largest page a client may ask for (the admin's list pages go to 100). */
export const MAX_PAGE = 1000

/**
 * What is wrong with a page a client asked for (`limit`, `pagination` as sent: numbers,
 * booleans or query-string text), or null: no unbounded read (limit 0, pagination false),
 * no page above MAX_PAGE.
 */
export function pageProblem(limit: unknown, pagination: unknown): { field: 'limit' | 'pagination'; message: string } | null {
  if (pagination === false || pagination === 'false') return { field: 'pagination', message: 'pagination=false (every row at once) is not allowed: page with limit and page' }
  if (limit === undefined || limit === null || limit === '') return null
  const number = typeof limit === 'string' ? Number(limit) : limit
  if (typeof number === 'number' && Number.isInteger(number) && number >= 1 && number <= MAX_PAGE) return null
  return { field: 'limit', message: `limit must be a whole number from 1 to ${MAX_PAGE} (0 would be every row at once)` }
}
