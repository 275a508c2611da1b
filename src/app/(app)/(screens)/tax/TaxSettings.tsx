'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'

import { api } from '@/components/apiClient'
import { useToast } from '@/components/Toasts'
import { parseRatePercent, rateInput } from '@/domain/ratePercentInput'
import type { StoreTaxSettings } from '@/server/stores'

/**
 * The store's tax registration (SPEC §12): GSTIN (checked by the server: format and check
 * character), state, whether prices include tax, the tax's name and the rate of typed lines
 * and advances. Saved with PATCH /api/stores/:id; errors appear next to the field named.
 */
export function TaxSettings({ store }: { store: { id: number; currency: string; tax: StoreTaxSettings } }) {
  const router = useRouter()
  const toast = useToast()
  const [refreshing, startRefresh] = useTransition()
  const gst = store.currency === 'INR'
  const [values, setValues] = useState({
    gstin: store.tax.gstin ?? '',
    stateCode: store.tax.stateCode ?? '',
    pricesIncludeTax: store.tax.pricesIncludeTax,
    taxLabel: store.tax.taxLabel,
    rate: rateInput(store.tax.defaultTaxRate),
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  async function save() {
    const defaultTaxRate = parseRatePercent(values.rate)
    if (defaultTaxRate === null) return setErrors({ defaultTaxRate: 'Enter a rate in percent, like 18' })
    setBusy(true)
    const result = await api(`/api/stores/${store.id}`, {
      method: 'PATCH',
      body: {
        gstin: values.gstin.trim() || null,
        stateCode: values.stateCode.trim() || null,
        pricesIncludeTax: values.pricesIncludeTax,
        taxLabel: values.taxLabel.trim() || 'GST',
        defaultTaxRate,
      },
    })
    setBusy(false)
    setErrors(result.ok ? {} : { ...result.fieldErrors, ...(Object.keys(result.fieldErrors).length === 0 ? { gstin: result.message ?? 'Not saved' } : {}) })
    if (!result.ok) return
    setValues((current) => ({ ...current, gstin: result.body.doc.gstin ?? '', stateCode: result.body.doc.stateCode ?? '' }))
    toast({ text: 'Tax settings saved' })
    startRefresh(() => router.refresh())
  }

  const text = (name: 'gstin' | 'stateCode' | 'taxLabel' | 'rate', label: string, hint: string, error = name === 'rate' ? 'defaultTaxRate' : name) => (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={label}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={Boolean(errors[error]) || undefined}
      />
      <span className="hint muted">{hint}</span>
      {errors[error] && (
        <span className="form__error" role="alert">
          {errors[error]}
        </span>
      )}
    </label>
  )

  return (
    <div className="panel" data-testid="tax-settings">
      <h2>Tax settings</h2>
      <div className="form-grid">
        {text('gstin', gst ? 'GSTIN' : `${values.taxLabel} number`, gst ? '15 characters, e.g. 27AAKFD4821M1Z5; empty: not registered (bills of supply)' : 'Empty: not registered')}
        {text('stateCode', gst ? 'State code' : 'Region', gst ? 'Filled from the GSTIN (27 = Maharashtra)' : 'Optional')}
        {text('taxLabel', 'Name of the tax', 'GST, VAT, Sales tax — as documents print it')}
        {text('rate', 'Rate of typed lines and advances (%)', 'Catalogue services carry their own rate')}
        <label className="field field--inline">
          <input type="checkbox" checked={values.pricesIncludeTax} onChange={(event) => setValues({ ...values, pricesIncludeTax: event.target.checked })} />
          <span>Prices include {values.taxLabel || 'tax'}</span>
        </label>
      </div>
      <button type="button" className="button button--primary" disabled={busy || refreshing} onClick={save}>
        Save tax settings
      </button>
    </div>
  )
}
