'use client'

import { usePathname, useRouter } from 'next/navigation'

import type { StoreSummary } from '@/server/stores'

/** Switches the screen to another of the user's stores (?store=id); hidden with one store. */
export function StorePicker({ stores, current }: { stores: StoreSummary[]; current: number }) {
  const router = useRouter()
  const pathname = usePathname()
  if (stores.length < 2) return <span className="muted">{stores[0]?.name}</span>
  return (
    <label className="field field--inline">
      <span>Store</span>
      <select aria-label="Store" value={current} onChange={(event) => router.push(`${pathname}?store=${event.target.value}`)}>
        {stores.map((store) => (
          <option key={store.id} value={store.id}>
            {store.name}
          </option>
        ))}
      </select>
    </label>
  )
}
