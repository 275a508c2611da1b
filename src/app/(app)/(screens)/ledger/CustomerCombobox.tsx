'use client'

import { useEffect, useId, useRef, useState } from 'react'

import { api } from '@/components/apiClient'
import type { StoreSummary } from '@/server/stores'

export interface PickedCustomer {
  id: number
  name: string
  phone: string
  pendingBalance?: number | null
}

/** Find a customer of the store by name or phone as you type (arrow keys + Enter). */
export function CustomerCombobox({ store, money, onPick }: { store: StoreSummary; money: (minor: number) => string; onPick: (customer: PickedCustomer) => void }) {
  const listId = useId()
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<PickedCustomer[]>([])
  const [active, setActive] = useState(0)
  const [searched, setSearched] = useState('')
  const latest = useRef(0)

  useEffect(() => {
    const text = query.trim()
    if (text.length < 2) {
      setHits([])
      setSearched('')
      return
    }
    const ticket = ++latest.current
    const timer = setTimeout(async () => {
      const digits = text.replace(/[^\d]/g, '')
      const params = new URLSearchParams({
        'where[store][equals]': String(store.id),
        'where[or][0][name][like]': text,
        limit: '8',
        depth: '0',
        sort: '-pendingBalance',
      })
      if (digits.length >= 3) params.set('where[or][1][phone][contains]', digits)
      const result = await api<{ docs: PickedCustomer[] }>(`/api/customers?${params}`)
      if (ticket !== latest.current) return
      setHits(result.ok ? result.body.docs : [])
      setActive(0)
      setSearched(text)
    }, 200)
    return () => clearTimeout(timer)
  }, [query, store.id])

  return (
    <div className="search">
      <label className="field">
        <span>Customer</span>
        <input
          role="combobox"
          aria-label="Customer"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          autoComplete="off"
          value={query}
          placeholder="Name or phone"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault()
              setActive(Math.min(active + 1, hits.length - 1))
            } else if (event.key === 'ArrowUp') {
              event.preventDefault()
              setActive(Math.max(active - 1, 0))
            } else if (event.key === 'Enter') {
              event.preventDefault()
              if (hits[active]) onPick(hits[active])
            }
          }}
        />
      </label>
      {hits.length > 0 && (
        <ul id={listId} role="listbox" className="search__hits">
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search__hit search__hit--active' : 'search__hit'}
              onMouseDown={(event) => {
                event.preventDefault()
                onPick(hit)
              }}
            >
              <span>
                <strong>{hit.name}</strong> <span className="muted">{hit.phone}</span>
              </span>
              {(hit.pendingBalance ?? 0) > 0 && <span className="search__meta money--owed">pending {money(hit.pendingBalance ?? 0)}</span>}
            </li>
          ))}
        </ul>
      )}
      {searched && hits.length === 0 && <p className="muted">Nobody found.</p>}
    </div>
  )
}
