'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { formatMoney } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

import { api, newIdempotencyKey } from './apiClient'
import { DialogFooter } from './DialogFooter'

/**
 * "Unapply" (owner, SPEC §9a): takes a payment off an invoice with a reversing allocation
 * and a reason — the invoice is due again and the payment unmatched, to be matched where it
 * belongs (Reconciliation). POST /api/allocations/:id/unapply, one Idempotency-Key per intent.
 */
export function UnapplyButton({ store, allocation }: { store: StoreSummary; allocation: { id: number; amount: number; invoice: string | null; payment: string | null } }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [reason])
  const what = `${formatMoney(allocation.amount, store.currency, store.locale)} of ${allocation.payment ?? 'the payment'} on ${allocation.invoice ?? 'the invoice'}`

  async function submit() {
    if (reason.trim().length < 3) return setError('Say why: it stays on both histories.')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(`/api/allocations/${allocation.id}/unapply`, { idempotencyKey: intent.current, body: { reason: reason.trim() } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.reason ?? result.message)
    setReason('')
    dialog.current?.close()
    router.refresh()
  }

  return (
    <>
      <button
        type="button"
        className="button button--ghost hint"
        aria-label={`Unapply ${what}`}
        onClick={() => {
          setError(null)
          dialog.current?.showModal()
        }}
      >
        Unapply
      </button>
      <dialog ref={dialog} aria-label={`Unapply ${what}`}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Take {what} off</h2>
          <p className="muted">The invoice is due again and the payment becomes unmatched credit; match it to the right invoice in Reconciliation.</p>
          <label className="field">
            <span>Reason</span>
            <input aria-label="Unapply reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={300} autoFocus />
          </label>
          <DialogFooter message={error} busy={busy} submitLabel="Unapply" busyLabel="Taking it off…" submitClass="button--danger" onCancel={() => dialog.current?.close()} />
        </form>
      </dialog>
    </>
  )
}
