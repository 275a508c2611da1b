import { createLocalReq } from 'payload'

import { csvResponse } from '@/server/csvResponse'
import { storeDateTime, todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { sqlFor } from '@/ledger/db'
import { payloadInstance } from '@/server/payload'
import { currentUser } from '@/server/session'
import { pickStore, storesFor } from '@/server/stores'
import { customerRows, isCustomerSort } from '@/services/customerList'

/** GET /customers/export?store&q&owing&sort — the current filter as CSV (amounts in major units). */
export async function GET(request: Request) {
  const user = await currentUser()
  if (!user) return Response.json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, { status: 401 })
  const params = new URL(request.url).searchParams
  const payload = await payloadInstance()
  const store = pickStore(await storesFor(payload, user), params.get('store') ?? undefined)
  if (!store) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  const asked = params.get('sort')
  const sort = isCustomerSort(asked) ? asked : 'pending'
  const plain = (minor: number) => toAmountInput(minor, store.currency)
  // One ordered read (it used to be pages of 1,000, each with an exact count of the matches).
  const customers = await customerRows(
    await sqlFor(await createLocalReq({ user }, payload)),
    { store: store.id, q: params.get('q') ?? undefined, owing: params.get('owing') === '1' },
    sort,
  )
  const rows = customers.map((customer) => ({
    name: customer.name,
    phone: customer.phone,
    email: customer.email ?? '',
    visits: customer.visits,
    [`total_spent_${store.currency}`]: plain(customer.totalPaid),
    [`pending_${store.currency}`]: plain(customer.pendingBalance),
    [`advance_${store.currency}`]: plain(customer.advanceBalance),
    last_visit: customer.lastVisitAt ? storeDateTime(customer.lastVisitAt, store.timezone) : '',
  }))
  const columns = ['name', 'phone', 'email', 'visits', `total_spent_${store.currency}`, `pending_${store.currency}`, `advance_${store.currency}`, 'last_visit']
  return csvResponse(rows, columns, `customers-${store.name}-${todayIn(store.timezone)}.csv`)
}
