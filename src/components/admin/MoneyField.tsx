'use client'

import { FieldDescription, FieldError, FieldLabel, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import type { NumberFieldClientProps } from 'payload'
import { useEffect, useState } from 'react'

import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'

import { useStoreMoney } from './storeMoney'

/**
 * Amounts in the admin as people read them (issue 13): "₹600.00" shown and typed, 60000
 * minor units stored exactly as before. Read-only when derived, and — with lockWhenPosted —
 * once the invoice is posted (the ledger owns it then; void it and issue a new one).
 */
export function MoneyField(props: NumberFieldClientProps & { lockWhenPosted?: boolean }) {
  const { field, path: pathFromProps, readOnly, lockWhenPosted } = props
  const { path, value, setValue, showError, disabled } = useField<number | string | null>({ potentiallyStalePath: pathFromProps })
  const store = useFormFields(([fields]) => fields.store?.value)
  const { currency, locale } = useStoreMoney(store)
  const { data } = useDocumentInfo()
  const locked = Boolean(lockWhenPosted && data?.status && data.status !== 'draft')
  const [text, setText] = useState(typeof value === 'number' ? toAmountInput(value, currency) : '')
  const [focused, setFocused] = useState(false)
  useEffect(() => {
    if (!focused) setText(typeof value === 'number' ? toAmountInput(value, currency) : value == null ? '' : String(value))
  }, [value, currency, focused])
  const parsed = text.trim() === '' ? null : parseAmount(text, currency)
  const bad = text.trim() !== '' && parsed === null
  const label = typeof field.label === 'string' ? field.label : field.name
  const inactive = readOnly || disabled || locked
  return (
    <div className={['field-type', 'number', 'money-field', showError && 'error', inactive && 'read-only'].filter(Boolean).join(' ')}>
      <FieldLabel label={label} path={path} required={field.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <div className="money-field__input">
          <input
            id={`field-${path.replace(/\./g, '__')}`}
            name={path}
            aria-label={label}
            inputMode="decimal"
            disabled={inactive}
            value={inactive ? (typeof value === 'number' ? formatMoney(value, currency, locale) : '') : text}
            placeholder={toAmountInput(0, currency)}
            onFocus={() => setFocused(true)}
            onBlur={() => {
              setFocused(false)
              if (parsed !== null) setText(toAmountInput(parsed, currency))
            }}
            onChange={(event) => {
              setText(event.target.value)
              const minor = event.target.value.trim() === '' ? null : parseAmount(event.target.value, currency)
              // Unreadable text goes to the server as typed, which refuses it naming the field.
              setValue(minor ?? (event.target.value.trim() === '' ? null : event.target.value))
            }}
          />
        </div>
        {bad && <p className="money-field__hint">Enter an amount like 600 or 1,200.50 ({currency})</p>}
        {!inactive && parsed !== null && (
          <p className="money-field__hint">
            {formatMoney(parsed, currency, locale)} · stored as {parsed} minor units
          </p>
        )}
        {locked ? <p className="money-field__hint">Locked: the invoice is posted.</p> : <FieldDescription description={field.admin?.description} path={path} />}
      </div>
    </div>
  )
}
