'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition, type RefObject } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { DateInput } from '@/components/DateInput'
import { DialogFooter } from '@/components/DialogFooter'
import { PAYMENT_METHOD_OPTIONS } from '@/components/paymentMethods'
import { useToast, type Toast } from '@/components/Toasts'
import { todayIn } from '@/domain/dates'
import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

export interface ActionInvoice {
  id: number
  number: string | null
  status: string
  amountDue: number
}

const TAKES_PAYMENT = new Set<string>(OPEN_INVOICE_STATUSES)

/** One money action in a dialog, with one Idempotency-Key per intent (reset when the input changes). */
function useIntent(deps: unknown[]) {
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's inputs are the deps: a new key when one changes
  }, deps)
  return () => (intent.current ??= newIdempotencyKey())
}

/**
 * After a money action: confirm it with its reference, refresh the page's figures and close
 * the dialog only once they are on screen (issue 13: figures refresh at once).
 */
function useFinish(dialog: RefObject<HTMLDialogElement | null>) {
  const router = useRouter()
  const toast = useToast()
  const [refreshing, startRefresh] = useTransition()
  const [closing, setClosing] = useState(false)
  useEffect(() => {
    if (closing && !refreshing) {
      setClosing(false)
      dialog.current?.close()
    }
  }, [closing, refreshing, dialog])
  return {
    closing,
    finish: (confirmation: Toast) => {
      toast(confirmation)
      setClosing(true)
      startRefresh(() => router.refresh())
    },
  }
}

type PaymentAnswer = { transaction: { id: number; reference: string; amount: number } }

