'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { formatMoney, parseAmount, toAmountInput } from '@/domain/money'

export interface CreditSettingsValues {
  defaultCreditLimit: number | null
  creditTermsDays: number
  advanceExpiryMonths: number | null
}

/**
 * Credit control, pay-later terms and the deposit expiry policy of a store (SPEC §9):
 * PATCH /api/stores/:id. Empty limit = no limit, 0 = cash only; empty expiry = never.
 */
export function CreditSettings({ store, values }: { store: { id: number; currency: string; locale: string }; values: CreditSettingsValues }) {
  const router = useRouter()
  const [limit, setLimit] = useState(values.defaultCreditLimit === null ? '' : toAmountInput(values.defaultCreditLimit, store.currency))
  const [terms, setTerms] = useState(String(values.creditTermsDays))
  const [expiry, setExpiry] = useState(values.advanceExpiryMonths === null ? '' : String(values.advanceExpiryMonths))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const [expiryRun, setExpiryRun] = useState<string | null>(null)

  /** Runs the policy now (it also runs daily): POST /api/advance-payments/expire {store}. */
  async function expireNow() {
    setExpiryRun('Running…')
    const result = await api<{ expired: { id: number; amount: number }[] }>('/api/advance-payments/expire', { body: { store: store.id }, idempotencyKey: newIdempotencyKey() })
    if (!result.ok) return setExpiryRun(result.message ?? 'Not run')
    const { expired } = result.body
    const total = expired.reduce((sum, deposit) => sum + deposit.amount, 0)
    setExpiryRun(
      expired.length === 0 ? 'No deposit is old enough to expire.' : `${expired.length} deposit(s) expired, ${formatMoney(total, store.currency, store.locale)} forfeited.`,
    )
    router.refresh()
  }

  const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null)

  async function save(event: React.FormEvent) {
    event.preventDefault()
    setMessage(null)
    const found: Record<string, string> = {}
    const limitMinor = limit.trim() === '' ? null : parseAmount(limit, store.currency)
    if (limit.trim() !== '' && limitMinor === null) found.defaultCreditLimit = 'Enter an amount like 5000, 0 for cash only, or leave it empty for no limit'
    const termsDays = whole(terms)
    if (termsDays === null) found.creditTermsDays = 'Enter whole days, 0 for the same day'
    const months = expiry.trim() === '' ? null : whole(expiry)
    if (expiry.trim() !== '' && months === null) found.advanceExpiryMonths = 'Enter whole months, or leave it empty for never'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    const result = await api(`/api/stores/${store.id}`, { method: 'PATCH', body: { defaultCreditLimit: limitMinor, creditTermsDays: termsDays, advanceExpiryMonths: months } })
    setBusy(false)
    if (!result.ok) {
      setErrors(Object.keys(result.fieldErrors).length > 0 ? result.fieldErrors : { form: result.message ?? 'Not saved' })
      return
    }
    setMessage('Saved')
    router.refresh()
  }

  const error = (path: string) =>
    errors[path] && (
      <span className="field__error" role="alert">
        {errors[path]}
      </span>
    )

  return (
    <form className="panel settings-form" onSubmit={(event) => void save(event)} data-testid="credit-settings">
      <h2>Credit, terms and deposits</h2>
      <label className="field">
        <span>Default credit limit</span>
        <input aria-label="Default credit limit" inputMode="decimal" placeholder="No limit" value={limit} onChange={(event) => setLimit(event.target.value)} />
        <span className="muted hint">
          New customers start with it. Empty = no limit, 0 = cash only. A sale, invoice or booking that would take a customer above their limit is refused unless an owner overrides
          it with a reason.
        </span>
        {error('defaultCreditLimit')}
      </label>
      <label className="field">
        <span>Pay-later terms (days)</span>
        <input aria-label="Pay-later terms (days)" inputMode="numeric" value={terms} onChange={(event) => setTerms(event.target.value)} />
        <span className="muted hint">
          A POS bill left with money due is due this many days after it is issued (0 = the same day); overdue and aging count from then. A customer’s own terms override it.
        </span>
        {error('creditTermsDays')}
      </label>
      <label className="field">
        <span>Deposits expire after (months)</span>
        <input aria-label="Deposits expire after (months)" inputMode="numeric" placeholder="Never" value={expiry} onChange={(event) => setExpiry(event.target.value)} />
        <span className="muted hint">What remains of a deposit left unused this long is forfeited (checked daily) and shown apart on the dashboard. Empty = never.</span>
        {error('advanceExpiryMonths')}
      </label>
      {values.advanceExpiryMonths !== null && (
        <div className="row">
          <button type="button" className="button" onClick={() => void expireNow()}>
            Expire old deposits now
          </button>
          {expiryRun && (
            <span className="muted" role="status" data-testid="expiry-run">
              {expiryRun}
            </span>
          )}
        </div>
      )}
      {error('form')}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
      </div>
    </form>
  )
}
