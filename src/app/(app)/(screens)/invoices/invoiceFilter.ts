import type { Where } from 'payload'

import { INVOICE_STATUSES } from '@/domain/invoice'
import type { StoreSummary } from '@/server/stores'

export interface InvoiceParams {
  store?: string
  status?: string
  kind?: string
  q?: string
  page?: string
}

export interface InvoiceFilter {
  status?: string
  kind?: string
  q?: string
}

export const INVOICE_KINDS = [
  ['bill', 'Bill (POS)'],
  ['invoice', 'Invoice'],
  ['timesheet', 'Timesheet'],
] as const

/** The invoices screen's query → a filter; unknown values are ignored. */
export function invoiceFilterOf(params: InvoiceParams): InvoiceFilter {
  return {
    status: (INVOICE_STATUSES as readonly string[]).includes(params.status ?? '') ? params.status : undefined,
    kind: INVOICE_KINDS.some(([kind]) => kind === params.kind) ? params.kind : undefined,
    q: params.q?.trim() || undefined,
  }
}

/** The Payload `where` of the invoice list and its CSV export. */
export function invoiceWhere(store: StoreSummary, filter: InvoiceFilter): Where {
  const and: Where[] = [{ store: { equals: store.id } }]
  if (filter.status) and.push({ status: { equals: filter.status } })
  if (filter.kind) and.push({ kind: { equals: filter.kind } })
  if (filter.q) and.push({ or: [{ number: { like: filter.q } }, { 'customer.name': { like: filter.q } }] })
  return { and }
}

export const INVOICE_SORT = ['-issueDate', '-id']
