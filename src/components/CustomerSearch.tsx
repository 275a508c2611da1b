'use client'

import { useId, type ReactNode } from 'react'

import { countOf } from '@/domain/plural'
import type { StoreSummary } from '@/server/stores'

import { useCustomerSearch, type CustomerHit } from './useCustomerSearch'

export type { CustomerHit }

/**
 * Find a customer of the store by name or phone as you type; arrow keys and Enter pick one.
 * The POS and the ledger's dialogs both use it; `whenNobody` says what to offer when nobody
 * matches (the POS creates the customer from the phone typed).
 */
export function CustomerSearch({
  store,
  money,
  onPick,
  label,
  placeholder = 'Name or phone',
  autoFocus = false,
  sort,
  whenNobody,
}: {
  store: StoreSummary
  money: (minor: number) => string
  onPick: (customer: CustomerHit) => void
  label: string
  placeholder?: string
  autoFocus?: boolean
  sort?: string
  whenNobody?: (query: string) => ReactNode
}) {
  const listId = useId()
  const search = useCustomerSearch(store.id, { sort })
  const pick = (hit: CustomerHit | undefined) => hit && onPick(hit)

  return (
    <div className="search">
      <label className="field">
        <span>{label}</span>
        <input
          autoFocus={autoFocus}
          role="combobox"
          aria-label={label}
          aria-expanded={search.hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={search.hits.length > 0 ? `${listId}-${search.active}` : undefined}
          autoComplete="off"
          value={search.query}
          placeholder={placeholder}
          onChange={(event) => search.setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault()
              search.move(event.key === 'ArrowDown' ? 1 : -1)
            } else if (event.key === 'Enter' && search.hits.length > 0) {
              event.preventDefault()
              pick(search.hits[search.active])
            }
          }}
        />
      </label>
      {search.hits.length > 0 && (
        <ul id={listId} role="listbox" className="search__hits">
          {search.hits.map((hit, index) => (
            <li
              key={hit.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === search.active}
              className={index === search.active ? 'search__hit search__hit--active' : 'search__hit'}
              onMouseDown={(event) => {
                event.preventDefault()
                pick(hit)
              }}
            >
              <span>
                <strong>{hit.name}</strong> <span className="muted">{hit.phone}</span>
              </span>
              <span className="search__meta">
                {countOf(hit.visits ?? 0, 'visit', 'visits', store.locale)}
                {(hit.pendingBalance ?? 0) > 0 && <span className="money--owed"> · pending {money(hit.pendingBalance ?? 0)}</span>}
                {(hit.advanceBalance ?? 0) > 0 && <span> · advance {money(hit.advanceBalance ?? 0)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {search.nobody && (whenNobody ? whenNobody(search.query) : <p className="muted">Nobody found.</p>)}
    </div>
  )
}
