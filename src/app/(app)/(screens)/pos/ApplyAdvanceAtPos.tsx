'use client'

import { useState } from 'react'

import { ApplyAdvanceButton } from '@/components/ApplyAdvanceButton'
import { useOpenInvoices } from '@/components/useOpenInvoices'
import { formatMoney } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/**
 * At the POS (SPEC §9a): a customer who holds an advance and owes on earlier bills can have
 * those bills paid from it, one "Apply advance" per open bill. Self-contained: it loads the
 * open bills itself and reports the new balances to the checkout.
 */
export function ApplyAdvanceAtPos({
  store,
  customer,
  onApplied,
}: {
  store: StoreSummary
  customer: { id: number; pendingBalance?: number | null; advanceBalance?: number | null }
  onApplied: (balances: { pendingBalance: number; advanceBalance: number }) => void
}) {
  const advance = customer.advanceBalance ?? 0
  const owes = (customer.pendingBalance ?? 0) > 0
  const [reload, setReload] = useState(0)
  const { invoices } = useOpenInvoices(advance > 0 && owes ? customer.id : null, reload)
  if (advance <= 0 || !owes || invoices.length === 0) return null
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  return (
    <div className="alert alert--pending" role="status" data-testid="pos-apply-advance">
      <span>Advance held {money(advance)} can pay the open bills:</span>
      <ul className="search__hits">
        {invoices.map((invoice) => (
          <li key={invoice.id} className="row">
            <span>
              {invoice.number ?? `#${invoice.id}`} · due <span className="money--owed">{money(invoice.amountDue)}</span>
            </span>
            <ApplyAdvanceButton
              store={store}
              invoice={{ id: invoice.id, number: invoice.number, amountDue: invoice.amountDue }}
              advanceBalance={advance}
              onApplied={(result) => {
                onApplied({ pendingBalance: result.customer.pendingBalance, advanceBalance: result.customer.advanceBalance })
                setReload((count) => count + 1)
              }}
            />
          </li>
        ))}
      </ul>
    </div>
  )
}
