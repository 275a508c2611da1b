'use client'

import { useEffect, useState } from 'react'

import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'

import { api } from './apiClient'

export interface OpenInvoice {
  id: number
  number: string | null
  kind: string
  status: string
  issueDate: string | null
  dueDate: string | null
  total: number
  amountDue: number
}

/**
 * A customer's invoices that can still take money (open, partial, overdue), oldest first —
 * the order payments are applied in. `customerId` null: nothing loaded.
 */
export function useOpenInvoices(customerId: number | null, reload = 0) {
  const [state, setState] = useState<{ invoices: OpenInvoice[]; loading: boolean; error: string | null }>({ invoices: [], loading: false, error: null })
  useEffect(() => {
    if (!customerId) {
      setState({ invoices: [], loading: false, error: null })
      return
    }
    let current = true
    setState({ invoices: [], loading: true, error: null })
    const query = new URLSearchParams({
      'where[customer][equals]': String(customerId),
      'where[status][in]': OPEN_INVOICE_STATUSES.join(','),
      sort: 'issueDate',
      limit: '100',
      depth: '0',
    })
    void api<{ docs: OpenInvoice[] }>(`/api/invoices?${query}`).then((result) => {
      if (!current) return
      setState({ invoices: result.ok ? result.body.docs : [], loading: false, error: result.ok ? null : result.message })
    })
    return () => {
      current = false
    }
  }, [customerId, reload])
  return state
}
