import type { Payload } from 'payload'

import type { SessionUser } from './session'

export interface StoreSummary {
  id: number
  name: string
  currency: string
  locale: string
  timezone: string
}

/** The stores this user works in (admins: all), through access control. */
export async function storesFor(payload: Payload, user: SessionUser): Promise<StoreSummary[]> {
  const { docs } = await payload.find({ collection: 'stores', user, overrideAccess: false, limit: 100, sort: 'name', depth: 0 })
  return docs.map((store) => ({ id: store.id, name: store.name, currency: store.currency, locale: store.locale, timezone: store.timezone }))
}

/** The store picked with ?store=, else the user's first store. */
export function pickStore(stores: StoreSummary[], requested?: string | string[]): StoreSummary | undefined {
  const id = Number(Array.isArray(requested) ? requested[0] : requested)
  return stores.find((store) => store.id === id) ?? stores[0]
}
