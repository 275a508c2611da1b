'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/lib/stores'

const METHODS = [
  ['cash', 'Cash'],
  ['upi', 'UPI'],
  ['card', 'Card'],
  ['bank_transfer', 'Bank transfer'],
  ['cheque', 'Cheque'],
] as const

/** Green "Collect" → dialog (amount prefilled with what is owed) → the row updates in place. */
export function CollectButton({ store, customer, label = 'Collect' }: { store: StoreSummary; customer: { id: number; name: string; pendingBalance: number }; label?: string }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [amount, setAmount] = useState(toAmountInput(customer.pendingBalance, store.currency))
  const [method, setMethod] = useState<string>('cash')
  const [reference, setReference] = useState('')
  const [notes, setNotes] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [amount, method, reference, notes])

  async function submit() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 600')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(`/api/customers/${customer.id}/collect`, {
      idempotencyKey: intent.current,
      body: { amount: minor, method, reference: reference.trim() || undefined, notes: notes.trim() || undefined },
    })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.amount ?? result.message)
    dialog.current?.close()
    router.refresh()
  }

  return (
    <>
      <button type="button" className="button button--ok" onClick={() => { setError(null); dialog.current?.showModal() }}>
        {label}
      </button>
      <dialog ref={dialog} aria-label={`Collect from ${customer.name}`}>
        <form method="dialog" className="form" onSubmit={(event) => { event.preventDefault(); void submit() }}>
          <h2>Collect from {customer.name}</h2>
          <p className="muted">Pending {formatMoney(customer.pendingBalance, store.currency, store.locale)} — applied to the oldest bills first.</p>
          <label className="field">
            <span>Amount</span>
            <input aria-label="Amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
          </label>
          <label className="field">
            <span>Method</span>
            <select aria-label="Method" value={method} onChange={(event) => setMethod(event.target.value)}>
              {METHODS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Reference</span>
            <input aria-label="Reference" value={reference} onChange={(event) => setReference(event.target.value)} placeholder="UPI / cheque no. (optional)" />
          </label>
          <label className="field">
            <span>Notes</span>
            <input aria-label="Notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
          </label>
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--ok" disabled={busy}>
              {busy ? 'Saving…' : 'Collect payment'}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
