import { csvResponse, exportUser } from '@/server/csvResponse'
import { storeDateTime, todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { payloadInstance } from '@/server/payload'
import { pickStore, storesFor } from '@/server/stores'

import { LEDGER_SORT, ledgerFilterOf, ledgerWhere } from '../ledgerFilter'

/** GET /ledger/export?store&from&to&type&kind&method&q&invoice — the filtered ledger as CSV. */
export async function GET(request: Request) {
  const user = await exportUser('/ledger')
  if (user instanceof Response) return user
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const payload = await payloadInstance()
  const store = pickStore(await storesFor(payload, user), params.store)
  if (!store) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  const filter = ledgerFilterOf(params)
  const amountColumn = `amount_${store.currency}`
  const rows: Record<string, string | number>[] = []
  for (let page = 1; ; page++) {
    const batch = await payload.find({
      collection: 'transactions',
      where: ledgerWhere(store, filter),
      sort: LEDGER_SORT,
      page,
      limit: 1000,
      depth: 1,
      populate: { customers: { name: true, phone: true }, invoices: { number: true } },
      user,
      overrideAccess: false,
    })
    for (const tx of batch.docs) {
      const customer = tx.customer && typeof tx.customer === 'object' ? tx.customer : null
      const invoice = tx.invoice && typeof tx.invoice === 'object' ? tx.invoice : null
      rows.push({
        date: storeDateTime(tx.date, store.timezone),
        reference: tx.reference ?? '',
        type: tx.type,
        kind: tx.kind,
        method: tx.method ?? '',
        customer: customer?.name ?? '',
        phone: customer?.phone ?? '',
        invoice: invoice?.number ?? '',
        [amountColumn]: toAmountInput(tx.amount, store.currency),
        notes: tx.notes ?? '',
      })
    }
    if (!batch.hasNextPage) break
  }
  const columns = ['date', 'reference', 'type', 'kind', 'method', 'customer', 'phone', 'invoice', amountColumn, 'notes']
  return csvResponse(rows, columns, `ledger-${store.name}-${todayIn(store.timezone)}.csv`)
}
