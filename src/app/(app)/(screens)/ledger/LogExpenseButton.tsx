'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { DialogFooter } from '@/components/DialogFooter'
import { PAYMENT_METHOD_OPTIONS } from '@/components/paymentMethods'
import { useToast } from '@/components/Toasts'
import { formatMoney, parseAmount } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/** "Log expense" → an expense transaction (POST /api/transactions): amount, method, notes. */
export function LogExpenseButton({ store }: { store: StoreSummary }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState('cash')
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const toast = useToast()
  const [refreshing, startRefresh] = useTransition()
  const [closing, setClosing] = useState(false)
  useEffect(() => {
    if (closing && !refreshing) {
      setClosing(false)
      dialog.current?.close()
    }
  }, [closing, refreshing])
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [amount, method, notes])

  async function submit() {
    const minor = parseAmount(amount, store.currency)
    const found: Record<string, string> = {}
    if (!minor) found.amount = 'Enter an amount like 250'
    if (!notes.trim()) found.notes = 'Say what it was for'
    setErrors(found)
    setMessage(null)
    if (Object.keys(found).length > 0 || !minor) return
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api<{ doc: { reference: string } }>('/api/transactions', {
      idempotencyKey: intent.current,
      body: { store: store.id, type: 'expense', kind: 'expense', amount: minor, method, notes: notes.trim() },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      return setMessage(result.message)
    }
    toast({ text: `Logged expense ${formatMoney(minor, store.currency, store.locale)}: ${notes.trim()}`, reference: result.body.doc.reference })
    setAmount('')
    setNotes('')
    setClosing(true)
    startRefresh(() => router.refresh())
  }

  return (
    <>
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          setErrors({})
          setMessage(null)
          dialog.current?.showModal()
        }}
      >
        Log expense
      </button>
      <dialog ref={dialog} aria-label="Log expense">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Log expense</h2>
          <label className="field">
            <span>Amount</span>
            <input aria-label="Expense amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
            {errors.amount && <span className="field__error">{errors.amount}</span>}
          </label>
          <label className="field">
            <span>Method</span>
            <select aria-label="Expense method" value={method} onChange={(event) => setMethod(event.target.value)}>
              {PAYMENT_METHOD_OPTIONS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            {errors.method && <span className="field__error">{errors.method}</span>}
          </label>
          <label className="field">
            <span>Notes</span>
            <input aria-label="Expense notes" value={notes} onChange={(event) => setNotes(event.target.value)} placeholder="Rent, supplies, electricity…" />
            {errors.notes && <span className="field__error">{errors.notes}</span>}
          </label>
          <DialogFooter message={message} busy={busy || closing} busyLabel={closing ? 'Updating…' : 'Saving…'} submitLabel="Log expense" onCancel={() => dialog.current?.close()} />
        </form>
      </dialog>
    </>
  )
}
