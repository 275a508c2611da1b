'use client'

import { useRef, useState } from 'react'

import { useToast } from '@/components/Toasts'

import type { PosCheckoutState } from './usePosCheckout'

/** The most the server keeps of an override's reason (lib/schemas `creditOverride`). */
const MAX_REASON = 300

/**
 * SPEC §9: an owner lets a sale take the customer above the credit limit, saying why. The
 * dialog is the confirmation: it says how far above the limit the customer will owe, then sends
 * the same checkout with `overrideCreditLimit: {reason}`. A cashier is told to ask an owner.
 */
export function OverrideCreditButton({ pos, canOverride }: { pos: PosCheckoutState; canOverride: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const toast = useToast()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { override, customer, money } = pos
  if (!override || !customer) return null
  if (!canOverride) {
    return (
      <p className="muted hint" data-testid="credit-ask-owner">
        Ask an owner: only an owner can let this sale go above the credit limit.
      </p>
    )
  }
  const limit = pos.credit.limit ?? 0

  async function submit() {
    const said = reason.trim()
    if (!said) return setError('Reason is required: say why (it is kept on the bill).')
    if (said.length > MAX_REASON) return setError(`Reason must be at most ${MAX_REASON} characters`)
    setError(null)
    const completion = override!.completion
    const result = await pos.complete(completion, said)
    if (result.ok) {
      setReason('')
      dialog.current?.close()
      toast({ text: `Credit limit overridden for ${customer!.name}: ${said}`, reference: null, receipt: null })
    } else setError(result.message)
  }

  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="override-credit"
        disabled={pos.busy}
        onClick={() => {
          setError(null)
          dialog.current?.showModal()
        }}
      >
        Override the limit
      </button>
      <dialog ref={dialog} aria-label="Override the credit limit">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Override the credit limit</h2>
          <p className="muted" data-testid="override-intro">
            {customer.name} will owe {money(override.owedAfter)}, {money(override.over)} over the {limit === 0 ? 'cash-only limit' : `limit of ${money(limit)}`}.
            {override.completion.mode === 'no-payment' ? ' The bill is completed with no payment.' : ''} Your reason is kept on the bill.
          </p>
          <label className="field">
            <span>Reason</span>
            <textarea
              aria-label="Override reason"
              rows={2}
              value={reason}
              maxLength={MAX_REASON}
              onChange={(event) => {
                setReason(event.target.value)
                setError(null)
              }}
              autoFocus
            />
          </label>
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary" disabled={pos.busy}>
              {pos.busy ? 'Saving…' : `Override and complete`}
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
