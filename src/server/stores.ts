import type { Payload } from 'payload'
import { cache } from 'react'

import { wordsFor, type StoreKind, type StoreWords } from '@/domain/storeKinds'

import type { SessionUser } from './session'

export interface StoreSummary {
  id: number
  name: string
  currency: string
  locale: string
  timezone: string
  kind: StoreKind
  /** A cashier's complimentary bill needs an owner's approval. */
  complimentaryApproval: boolean
  /** SPEC §12: the store's tax settings, for the POS's preview and the documents. */
  tax: StoreTaxSettings
}

export interface StoreTaxSettings {
  gstin: string | null
  stateCode: string | null
  pricesIncludeTax: boolean
  taxLabel: string
  defaultTaxRate: number
}

/** The screens' words for this store's kind (Customers / Clients…). */
export const storeWords = (store: Pick<StoreSummary, 'kind'>): StoreWords => wordsFor(store.kind)

export function storeSummary(store: {
  id: number
  name: string
  currency: string
  locale: string
  timezone: string
  kind?: string | null
  complimentaryApproval?: boolean | null
  gstin?: string | null
  stateCode?: string | null
  pricesIncludeTax?: boolean | null
  taxLabel?: string | null
  defaultTaxRate?: number | null
}): StoreSummary {
  return {
    id: store.id,
    name: store.name,
    currency: store.currency,
    locale: store.locale,
    timezone: store.timezone,
    kind: (store.kind as StoreKind | null | undefined) ?? 'counter',
    complimentaryApproval: Boolean(store.complimentaryApproval),
    tax: {
      gstin: store.gstin || null,
      stateCode: store.stateCode || null,
      pricesIncludeTax: Boolean(store.pricesIncludeTax),
      taxLabel: store.taxLabel || 'GST',
      defaultTaxRate: store.defaultTaxRate ?? 0,
    },
  }
}

/** The stores this user works in (admins: all), through access control; once per request. */
export const storesFor = cache(async (payload: Payload, user: SessionUser): Promise<StoreSummary[]> => {
  const { docs } = await payload.find({ collection: 'stores', user, overrideAccess: false, limit: 100, sort: 'name', depth: 0 })
  return docs.map(storeSummary)
})

/** The store picked with ?store=, else the user's first store. */
export function pickStore(stores: StoreSummary[], requested?: string | string[]): StoreSummary | undefined {
  const id = Number(Array.isArray(requested) ? requested[0] : requested)
  return stores.find((store) => store.id === id) ?? stores[0]
}
