'use client'

import { useEffect, useRef, useState } from 'react'

import { api } from './apiClient'

export interface CustomerHit {
  id: number
  name: string
  phone: string
  visits?: number | null
  pendingBalance?: number | null
  advanceBalance?: number | null
  servicesCount?: number | null
  /** SPEC §9: null = no limit, 0 = cash only */
  creditLimit?: number | null
  /** A business customer's GSTIN and place of supply (SPEC §12): the POS's tax preview uses them. */
  gstin?: string | null
  stateCode?: string | null
}

/**
 * Customers of a store whose name or phone matches what is typed (debounced, 2+ characters;
 * a late answer never overwrites a newer one), with the active hit for arrow keys.
 */
export function useCustomerSearch(storeId: number, { sort = '-lastVisitAt', limit = 8 }: { sort?: string; limit?: number } = {}) {
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<CustomerHit[]>([])
  const [active, setActive] = useState(0)
  const [searched, setSearched] = useState('')
  const latest = useRef(0)

  useEffect(() => {
    const text = query.trim()
    if (text.length < 2) {
      latest.current += 1
      setHits([])
      setSearched('')
      return
    }
    const ticket = ++latest.current
    const timer = setTimeout(async () => {
      const digits = text.replace(/[^\d]/g, '')
      const params = new URLSearchParams({
        'where[store][equals]': String(storeId),
        'where[or][0][name][like]': text,
        limit: String(limit),
        depth: '0',
        sort,
      })
      if (digits.length >= 3) params.set('where[or][1][phone][contains]', digits)
      const result = await api<{ docs: CustomerHit[] }>(`/api/customers?${params}`)
      if (ticket !== latest.current) return
      setHits(result.ok ? result.body.docs : [])
      setActive(0)
      setSearched(text)
    }, 200)
    return () => clearTimeout(timer)
  }, [query, storeId, sort, limit])

  return {
    query,
    setQuery,
    hits,
    active,
    /** Moves the active hit with ArrowUp / ArrowDown. */
    move: (by: 1 | -1) => setActive((current) => Math.max(0, Math.min(current + by, hits.length - 1))),
    /** The search ran for what is typed and found nobody. */
    nobody: searched !== '' && searched === query.trim() && hits.length === 0,
  }
}
