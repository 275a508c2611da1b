'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { useOpenInvoices, type OpenInvoice } from '@/components/useOpenInvoices'
import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

export interface UnmatchedPayment {
  transaction: number
  reference: string | null
  customer: { id: number; name: string }
  unmatched: number
}

/** "Match to invoice": applies an unmatched payment to one of that customer's open invoices. */
export function MatchButton({ store, payment }: { store: StoreSummary; payment: UnmatchedPayment }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const [opened, setOpened] = useState(0)
  const { invoices, loading, error: loadError } = useOpenInvoices(opened ? payment.customer.id : null, opened)
  const [invoiceId, setInvoiceId] = useState<number | null>(null)
  const [amount, setAmount] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [invoiceId, amount])

  function choose(invoice: OpenInvoice) {
    setInvoiceId(invoice.id)
    setAmount(toAmountInput(Math.min(payment.unmatched, invoice.amountDue), store.currency))
    setError(null)
  }

  // Preselect the oldest open invoice once the list arrives.
  useEffect(() => {
    if (invoiceId === null && invoices[0]) choose(invoices[0])
    // Only when a new list arrives: choose() reads props and state setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose, see above
  }, [invoices])

  async function submit() {
    if (!invoiceId) return setError('Pick the invoice this payment was for')
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 300')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(`/api/transactions/${payment.transaction}/match`, { idempotencyKey: intent.current, body: { invoice: invoiceId, amount: minor } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.amount ?? result.message)
    dialog.current?.close()
    router.refresh()
  }

  const title = payment.reference ?? `payment #${payment.transaction}`
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        aria-label={`Match ${title} to invoice`}
        onClick={() => {
          setInvoiceId(null)
          setAmount('')
          setError(null)
          setOpened((count) => count + 1)
          dialog.current?.showModal()
        }}
      >
        Match to invoice
      </button>
      <dialog ref={dialog} aria-label={`Match ${title}`} className="dialog--wide">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Match {title}</h2>
          <p className="muted">
            {payment.customer.name} · unmatched {money(payment.unmatched)}
          </p>
          {loading && <p className="muted">Loading open invoices…</p>}
          {loadError && (
            <p className="form__error" role="alert">
              {loadError}
            </p>
          )}
          {!loading && invoices.length === 0 && !loadError && <p className="muted">{payment.customer.name} has no open invoices to match.</p>}
          {invoices.length > 0 && (
            <fieldset className="choices">
              <legend>Open invoices of {payment.customer.name}</legend>
              {invoices.map((invoice) => (
                <label key={invoice.id} className="choice">
                  <input type="radio" name={`match-${payment.transaction}`} checked={invoiceId === invoice.id} onChange={() => choose(invoice)} />
                  <span>
                    <strong>{invoice.number ?? `#${invoice.id}`}</strong> <span className="muted">{invoice.status}</span>
                  </span>
                  <span className="money money--owed">{money(invoice.amountDue)}</span>
                </label>
              ))}
            </fieldset>
          )}
          <label className="field">
            <span>Amount to apply</span>
            <input aria-label="Match amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </label>
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary" disabled={busy || invoices.length === 0}>
              {busy ? 'Matching…' : 'Match'}
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
