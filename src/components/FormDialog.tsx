'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'

import { parseAmount } from '@/domain/money'

import { api, newIdempotencyKey } from './apiClient'
import { DialogFooter } from './DialogFooter'

export type DialogField =
  | { name: string; label: string; kind: 'money'; initial?: string; required?: boolean }
  | { name: string; label: string; kind: 'text' | 'date'; initial?: string; required?: boolean }
  | { name: string; label: string; kind: 'number'; initial?: string; required?: boolean }
  | { name: string; label: string; kind: 'select'; options: { value: string; label: string }[]; initial?: string; required?: boolean }

/**
 * A button that opens a small form and POSTs it once per intent (Idempotency-Key), then
 * refreshes the page. Money fields are parsed with parseAmount (minor units); server errors
 * appear next to the field they name.
 */
export function FormDialog({
  title,
  buttonLabel,
  submitLabel,
  endpoint,
  fields,
  extra = {},
  currency,
  buttonClass = 'button',
}: {
  title: string
  buttonLabel: string
  submitLabel: string
  endpoint: string
  fields: DialogField[]
  extra?: Record<string, unknown>
  currency: string
  buttonClass?: string
}) {
  const router = useRouter()
  const dialog = useRef<HTMLDialogElement>(null)
  const initial = () => Object.fromEntries(fields.map((field) => [field.name, field.initial ?? (field.kind === 'select' ? field.options[0]?.value ?? '' : '')]))
  const [values, setValues] = useState<Record<string, string>>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [values])

  async function submit() {
    const body: Record<string, unknown> = { ...extra }
    const found: Record<string, string> = {}
    for (const field of fields) {
      const raw = values[field.name]?.trim() ?? ''
      if (!raw) {
        if (field.required) found[field.name] = `${field.label} is required`
        continue
      }
      if (field.kind === 'money') {
        const minor = parseAmount(raw, currency)
        if (minor === null) found[field.name] = 'Enter an amount like 1500 or 1,500.50'
        else body[field.name] = minor
      } else if (field.kind === 'number') body[field.name] = Number(raw)
      // A bare day: the server reads it as that day in the store (domain/dates).
      else if (field.kind === 'date') body[field.name] = raw
      else body[field.name] = raw
    }
    setErrors(found)
    if (Object.keys(found).length > 0) return
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(endpoint, { body, idempotencyKey: intent.current })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      setMessage(result.message)
      return
    }
    setMessage(null)
    setValues(initial())
    dialog.current?.close()
    router.refresh()
  }

  return (
    <>
      <button type="button" className={buttonClass} onClick={() => { setMessage(null); setErrors({}); dialog.current?.showModal() }}>
        {buttonLabel}
      </button>
      <dialog ref={dialog} aria-label={title}>
        <form className="form" onSubmit={(event) => { event.preventDefault(); void submit() }}>
          <h2>{title}</h2>
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
              ) : (
                <input
                  aria-label={field.label}
                  type={field.kind === 'date' ? 'date' : 'text'}
                  inputMode={field.kind === 'money' || field.kind === 'number' ? 'decimal' : undefined}
                  value={values[field.name]}
                  onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
                />
              )}
              {errors[field.name] && <span className="field__error" role="alert">{errors[field.name]}</span>}
            </label>
          ))}
          <DialogFooter message={message} busy={busy} submitLabel={submitLabel} onCancel={() => dialog.current?.close()} />
        </form>
      </dialog>
    </>
  )
}
