'use client'

import { useState } from 'react'

import { api } from '@/components/apiClient'
import { CustomerSearch, type CustomerHit } from '@/components/CustomerSearch'
import { countOf } from '@/domain/plural'

import { ApplyAdvanceAtPos } from './ApplyAdvanceAtPos'
import { CollectNow } from './CollectNow'
import { FieldError } from './FieldError'
import type { PosCheckoutState } from './usePosCheckout'

const looksLikePhone = (text: string) => /^[+\d][\d\s-]{6,}$/.test(text.trim())

/** Who the bill is for: search by name or phone, or create the customer from a phone number. */
export function CustomerPanel({ pos, onPicked }: { pos: PosCheckoutState; onPicked: () => void }) {
  const { customer, money, store } = pos
  const pick = (hit: CustomerHit) => {
    pos.setCustomer(hit)
    onPicked()
  }
  return (
    <div className="panel pos__customer">
      <h2>Customer</h2>
      {customer ? (
        <div className="customer-card" data-testid="selected-customer">
          <div>
            <strong>{customer.name}</strong> <span className="muted">{customer.phone}</span>
          </div>
          <div className="muted">
            {countOf(customer.visits ?? 0, 'visit', 'visits', store.locale)} · advance held {money(customer.advanceBalance ?? 0)}
          </div>
          {pos.credit.limit !== null && (
            <div className="muted" data-testid="available-credit">
              {pos.credit.limit === 0 ? 'Cash only (no credit)' : `Available credit ${money(pos.credit.available ?? 0)} of ${money(pos.credit.limit)}`}
            </div>
          )}
          <button type="button" className="button button--ghost" onClick={() => pos.setCustomer(null)}>
            Change customer
          </button>
          {(customer.pendingBalance ?? 0) > 0 && (
            <CollectNow store={store} customer={customer} money={money} onCollected={(pendingBalance) => pos.setCustomer({ ...customer, pendingBalance })} />
          )}
          <ApplyAdvanceAtPos store={store} customer={customer} onApplied={(balances) => pos.setCustomer({ ...customer, ...balances })} />
        </div>
      ) : (
        <CustomerSearch
          store={store}
          money={money}
          label="Find customer"
          placeholder="Priya or 98765…"
          autoFocus
          onPick={pick}
          whenNobody={(query) => <QuickCreate storeId={store.id} phone={query} onCreated={pick} />}
        />
      )}
      <FieldError errors={pos.errors} path="customer" />
    </div>
  )
}

function QuickCreate({ storeId, phone, onCreated }: { storeId: number; phone: string; onCreated: (customer: CustomerHit) => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!looksLikePhone(phone)) return <p className="muted">Nobody found. Type a phone number to create a customer.</p>

  async function create() {
    setBusy(true)
    const result = await api<{ customer: CustomerHit }>('/api/customers/resolve', { body: { store: storeId, phone: phone.trim(), name: name.trim() || undefined } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.phone ?? result.message)
    onCreated(result.body.customer)
  }

  return (
    <form
      className="search__create"
      onSubmit={(event) => {
        event.preventDefault()
        void create()
      }}
    >
      <p className="muted">No customer with that number yet.</p>
      <div className="row">
        <input aria-label="New customer name" placeholder="Name" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button button--primary" disabled={busy}>
          Create customer
        </button>
      </div>
      {error && (
        <p className="form__error" role="alert" data-testid="phone-error">
          {error}
        </p>
      )}
    </form>
  )
}
