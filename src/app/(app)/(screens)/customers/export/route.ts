import { csvResponse } from '@/server/csvResponse'
import { storeDateTime, todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { payloadInstance } from '@/server/payload'
import { currentUser } from '@/server/session'
import { pickStore, storesFor } from '@/server/stores'
import { CUSTOMER_SORTS, customerWhere, type CustomerSort } from '@/services/customerList'

/** GET /customers/export?store&q&owing&sort — the current filter as CSV (amounts in major units). */
export async function GET(request: Request) {
  const user = await currentUser()
  if (!user) return Response.json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, { status: 401 })
  const params = new URL(request.url).searchParams
  const payload = await payloadInstance()
  const store = pickStore(await storesFor(payload, user), params.get('store') ?? undefined)
  if (!store) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  const sort = (params.get('sort') ?? 'pending') as CustomerSort
  const rows: Record<string, string | number>[] = []
  const plain = (minor: number) => toAmountInput(minor, store.currency)
  for (let page = 1; ; page++) {
    const batch = await payload.find({
      collection: 'customers',
      where: customerWhere({ store: store.id, q: params.get('q') ?? undefined, owing: params.get('owing') === '1' }),
      sort: [CUSTOMER_SORTS[sort] ?? CUSTOMER_SORTS.pending, 'id'],
      page,
      limit: 1000,
      depth: 0,
      user,
      overrideAccess: false,
    })
    for (const customer of batch.docs) {
      rows.push({
        name: customer.name,
        phone: customer.phone,
        email: customer.email ?? '',
        visits: customer.visits ?? 0,
        [`total_spent_${store.currency}`]: plain(customer.totalPaid ?? 0),
        [`pending_${store.currency}`]: plain(customer.pendingBalance ?? 0),
        [`advance_${store.currency}`]: plain(customer.advanceBalance ?? 0),
        last_visit: customer.lastVisitAt ? storeDateTime(customer.lastVisitAt, store.timezone) : '',
      })
    }
    if (!batch.hasNextPage) break
  }
  const columns = ['name', 'phone', 'email', 'visits', `total_spent_${store.currency}`, `pending_${store.currency}`, `advance_${store.currency}`, 'last_visit']
  return csvResponse(rows, columns, `customers-${store.name}-${todayIn(store.timezone)}.csv`)
}
