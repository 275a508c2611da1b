'use client'

import { useEffect, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import type { CustomerHit } from '@/components/CustomerSearch'
import { useToast } from '@/components/Toasts'
import { parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

import { CollectionNote } from './CollectionNote'
import { METHODS, type Method } from './usePosCheckout'

/**
 * The yellow pending alert with "Collect now": takes money against the customer's earlier
 * bills without a new one. Each opening starts from what is pending now (issue 13, bug 4).
 */
export function CollectNow({
  store,
  customer,
  money,
  onCollected,
}: {
  store: StoreSummary
  customer: CustomerHit
  money: (minor: number) => string
  onCollected: (pendingBalance: number) => void
}) {
  const toast = useToast()
  const pending = customer.pendingBalance ?? 0
  const [open, setOpen] = useState(false)
  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState<Method>('cash')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    intent.current = null
  }, [amount, method])

  function start() {
    setAmount(toAmountInput(pending, store.currency))
    setError(null)
    setOpen(true)
    setTimeout(() => input.current?.select(), 0)
  }

  async function collect() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 600')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api<{ remainingBalance: number; amountCollected: number; reference: string | null; transaction: number | null }>(`/api/customers/${customer.id}/collect`, {
      idempotencyKey: intent.current,
      body: { amount: minor, method },
    })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setError(null)
    setOpen(false)
    toast({
      text: `Collected ${money(result.body.amountCollected)} from ${customer.name}`,
      reference: result.body.reference,
      receipt: result.body.transaction ? `/receipts/payment/${result.body.transaction}` : null,
    })
    onCollected(result.body.remainingBalance)
  }

  return (
    <div className="alert alert--pending" role="status" data-testid="pending-alert">
      <div>
        Pending balance: <strong className="money--owed">{money(pending)}</strong>
      </div>
      <CollectionNote store={store} customerId={customer.id} />
      {open ? (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault()
            void collect()
          }}
        >
          <input ref={input} aria-label="Collect amount" inputMode="decimal" className="input--money" value={amount} onChange={(event) => setAmount(event.target.value)} />
          <select aria-label="Collect method" value={method} onChange={(event) => setMethod(event.target.value as Method)}>
            {METHODS.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--ok" disabled={busy}>
            {busy ? 'Collecting…' : 'Collect'}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button--ok" onClick={start}>
          Collect now
        </button>
      )}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
