'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { parseAmount } from '@/domain/money'
import type { StoreSummary } from '@/lib/stores'

/** "Take advance" → dialog → POST /api/customers/:id/advances (one Idempotency-Key per intent). */
export function TakeAdvanceButton({ store, customer }: { store: StoreSummary; customer: { id: number; name: string } }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState('cash')
  const [notes, setNotes] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [amount, method, notes])

  async function submit() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 500')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(`/api/customers/${customer.id}/advances`, {
      idempotencyKey: intent.current,
      body: { amount: minor, method, notes: notes.trim() || undefined },
    })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setAmount('')
    dialog.current?.close()
    router.refresh()
  }

  return (
    <>
      <button type="button" className="button" onClick={() => { setError(null); dialog.current?.showModal() }}>
        Take advance
      </button>
      <dialog ref={dialog} aria-label={`Advance from ${customer.name}`}>
        <form className="form" onSubmit={(event) => { event.preventDefault(); void submit() }}>
          <h2>Advance from {customer.name}</h2>
          <label className="field">
            <span>Amount</span>
            <input aria-label="Advance amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
          </label>
          <label className="field">
            <span>Method</span>
            <select aria-label="Advance method" value={method} onChange={(event) => setMethod(event.target.value)}>
              <option value="cash">Cash</option>
              <option value="upi">UPI</option>
              <option value="card">Card</option>
              <option value="bank_transfer">Bank transfer</option>
              <option value="cheque">Cheque</option>
            </select>
          </label>
          <label className="field">
            <span>Notes</span>
            <input aria-label="Advance notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
          </label>
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Take advance'}
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
