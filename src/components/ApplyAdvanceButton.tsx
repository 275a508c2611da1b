'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

import { api, newIdempotencyKey } from './apiClient'
import { DialogFooter } from './DialogFooter'

export interface ApplyAdvanceResult {
  invoice: { id: number; status: string; amountPaid: number; amountDue: number }
  customer: { id: number; pendingBalance: number; advanceBalance: number; unmatchedCredit: number }
  utilizations: { advancePayment: number; amount: number }[]
}

/**
 * "Apply advance" (SPEC §9a): pays a posted invoice from the customer's deposits, oldest
 * deposit first — POST /api/invoices/:id/apply-advance, one Idempotency-Key per intent. The
 * amount starts at the smaller of what is due and what is held. Refreshes the page, or hands
 * the answer to `onApplied` (the POS keeps its own state).
 */
export function ApplyAdvanceButton({
  store,
  invoice,
  advanceBalance,
  onApplied,
  buttonClass = 'button button--ok',
}: {
  store: StoreSummary
  invoice: { id: number; number: string | null; amountDue: number }
  advanceBalance: number
  onApplied?: (result: ApplyAdvanceResult) => void
  buttonClass?: string
}) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const suggested = Math.min(invoice.amountDue, advanceBalance)
  const [amount, setAmount] = useState(toAmountInput(suggested, store.currency))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [amount])
  const title = invoice.number ?? `#${invoice.id}`

  async function submit() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 300')
    if (minor > suggested) return setError(`At most ${money(suggested)} (what is due and what is held)`)
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api<ApplyAdvanceResult>(`/api/invoices/${invoice.id}/apply-advance`, { idempotencyKey: intent.current, body: { amount: minor } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.amount ?? result.message)
    dialog.current?.close()
    if (onApplied) onApplied(result.body)
    else router.refresh()
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass}
        aria-label={`Apply advance to ${title}`}
        onClick={() => {
          setAmount(toAmountInput(suggested, store.currency))
          setError(null)
          dialog.current?.showModal()
        }}
      >
        Apply advance
      </button>
      <dialog ref={dialog} aria-label={`Apply advance to ${title}`}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Pay {title} from the advance</h2>
          <p className="muted">
            Due {money(invoice.amountDue)} · advance held {money(advanceBalance)}. Deposits are used oldest first.
          </p>
          <label className="field">
            <span>Amount</span>
            <input aria-label="Advance to apply" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
          </label>
          <DialogFooter message={error} busy={busy} submitLabel="Apply advance" busyLabel="Applying…" submitClass="button--ok" onCancel={() => dialog.current?.close()} />
        </form>
      </dialog>
    </>
  )
}
