import { csvResponse, exportUser } from '@/server/csvResponse'
import { ownerReport } from '@/server/ownerReport'
import { AGING_BUCKETS } from '@/domain/aging'
import { todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { payloadInstance } from '@/server/payload'
import { pickStore, storesFor } from '@/server/stores'
import { agingReport } from '@/services/reports/aging'

/** GET /dashboard/aging-export?store — receivables aging per customer as CSV (major units). */
export async function GET(request: Request) {
  const user = await exportUser('/dashboard')
  if (user instanceof Response) return user
  const payload = await payloadInstance()
  const store = pickStore(await storesFor(payload, user), new URL(request.url).searchParams.get('store') ?? undefined)
  if (!store) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  const aging = await ownerReport(payload, user, store, (db, ref) => agingReport(db, ref))
  const plain = (minor: number) => toAmountInput(minor, store.currency)
  // held = advance + unmatched payments (SPEC §9a); net = total − held is left to the sheet
  const amountColumns = [...AGING_BUCKETS, 'total', 'held'].map((bucket) => `${bucket}_${store.currency}`)
  const rows = aging.customers.map((line) => ({
    customer_id: line.customer,
    name: line.name,
    phone: line.phone,
    ...Object.fromEntries([...AGING_BUCKETS, 'total' as const, 'held' as const].map((bucket) => [`${bucket}_${store.currency}`, plain(line[bucket])])),
  }))
  return csvResponse(rows, ['customer_id', 'name', 'phone', ...amountColumns], `aging-${store.name}-${todayIn(store.timezone)}.csv`)
}
