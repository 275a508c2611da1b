'use client'

import { useEffect, useId, useState } from 'react'

import { dayPattern, formatDayInput, parseDayInput } from '@/domain/dayInput'

/**
 * A calendar day typed the store's way (dd/mm/yyyy in en-IN), whatever the browser's
 * language. Controlled (`value` / `onChange` with 'yyyy-mm-dd') or, in a GET form, by `name`
 * (a hidden input carries the 'yyyy-mm-dd' value).
 */
export function DateInput({
  label,
  locale,
  value,
  defaultValue,
  onChange,
  name,
}: {
  label: string
  locale: string
  value?: string
  defaultValue?: string
  onChange?: (day: string) => void
  name?: string
}) {
  const hintId = useId()
  const controlled = value !== undefined
  const [day, setDay] = useState(controlled ? value : (defaultValue ?? ''))
  const [text, setText] = useState(formatDayInput(controlled ? value : defaultValue, locale))
  const current = controlled ? value : day
  useEffect(() => {
    // A new value from outside (a reset) shows as typed text.
    if (controlled && parseDayInput(text, locale) !== value) setText(formatDayInput(value, locale))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value])
  const parsed = text.trim() === '' ? '' : parseDayInput(text, locale)
  const pattern = dayPattern(locale)
  return (
    <>
      <input
        aria-label={label}
        aria-describedby={parsed === '' ? undefined : hintId}
        aria-invalid={parsed === null}
        inputMode="numeric"
        autoComplete="off"
        placeholder={pattern.placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          const next = event.target.value.trim() === '' ? '' : parseDayInput(event.target.value, locale)
          if (next !== null) {
            if (!controlled) setDay(next)
            onChange?.(next)
          }
        }}
        onBlur={() => parsed && setText(formatDayInput(parsed, locale))}
      />
      {name && <input type="hidden" name={name} value={current} />}
      {parsed === null ? (
        <span id={hintId} className="field__error">
          Enter a date like {formatDayInput('2026-11-23', locale)}
        </span>
      ) : (
        parsed && (
          <span id={hintId} className="hint muted">
            {new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${parsed}T12:00:00Z`))}
          </span>
        )
      )}
    </>
  )
}
