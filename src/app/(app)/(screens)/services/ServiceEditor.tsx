'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'

import { api } from '@/components/apiClient'
import { useToast } from '@/components/Toasts'
import { parseAmount, toAmountInput } from '@/domain/money'
import { parseRatePercent, rateInput } from '@/domain/ratePercentInput'

export interface ServiceRow {
  id: number
  name: string
  sac: string | null
  price: number
  taxRate: number
  active: boolean
}

/**
 * One line of the price list, edited in place — or, without `service`, the form that adds
 * one. The rate is typed in percent (18 → 1800 basis points), the price as the POS charges it.
 */
export function ServiceEditor({ store, service, taxLabel }: { store: { id: number; currency: string }; service?: ServiceRow; taxLabel: string }) {
  const router = useRouter()
  const toast = useToast()
  const [refreshing, startRefresh] = useTransition()
  const [values, setValues] = useState({
    name: service?.name ?? '',
    sac: service?.sac ?? '',
    price: service ? toAmountInput(service.price, store.currency) : '',
    rate: service ? rateInput(service.taxRate) : '18',
    active: service?.active ?? true,
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const prefix = service ? `service-${service.id}` : 'new-service'

  async function save() {
    const found: Record<string, string> = {}
    const price = parseAmount(values.price, store.currency)
    const taxRate = parseRatePercent(values.rate)
    if (!values.name.trim()) found.name = 'Name the service'
    if (price === null) found.price = 'Enter a price like 600 or 600.50'
    if (taxRate === null) found.taxRate = 'Enter a rate in percent, like 18 or 2.5'
    if (values.sac.trim() && !/^\d{4}(\d{2}(\d{2})?)?$/.test(values.sac.trim())) found.sac = 'A SAC / HSN code is 4, 6 or 8 digits'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    const body = { name: values.name.trim(), sac: values.sac.trim() || null, price, taxRate, active: values.active }
    const result = service ? await api(`/api/services/${service.id}`, { method: 'PATCH', body }) : await api('/api/services', { body: { ...body, store: store.id } })
    setBusy(false)
    if (!result.ok) {
      setErrors({ ...result.fieldErrors, ...(Object.keys(result.fieldErrors).length === 0 ? { name: result.message ?? 'Not saved' } : {}) })
      return
    }
    toast({ text: service ? `${body.name} saved` : `${body.name} added to the price list` })
    if (!service) setValues({ name: '', sac: '', price: '', rate: values.rate, active: true })
    startRefresh(() => router.refresh())
  }

  const field = (name: 'name' | 'sac' | 'price' | 'rate', label: string, props: Record<string, unknown> = {}) => (
    <label className="field">
      <span className={service ? 'sr-only' : undefined}>{label}</span>
      <input
        aria-label={service ? `${label} of ${service.name}` : label}
        value={values[name]}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
        aria-invalid={Boolean(errors[name === 'rate' ? 'taxRate' : name]) || undefined}
        {...props}
      />
      {errors[name === 'rate' ? 'taxRate' : name] && <span className="form__error">{errors[name === 'rate' ? 'taxRate' : name]}</span>}
    </label>
  )

  return (
    <div className={`service-row${service && !values.active ? ' service-row--retired' : ''}`} data-testid={prefix}>
      {field('name', 'Service')}
      {field('sac', 'SAC / HSN', { inputMode: 'numeric', placeholder: '999721' })}
      {field('price', 'Price', { inputMode: 'decimal', className: 'input--money' })}
      {field('rate', `${taxLabel} %`, { inputMode: 'decimal' })}
      <label className="field field--inline">
        <input
          type="checkbox"
          checked={values.active}
          onChange={(event) => setValues({ ...values, active: event.target.checked })}
          aria-label={service ? `${service.name} offered` : 'Offered'}
        />
        <span>Offered</span>
      </label>
      <button type="button" className={service ? 'button' : 'button button--primary'} disabled={busy || refreshing} onClick={save}>
        {service ? 'Save' : 'Add service'}
      </button>
    </div>
  )
}
