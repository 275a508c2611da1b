'use client'

import { useEffect, useRef, useState } from 'react'

import { api } from '@/components/apiClient'
import type { StoreSummary } from '@/server/stores'

export interface CustomerHit {
  id: number
  name: string
  phone: string
  visits?: number | null
  pendingBalance?: number | null
  advanceBalance?: number | null
}

const looksLikePhone = (text: string) => /^[+\d][\d\s-]{6,}$/.test(text.trim())

/**
 * Search by name or phone as you type (debounced, arrow keys + Enter), or create the
 * customer from a phone number when nobody matches.
 */
export function CustomerSearch({ store, money, onSelect }: { store: StoreSummary; money: (minor: number) => string; onSelect: (customer: CustomerHit) => void }) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<CustomerHit[]>([])
  const [active, setActive] = useState(0)
  const [searched, setSearched] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
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
        sort: '-lastVisitAt',
      })
      if (digits.length >= 3) params.set('where[or][1][phone][contains]', digits)
      const result = await api<{ docs: CustomerHit[] }>(`/api/customers?${params}`)
      if (ticket !== latest.current) return
      setHits(result.ok ? result.body.docs : [])
      setActive(0)
      setSearched(text)
    }, 200)
    return () => clearTimeout(timer)
  }, [query, store.id])

  async function create() {
    setBusy(true)
    const result = await api<{ customer: CustomerHit }>('/api/customers/resolve', { body: { store: store.id, phone: query.trim(), name: name.trim() || undefined } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.phone ?? result.message)
    onSelect(result.body.customer)
  }

  return (
    <div className="search">
      <label className="field">
        <span>Find by name or phone</span>
        <input
          autoFocus
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="customer-hits"
          aria-label="Find customer"
          value={query}
          placeholder="Priya or 98765…"
          onChange={(event) => {
            setQuery(event.target.value)
            setError(null)
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault()
              setActive(Math.min(active + 1, hits.length - 1))
            } else if (event.key === 'ArrowUp') {
              event.preventDefault()
              setActive(Math.max(active - 1, 0))
            } else if (event.key === 'Enter' && hits[active]) {
              event.preventDefault()
              onSelect(hits[active])
            }
          }}
        />
      </label>
      {hits.length > 0 && (
        <ul id="customer-hits" role="listbox" className="search__hits">
          {hits.map((hit, index) => (
            <li
              key={hit.id}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'search__hit search__hit--active' : 'search__hit'}
              onMouseDown={(event) => {
                event.preventDefault()
                onSelect(hit)
              }}
            >
              <span>
                <strong>{hit.name}</strong> <span className="muted">{hit.phone}</span>
              </span>
              <span className="search__meta">
                {hit.visits ?? 0} visits
                {(hit.pendingBalance ?? 0) > 0 && <span className="money--owed"> · pending {money(hit.pendingBalance ?? 0)}</span>}
                {(hit.advanceBalance ?? 0) > 0 && <span> · advance {money(hit.advanceBalance ?? 0)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {searched && hits.length === 0 && (
        <div className="search__create">
          {looksLikePhone(query) ? (
            <>
              <p className="muted">No customer with that number yet.</p>
              <div className="row">
                <input aria-label="New customer name" placeholder="Name" value={name} onChange={(event) => setName(event.target.value)} />
                <button type="button" className="button button--primary" disabled={busy} onClick={() => void create()}>
                  Create customer
                </button>
              </div>
            </>
          ) : (
            <p className="muted">Nobody found. Type a phone number to create a customer.</p>
          )}
        </div>
      )}
      {error && (
        <p className="form__error" role="alert" data-testid="phone-error">
          {error}
        </p>
      )}
    </div>
  )
}
