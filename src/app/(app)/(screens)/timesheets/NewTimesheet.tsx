'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { CustomerSearch, type CustomerHit } from '@/components/CustomerSearch'
import { DateInput } from '@/components/DateInput'
import { useToast } from '@/components/Toasts'
import { addDays } from '@/domain/billingPeriods'
import { storedDay, todayIn } from '@/domain/dates'
import { formatMoney, lineTotal, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

export interface AssetOption {
  id: number
  name: string
  registration: string | null
  rate: number
}

/**
 * A new timesheet: client, asset, rental period, hours and the hourly rate (the asset's by
 * default); the amount is computed as you type and the timesheet is posted at once (the
 * client owes it), numbered like every invoice.
 */
export function NewTimesheet({
  store,
  assets,
  initialCustomerId,
  clientWord,
}: {
  store: StoreSummary
  assets: AssetOption[]
  initialCustomerId: number | null
  clientWord: string
}) {
  const router = useRouter()
  const toast = useToast()
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const today = todayIn(store.timezone)
  const [client, setClient] = useState<CustomerHit | null>(null)
  const [assetId, setAssetId] = useState(assets[0] ? String(assets[0].id) : '')
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`)
  const [to, setTo] = useState(today)
  const [hours, setHours] = useState('')
  const [rate, setRate] = useState(assets[0] ? toAmountInput(assets[0].rate, store.currency) : '')
  const [due, setDue] = useState(addDays(today, 30))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [, startRefresh] = useTransition()
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [client, assetId, from, to, hours, rate, due])
  useEffect(() => {
    if (!initialCustomerId) return
    void api<CustomerHit>(`/api/customers/${initialCustomerId}?depth=0`).then((result) => result.ok && setClient(result.body))
  }, [initialCustomerId])

  const asset = assets.find((candidate) => String(candidate.id) === assetId)
  const hoursNumber = Number(hours)
  const hoursValid = hours.trim() !== '' && Number.isFinite(hoursNumber) && hoursNumber > 0 && Number.isInteger(hoursNumber * 100)
  const rateMinor = parseAmount(rate, store.currency)
  const amount = hoursValid && rateMinor !== null ? lineTotal(hours, rateMinor) : null

  async function submit() {
    const found: Record<string, string> = {}
    if (!client) found.customer = `Pick the ${clientWord}`
    if (!asset) found.asset = 'Pick the asset rented'
    if (!from) found.periodStart = 'Enter the first day'
    if (to && from && to < from) found.periodEnd = 'The period ends on or after its first day'
    if (!hoursValid) found.hours = 'Enter the hours, like 40 or 7.5'
    if (rateMinor === null || rateMinor === 0) found.rate = 'Enter the hourly rate, like 2500'
    setErrors(found)
    setMessage(null)
    if (Object.keys(found).length > 0 || !client || !asset || rateMinor === null) return
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const period = `${from} – ${to || 'ongoing'}`
    const result = await api<{ doc: { id: number; number: string; total: number } }>('/api/invoices', {
      idempotencyKey: intent.current,
      body: {
        store: store.id,
        customer: client.id,
        kind: 'timesheet',
        status: 'open',
        asset: asset.id,
        periodStart: storedDay(from),
        periodEnd: to ? storedDay(to) : null,
        hours: hoursNumber,
        rate: rateMinor,
        dueDate: due ? storedDay(due) : null,
        items: [{ description: `${asset.name} — ${hours} h (${period})`, quantity: hoursNumber, unitPrice: rateMinor }],
      },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      return setMessage(Object.values(result.fieldErrors).includes(result.message ?? '') ? null : result.message)
    }
    toast({ text: `Timesheet ${result.body.doc.number} posted: ${money(result.body.doc.total)} for ${client.name}` })
    setHours('')
    startRefresh(() => router.refresh())
  }

  const error = (path: string) =>
    errors[path] && (
      <span className="field__error" role="alert">
        {errors[path]}
      </span>
    )

  return (
    <form
      className="panel timesheet-form"
      aria-label="New timesheet"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h2>New timesheet</h2>
      <div className="timesheet-form__grid">
        <div className="timesheet-form__client">
          {client ? (
            <div className="row picked" data-testid="timesheet-client">
              <span>
                <strong>{client.name}</strong> <span className="muted">{client.phone}</span>
              </span>
              <button type="button" className="button button--ghost" onClick={() => setClient(null)}>
                Change
              </button>
            </div>
          ) : (
            <CustomerSearch store={store} money={money} label={clientWord === 'client' ? 'Client' : 'Customer'} sort="name" onPick={setClient} />
          )}
          {error('customer')}
        </div>
        <label className="field">
          <span>Asset</span>
          <select
            aria-label="Asset"
            value={assetId}
            onChange={(event) => {
              setAssetId(event.target.value)
              const picked = assets.find((candidate) => String(candidate.id) === event.target.value)
              if (picked) setRate(toAmountInput(picked.rate, store.currency))
            }}
          >
            {assets.length === 0 && <option value="">No assets yet — add one in the admin</option>}
            {assets.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
                {option.registration ? ` (${option.registration})` : ''}
              </option>
            ))}
          </select>
          {error('asset')}
        </label>
        <label className="field">
          <span>Period from</span>
          <DateInput label="Period from" locale={store.locale} value={from} onChange={setFrom} />
          {error('periodStart')}
        </label>
        <label className="field">
          <span>Period to (empty: still on hire)</span>
          <DateInput label="Period to" locale={store.locale} value={to} onChange={setTo} />
          {error('periodEnd')}
        </label>
        <label className="field">
          <span>Hours</span>
          <input aria-label="Hours" inputMode="decimal" value={hours} onChange={(event) => setHours(event.target.value)} placeholder="40" />
          {error('hours')}
        </label>
        <label className="field">
          <span>Rate per hour</span>
          <input aria-label="Rate per hour" inputMode="decimal" className="input--money" value={rate} onChange={(event) => setRate(event.target.value)} />
          {error('rate')}
        </label>
        <label className="field">
          <span>Due</span>
          <DateInput label="Due date" locale={store.locale} value={due} onChange={setDue} />
        </label>
        <div className="timesheet-form__amount" aria-live="polite">
          <span className="muted">Amount</span>
          <strong data-testid="timesheet-amount">{amount === null ? '–' : money(amount)}</strong>
          {amount !== null && rateMinor !== null && (
            <span className="hint muted">
              {hours} h × {money(rateMinor)}
            </span>
          )}
        </div>
      </div>
      {message && (
        <p className="form__error" role="alert">
          {message}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post timesheet'}
        </button>
      </div>
    </form>
  )
}
