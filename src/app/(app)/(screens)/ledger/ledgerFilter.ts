import type { Where } from 'payload'

import { addDays, dayStartIn, isDay } from '@/domain/dates'
import { PAYMENT_METHODS, TRANSACTION_KINDS } from '@/domain/ledgerKinds'
import type { StoreSummary } from '@/server/stores'

export interface LedgerParams {
  store?: string
  from?: string
  to?: string
  type?: string
  kind?: string
  method?: string
  q?: string
  invoice?: string
  page?: string
}

export interface LedgerFilter {
  from?: string
  to?: string
  type?: 'income' | 'expense'
  kind?: string
  method?: string
  q?: string
  invoice?: string
}

const clean = (value: string | undefined) => value?.trim() || undefined

/** The ledger screen's query string → a filter; unknown values are ignored, not errors. */
export function ledgerFilterOf(params: LedgerParams): LedgerFilter {
  return {
    from: isDay(params.from) ? params.from : undefined,
    to: isDay(params.to) ? params.to : undefined,
    type: params.type === 'income' || params.type === 'expense' ? params.type : undefined,
    kind: (TRANSACTION_KINDS as readonly string[]).includes(params.kind ?? '') ? params.kind : undefined,
    method: (PAYMENT_METHODS as readonly string[]).includes(params.method ?? '') ? params.method : undefined,
    q: clean(params.q),
    invoice: clean(params.invoice),
  }
}

/** The filter as query parameters (for links, pagination and the CSV export). */
export function ledgerQuery(store: StoreSummary, filter: LedgerFilter): Record<string, string | undefined> {
  return { store: String(store.id), ...filter }
}

/** The Payload `where` of the ledger list and its CSV export; days are in the store's zone. */
export function ledgerWhere(store: StoreSummary, filter: LedgerFilter): Where {
  const and: Where[] = [{ store: { equals: store.id } }]
  if (filter.from) and.push({ date: { greater_than_equal: dayStartIn(filter.from, store.timezone) } })
  if (filter.to) and.push({ date: { less_than: dayStartIn(addDays(filter.to, 1), store.timezone) } })
  if (filter.type) and.push({ type: { equals: filter.type } })
  if (filter.kind) and.push({ kind: { equals: filter.kind } })
  if (filter.method) and.push({ method: { equals: filter.method } })
  if (filter.q) {
    const digits = filter.q.replace(/[^\d]/g, '')
    const or: Where[] = [{ 'customer.name': { like: filter.q } }, { reference: { like: filter.q } }]
    if (digits.length >= 3) or.push({ 'customer.phone': { contains: digits } })
    and.push({ or })
  }
  if (filter.invoice) and.push({ 'invoice.number': { like: filter.invoice } })
  return { and }
}

export const LEDGER_SORT = ['-date', '-id']
