import { csvResponse, exportUser } from '@/server/csvResponse'
import { dayOnly, todayIn } from '@/domain/dates'
import { toAmountInput } from '@/domain/money'
import { payloadInstance } from '@/server/payload'
import { pickStore, storesFor } from '@/server/stores'

import { INVOICE_SORT, invoiceFilterOf, invoiceWhere } from '../invoiceFilter'

/** GET /invoices/export?store&status&kind&q — the filtered invoices as CSV (major units). */
export async function GET(request: Request) {
  const user = await exportUser('/invoices')
  if (user instanceof Response) return user
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const payload = await payloadInstance()
  const store = pickStore(await storesFor(payload, user), params.store)
  if (!store) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  const plain = (minor: number | null | undefined) => toAmountInput(minor ?? 0, store.currency)
  // Issue and due dates are calendar days (domain/dates): written as they are.
  const day = (value: string | null | undefined) => dayOnly(value) ?? ''
  const amounts = ['total', 'amount_paid', 'amount_due'].map((name) => `${name}_${store.currency}`)
  const rows: Record<string, string | number>[] = []
  for (let page = 1; ; page++) {
    const batch = await payload.find({
      collection: 'invoices',
      where: invoiceWhere(store, invoiceFilterOf(params)),
      sort: INVOICE_SORT,
      page,
      limit: 1000,
      depth: 1,
      populate: { customers: { name: true, phone: true } },
      user,
      overrideAccess: false,
    })
    for (const invoice of batch.docs) {
      const customer = typeof invoice.customer === 'object' ? invoice.customer : null
      rows.push({
        number: invoice.number ?? '',
        kind: invoice.kind,
        status: invoice.status,
        customer: customer?.name ?? '',
        phone: customer?.phone ?? '',
        issue_date: day(invoice.issueDate),
        due_date: day(invoice.dueDate),
        complimentary: invoice.complimentary ? 'yes' : 'no',
        [amounts[0]!]: plain(invoice.total),
        [amounts[1]!]: plain(invoice.amountPaid),
        [amounts[2]!]: plain(invoice.amountDue),
      })
    }
    if (!batch.hasNextPage) break
  }
  return csvResponse(
    rows,
    ['number', 'kind', 'status', 'customer', 'phone', 'issue_date', 'due_date', 'complimentary', ...amounts],
    `invoices-${store.name}-${todayIn(store.timezone)}.csv`,
  )
}