function MethodSelect({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>Method</span>
      <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        {PAYMENT_METHOD_OPTIONS.map(([method, text]) => (
          <option key={method} value={method}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}

function RecordPayment({ store, invoice, title }: { store: StoreSummary; invoice: ActionInvoice; title: string }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const { closing, finish } = useFinish(dialog)
  const today = todayIn(store.timezone)
  const [amount, setAmount] = useState(toAmountInput(invoice.amountDue, store.currency))
  const [method, setMethod] = useState('cash')
  const [date, setDate] = useState(today)
  const [reference, setReference] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = useIntent([amount, method, date, reference])

  function openDialog() {
    setAmount(toAmountInput(invoice.amountDue, store.currency))
    setErrors({})
    setMessage(null)
    dialog.current?.showModal()
  }

  async function submit() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setErrors({ amount: 'Enter an amount like 600' })
    if (minor > invoice.amountDue) return setErrors({ amount: `At most the amount due, ${formatMoney(invoice.amountDue, store.currency, store.locale)}` })
    if (!date) return setErrors({ date: 'Enter the day it was paid' })
    if (date > today) return setErrors({ date: 'A payment cannot be dated in the future' })
    setBusy(true)
    const result = await api<PaymentAnswer>(`/api/invoices/${invoice.id}/payments`, {
      idempotencyKey: key(),
      body: { amount: minor, method, ...(date && date !== today ? { date } : {}), reference: reference.trim() || undefined },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      return setMessage(Object.values(result.fieldErrors).includes(result.message ?? '') ? null : result.message)
    }
    setReference('')
    finish({
      text: `Recorded ${formatMoney(minor, store.currency, store.locale)} for ${title}`,
      reference: result.body.transaction.reference,
      receipt: `/receipts/payment/${result.body.transaction.id}`,
    })
  }

  return (
    <>
      <button type="button" className="button button--ok" onClick={openDialog}>
        Record payment
      </button>
      <dialog ref={dialog} aria-label={`Record payment for ${title}`}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Record payment · {title}</h2>
          <p className="muted">Due {formatMoney(invoice.amountDue, store.currency, store.locale)}. A smaller amount leaves the rest pending (partial).</p>
          <label className="field">
            <span>Amount</span>
            <input aria-label="Payment amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
            {errors.amount && <span className="field__error">{errors.amount}</span>}
          </label>
          <MethodSelect label="Payment method" value={method} onChange={setMethod} />
          <label className="field">
            <span>Date</span>
            <DateInput label="Payment date" locale={store.locale} value={date} onChange={setDate} />
            {errors.date && <span className="field__error">{errors.date}</span>}
          </label>
          <label className="field">
            <span>Reference</span>
            <input aria-label="Payment reference" value={reference} onChange={(event) => setReference(event.target.value)} placeholder="NEFT / cheque no. (blank: next PAY-…)" />
          </label>
          <DialogFooter
            message={message}
            busy={busy || closing}
            busyLabel={closing ? 'Updating…' : 'Saving…'}
            submitLabel="Record payment"
            submitClass="button--ok"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  )
}

function MarkPaid({ store, invoice, title }: { store: StoreSummary; invoice: ActionInvoice; title: string }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const { closing, finish } = useFinish(dialog)
  const [method, setMethod] = useState('cash')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = useIntent([method])

  async function submit() {
    setBusy(true)
    const result = await api<PaymentAnswer>(`/api/invoices/${invoice.id}/mark-paid`, { idempotencyKey: key(), body: { method } })
    setBusy(false)
    if (!result.ok) return setMessage(result.message)
    finish({
      text: `${title} paid: ${formatMoney(result.body.transaction.amount, store.currency, store.locale)} recorded`,
      reference: result.body.transaction.reference,
      receipt: `/receipts/payment/${result.body.transaction.id}`,
    })
  }

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setMessage(null)
          dialog.current?.showModal()
        }}
      >
        Mark paid
      </button>
      <dialog ref={dialog} aria-label={`Mark ${title} paid`}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Mark {title} paid</h2>
          <p>
            Records a payment of exactly the remaining <strong>{formatMoney(invoice.amountDue, store.currency, store.locale)}</strong>.
          </p>
          <MethodSelect label="Mark paid method" value={method} onChange={setMethod} />
          <DialogFooter
            message={message}
            busy={busy || closing}
            busyLabel={closing ? 'Updating…' : 'Saving…'}
            submitLabel="Mark paid"
            submitClass="button--ok"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  )
}

function VoidInvoice({ invoice, title }: { invoice: ActionInvoice; title: string }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const { closing, finish } = useFinish(dialog)
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = useIntent([reason])

  async function submit() {
    if (!reason.trim()) return setMessage('Give a reason: it stays on the invoice.')
    setBusy(true)
    const result = await api(`/api/invoices/${invoice.id}/void`, { idempotencyKey: key(), body: { reason: reason.trim() } })
    setBusy(false)
    if (!result.ok) return setMessage(result.message)
    finish({ text: `${title} voided` })
  }

  return (
    <>
      <button
        type="button"
        className="button button--danger"
        onClick={() => {
          setMessage(null)
          dialog.current?.showModal()
        }}
      >
        Void
      </button>
      <dialog ref={dialog} aria-label={`Void ${title}`}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Void {title}</h2>
          <p className="muted">The customer no longer owes it. Payments already applied become unmatched credit (see Reconciliation); advance used returns to the deposit.</p>
          <label className="field">
            <span>Reason</span>
            <input aria-label="Void reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={300} autoFocus />
          </label>
          <DialogFooter
            message={message}
            busy={busy || closing}
            submitLabel="Void invoice"
            busyLabel={closing ? 'Updating…' : 'Voiding…'}
            submitClass="button--danger"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  )
}

function PostDraft({ invoice }: { invoice: ActionInvoice }) {
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const key = useIntent([])
  return (
    <>
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          const result = await api(`/api/invoices/${invoice.id}/post`, { idempotencyKey: key(), body: {} })
          setBusy(false)
          if (!result.ok) return setMessage(result.message)
          router.refresh()
        }}
      >
        {busy ? 'Posting…' : 'Post invoice'}
      </button>
      {message && (
        <span className="form__error" role="alert">
          {message}
        </span>
      )}
    </>
  )
}

/** The invoice page's money actions; each refreshes the page so status and history update. */
export function InvoiceActions({ store, invoice, canVoid }: { store: StoreSummary; invoice: ActionInvoice; canVoid: boolean }) {
  const title = invoice.number ?? `draft #${invoice.id}`
  const takesPayment = TAKES_PAYMENT.has(invoice.status) && invoice.amountDue > 0
  return (
    <div className="row no-print">
      {invoice.status === 'draft' && <PostDraft invoice={invoice} />}
      {takesPayment && <RecordPayment key={`pay-${invoice.amountDue}`} store={store} invoice={invoice} title={title} />}
      {takesPayment && <MarkPaid key={`paid-${invoice.amountDue}`} store={store} invoice={invoice} title={title} />}
      {canVoid && invoice.status !== 'void' && invoice.status !== 'draft' && <VoidInvoice invoice={invoice} title={title} />}
    </div>
  )
}
