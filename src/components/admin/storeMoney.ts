'use client'

import { useEffect, useState } from 'react'

export interface StoreMoney {
  currency: string
  locale: string
}

const FALLBACK: StoreMoney = { currency: 'INR', locale: 'en-IN' }
let stores: Promise<Map<number, StoreMoney>> | null = null

/** Every store's currency and locale the admin may read, fetched once per page. */
function loadStores(): Promise<Map<number, StoreMoney>> {
  stores ??= fetch('/api/stores?limit=1000&depth=0&select[currency]=true&select[locale]=true', { credentials: 'include' })
    .then((response) => (response.ok ? response.json() : { docs: [] }))
    .then((body: { docs: { id: number; currency: string; locale: string }[] }) => new Map(body.docs.map((store) => [store.id, { currency: store.currency, locale: store.locale }])))
    .catch(() => new Map())
  return stores
}

/** The currency and locale of a store (id or populated), for showing its amounts. */
export function useStoreMoney(store: unknown): StoreMoney {
  const id = typeof store === 'object' && store ? Number((store as { id: unknown }).id) : Number(store)
  const [money, setMoney] = useState<StoreMoney>(FALLBACK)
  useEffect(() => {
    if (!Number.isSafeInteger(id) || id <= 0) return
    let live = true
    void loadStores().then((map) => live && setMoney(map.get(id) ?? FALLBACK))
    return () => {
      live = false
    }
  }, [id])
  return money
}
