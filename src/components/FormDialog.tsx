'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import { formatMoney, parseAmount } from '@/domain/money'

import { api, newIdempotencyKey } from './apiClient'
import { DateInput } from './DateInput'
import { DialogFooter } from './DialogFooter'
import { holdRowOrder } from './StableRows'
import { useToast } from './Toasts'

export type DialogField =
  | { name: string; label: string; kind: 'money'; initial?: string; required?: boolean; emptyIsNull?: boolean }
  | { name: string; label: string; kind: 'text' | 'date'; initial?: string; required?: boolean }
  | { name: string; label: string; kind: 'number'; initial?: string; required?: boolean; emptyIsNull?: boolean }
  | { name: string; label: string; kind: 'select'; options: { value: string; label: string }[]; initial?: string; required?: boolean }

/** What the confirmation says: `{amount}` is the amount sent; the reference comes from the answer. */
export interface Confirmation {
  text: string
  /** Link "Print receipt" to the payment receipt of the transaction answered. */
  receipt?: boolean
}

/** The ledger reference and transaction id in the answers of our money endpoints. */
function referenceOf(body: any): { reference: string | null; transaction: number | null } {
  const doc = body?.doc ?? body?.advancePayment ?? body
  return {
    reference: doc?.reference ?? body?.reference ?? body?.transaction?.reference ?? body?.creditNote?.number ?? null,
    transaction: Number(body?.transaction ?? body?.advancePayment?.transaction ?? (body?.doc?.reference ? body.doc.id : null)) || null,
  }
}

/**
 * A button that opens a small form and POSTs it once per intent (Idempotency-Key). Money
 * fields are parsed with parseAmount (minor units); server errors appear next to the field
 * they name, or once below the form. On success the page's figures refresh before the dialog
 * closes, the action is confirmed with its reference, and the row acted on (`keepRow`) keeps
 * its place in the list.
 */
export function FormDialog({
  title,
  buttonLabel,
  submitLabel,
  endpoint,
  fields,
  extra = {},
  currency,
  locale = 'en-IN',
  buttonClass = 'button',
  confirm,
  keepRow,
  intro,
  submitClass,
  buttonAriaLabel,
  method = 'POST',
}: {
  title: string
  buttonLabel: string
  submitLabel: string
  endpoint: string
  fields: DialogField[]
  extra?: Record<string, unknown>
  currency: string
  locale?: string
  buttonClass?: string
  confirm?: Confirmation
  /** The id of the list row this acts on: it stays on screen, in place, after the refresh. */
  keepRow?: number
  /** What the action will do, said before it is done (the dialog is its confirmation). */
  intro?: string
  submitClass?: string
  /** Names the button when several rows have the same one ("Write off SAL-26-0042"). */
  buttonAriaLabel?: string
  /** PATCH edits a record through its REST route (fields with `emptyIsNull` clear it when left empty). */
  method?: 'POST' | 'PATCH'
}) {
  const router = useRouter()
  const pathname = usePathname()
  const search = useSearchParams()
  const toast = useToast()
  const dialog = useRef<HTMLDialogElement>(null)
  const initial = () => Object.fromEntries(fields.map((field) => [field.name, field.initial ?? (field.kind === 'select' ? (field.options[0]?.value ?? '') : '')]))
  const [values, setValues] = useState<Record<string, string>>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [refreshing, startRefresh] = useTransition()
  const [closing, setClosing] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [values])
  // Close once the refreshed figures are on screen, never before.
  useEffect(() => {
    if (closing && !refreshing) {
      setClosing(false)
      dialog.current?.close()
    }
  }, [closing, refreshing])

  async function submit() {
    const body: Record<string, unknown> = { ...extra }
    const found: Record<string, string> = {}
    for (const field of fields) {
      const raw = values[field.name]?.trim() ?? ''
      if (!raw) {
        if (field.required) found[field.name] = `${field.label} is required`
        else if ('emptyIsNull' in field && field.emptyIsNull) body[field.name] = null
        continue
      }
      if (field.kind === 'money') {
        const minor = parseAmount(raw, currency)
        if (minor === null) found[field.name] = 'Enter an amount like 1500 or 1,500.50'
        else body[field.name] = minor
      } else if (field.kind === 'number') {
        // Not a number: sent as typed, so the server's error names the field.
        body[field.name] = Number.isFinite(Number(raw)) ? Number(raw) : raw
      }
      // A bare day: the server reads it as that day in the store (domain/dates).
      else if (field.kind === 'date') body[field.name] = raw
      else body[field.name] = raw
    }
    setErrors(found)
    if (Object.keys(found).length > 0) return
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(endpoint, { method, body, idempotencyKey: intent.current })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      // Shown once: next to the field it names, else below the form.
      setMessage(Object.values(result.fieldErrors).includes(result.message ?? '') ? null : result.message)
      return
    }
    setMessage(null)
    setValues(initial())
    if (confirm) {
      const { reference, transaction } = referenceOf(result.body)
      const amount = typeof body.amount === 'number' ? formatMoney(body.amount, currency, locale) : ''
      toast({ text: confirm.text.replace('{amount}', amount), reference, receipt: confirm.receipt && transaction ? `/receipts/payment/${transaction}` : null })
    }
    setClosing(true)
    startRefresh(() => {
      if (keepRow === undefined) return router.refresh()
      holdRowOrder()
      // The row stays in the list (and in its place) even if the sort would move it away.
      const query = new URLSearchParams(search.toString())
      const kept = new Set((query.get('keep') ?? '').split(',').filter(Boolean))
      kept.add(String(keepRow))
      query.set('keep', [...kept].join(','))
      router.replace(`${pathname}?${query}`, { scroll: false })
    })
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass}
        aria-label={buttonAriaLabel}
        onClick={() => {
          // Each opening starts from the figures on screen now (a collect prefills what is owed now).
          setValues(initial())
          setMessage(null)
          setErrors({})
          dialog.current?.showModal()
        }}
      >
        {buttonLabel}
      </button>
      <dialog ref={dialog} aria-label={title}>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void submit()
          }}
        >
          <h2>{title}</h2>
          {intro && <p className="muted">{intro}</p>}
          {fields.map((field) => (
            <label className="field" key={field.name}>
              <span>{field.label}</span>
              {field.kind === 'select' ? (
                <select aria-label={field.label} value={values[field.name]} onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.kind === 'date' ? (
                <DateInput label={field.label} locale={locale} value={values[field.name] ?? ''} onChange={(value) => setValues({ ...values, [field.name]: value })} />
              ) : (
                <input
                  aria-label={field.label}
                  type="text"
                  inputMode={field.kind === 'money' || field.kind === 'number' ? 'decimal' : undefined}
                  value={values[field.name]}
                  onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                />
              )}
              {errors[field.name] && (
                <span className="field__error" role="alert">
                  {errors[field.name]}
                </span>
              )}
            </label>
          ))}
          <DialogFooter
            message={message}
            busy={busy || closing}
            busyLabel={closing ? 'Updating…' : 'Saving…'}
            submitLabel={submitLabel}
            submitClass={submitClass}
            onCancel={() => dialog.current?.close()}
          />
        </form>
      </dialog>
    </>
  )
}
