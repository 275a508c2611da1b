'use client'

import { useRef, useState } from 'react'

import type { PosCheckoutState } from './usePosCheckout'

const REASONS = ['Family', 'VIP guest', 'Compensation', 'Staff']

/**
 * "Complimentary": a free service, with the reason kept on the bill. When the store asks for
 * it, an owner approves a cashier's complimentary bill by signing in here.
 */
export function ComplimentaryButton({ pos, approvalNeeded }: { pos: PosCheckoutState; approvalNeeded: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [reason, setReason] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)

  async function submit() {
    if (!reason.trim()) return setError('Say why it is free: it stays on the bill.')
    if (approvalNeeded && (!email.trim() || !password)) return setError('The owner signs in to approve it.')
    setError(null)
    const result = await pos.complete({ mode: 'complimentary', reason: reason.trim(), ...(approvalNeeded ? { approval: { email: email.trim(), password } } : {}) })
    setPassword('')
    if (result.ok) dialog.current?.close()
    else setError(result.message)
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={pos.busy}
        onClick={() => {
          setError(null)
          dialog.current?.showModal()
        }}
      >
        Complimentary
      </button>
      <dialog ref={dialog} aria-label="Complimentary bill">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Complimentary bill</h2>
          <p className="muted">
            Total {pos.money(0)}; the list price {pos.money(pos.totals.subtotal)} is kept for reports. Nothing is owed.
          </p>
          <label className="field">
            <span>Reason</span>
            <input
              aria-label="Reason"
              list="complimentary-reasons"
              value={reason}
              maxLength={300}
              onChange={(event) => {
                setReason(event.target.value)
                setError(null)
              }}
              autoFocus
            />
            <datalist id="complimentary-reasons">
              {REASONS.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
          </label>
          {approvalNeeded && (
            <fieldset className="approval">
              <legend>Owner’s approval</legend>
              <label className="field">
                <span>Owner email</span>
                <input aria-label="Owner email" type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
              </label>
              <label className="field">
                <span>Owner password</span>
                <input aria-label="Owner password" type="password" autoComplete="off" value={password} onChange={(event) => setPassword(event.target.value)} />
              </label>
            </fieldset>
          )}
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary" disabled={pos.busy}>
              {pos.busy ? 'Saving…' : 'Complete complimentary bill'}
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
