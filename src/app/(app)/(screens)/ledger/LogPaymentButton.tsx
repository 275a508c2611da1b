'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { CustomerSearch, type CustomerHit } from '@/components/CustomerSearch'
import { DialogFooter } from '@/components/DialogFooter'
import { PAYMENT_METHOD_OPTIONS } from '@/components/paymentMethods'
import { useToast } from '@/components/Toasts'
import { useOpenInvoices } from '@/components/useOpenInvoices'
import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

/**
 * "Log payment" → a customer payment in the ledger (POST /api/transactions), applied to the
 * chosen invoice, or to the customer's open invoices oldest first; any excess stays unmatched.
 */
export function LogPaymentButton({ store }: { store: StoreSummary }) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const [customer, setCustomer] = useState<CustomerHit | null>(null)
  const [invoiceId, setInvoiceId] = useState('')
  const [invoiceNumber, setInvoiceNumber] = useState('')
  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState('cash')
  const [reference, setReference] = useState('')
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
  const open = useOpenInvoices(customer?.id ?? null)
  useEffect(() => {
    intent.current = null
  }, [customer, invoiceId, invoiceNumber, amount, method, reference, notes])

  function reset() {
    setCustomer(null)
    setInvoiceId('')
    setInvoiceNumber('')
    setAmount('')
    setReference('')
    setNotes('')
    setErrors({})
    setMessage(null)
  }

  function chooseInvoice(id: string) {
    setInvoiceId(id)
    const invoice = open.invoices.find((candidate) => String(candidate.id) === id)
    if (invoice) {
      setInvoiceNumber('')
      setAmount(toAmountInput(invoice.amountDue, store.currency))
    }
  }

  /** The invoice id to link: the one picked, or the one whose number was typed. */
  async function linkedInvoice(): Promise<number | null | 'missing'> {
    if (invoiceId) return Number(invoiceId)
    const number = invoiceNumber.trim()
    if (!number || !customer) return null
    const query = new URLSearchParams({
      'where[store][equals]': String(store.id),
      'where[customer][equals]': String(customer.id),
      'where[number][equals]': number,
      limit: '1',
      depth: '0',
    })
    const result = await api<{ docs: { id: number }[] }>(`/api/invoices?${query}`)
    return result.ok && result.body.docs[0] ? result.body.docs[0].id : 'missing'
  }

  async function submit() {
    const found: Record<string, string> = {}
    if (!customer) found.customer = 'Pick the customer who paid'
    const minor = parseAmount(amount, store.currency)
    if (!minor) found.amount = 'Enter an amount like 600'
    setErrors(found)
    setMessage(null)
    if (Object.keys(found).length > 0 || !customer || !minor) return
    setBusy(true)
    const invoice = await linkedInvoice()
    if (invoice === 'missing') {
      setBusy(false)
      return setErrors({ invoice: `${customer.name} has no invoice ${invoiceNumber.trim()}` })
    }
    intent.current ??= newIdempotencyKey()
    const result = await api<{ doc: { id: number; reference: string } }>('/api/transactions', {
      idempotencyKey: intent.current,
      body: {
        store: store.id,
        type: 'income',
        kind: 'payment',
        amount: minor,
        method,
        customer: customer.id,
        ...(invoice ? { invoice } : {}),
        reference: reference.trim() || undefined,
        notes: notes.trim() || undefined,
      },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      return setMessage(result.message)
    }
    toast({ text: `Logged ${money(minor)} from ${customer.name}`, reference: result.body.doc.reference, receipt: `/receipts/payment/${result.body.doc.id}` })
    reset()
    setClosing(true)
    startRefresh(() => router.refresh())
  }

  return (
    <>
      <button
        type="button"
        className="button button--ok"
        onClick={() => {
          setErrors({})
          setMessage(null)
          dialog.current?.showModal()
        }}
      >
        Log payment
      </button>
      <dialog ref={dialog} aria-label="Log payment" className="dialog--wide">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>Log payment</h2>
          {customer ? (
            <div className="row picked">
              <span data-testid="picked-customer">
                <strong>{customer.name}</strong> <span className="muted">{customer.phone}</span>
                {(customer.pendingBalance ?? 0) > 0 && <span className="money--owed"> · pending {money(customer.pendingBalance ?? 0)}</span>}
              </span>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setCustomer(null)
                  setInvoiceId('')
                }}
              >
                Change
              </button>
            </div>
          ) : (
            <CustomerSearch
              store={store}
              money={money}
              label="Customer"
              sort="-pendingBalance"
              onPick={(picked) => {
                setCustomer(picked)
                setErrors({})
              }}
            />
          )}
          {errors.customer && <span className="field__error">{errors.customer}</span>}

          {customer && (
            <>
              <label className="field">
                <span>Invoice</span>
                <select aria-label="Invoice" value={invoiceId} onChange={(event) => chooseInvoice(event.target.value)} disabled={open.loading}>
                  <option value="">{open.loading ? 'Loading…' : 'None — apply to the oldest open bills'}</option>
                  {open.invoices.map((invoice) => (
                    <option key={invoice.id} value={invoice.id}>
                      {invoice.number ?? `#${invoice.id}`} · {invoice.status} · due {money(invoice.amountDue)}
                    </option>
                  ))}
                </select>
              </label>
              {!invoiceId && (
                <label className="field">
                  <span>or invoice number</span>
                  <input aria-label="Invoice number" value={invoiceNumber} onChange={(event) => setInvoiceNumber(event.target.value)} placeholder="SAL-26-0042 (optional)" />
                </label>
              )}
              {errors.invoice && <span className="field__error">{errors.invoice}</span>}
            </>
          )}

          <label className="field">
            <span>Amount</span>
            <input aria-label="Amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
            {errors.amount && <span className="field__error">{errors.amount}</span>}
          </label>
          <label className="field">
            <span>Method</span>
            <select aria-label="Method" value={method} onChange={(event) => setMethod(event.target.value)}>
              {PAYMENT_METHOD_OPTIONS.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            {errors.method && <span className="field__error">{errors.method}</span>}
          </label>
          <label className="field">
            <span>Reference</span>
            <input aria-label="Reference" value={reference} onChange={(event) => setReference(event.target.value)} placeholder="UPI / cheque no. (blank: next PAY-…)" />
          </label>
          <label className="field">
            <span>Notes</span>
            <input aria-label="Notes" value={notes} onChange={(event) => setNotes(event.target.value)} />
          </label>
          <p className="muted hint">Anything beyond what the invoice (or the customer) owes stays unmatched — see Reconciliation.</p>
          <DialogFooter
            message={message}
            busy={busy || closing}
            busyLabel={closing ? 'Updating…' : 'Saving…'}
            submitLabel="Log payment"
            submitClass="button--ok"
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  )
}
