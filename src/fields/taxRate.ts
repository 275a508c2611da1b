import type { NumberField } from 'payload'

import { MAX_TAX_RATE } from '@/domain/tax'

/** A tax rate in whole basis points (1800 = 18 %), 0 to 10000; the message names the field. */
export function validateTaxRate(name: string) {
  return (value: number | null | undefined) => {
    if (value === null || value === undefined) return true
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TAX_RATE) {
      return `${name} must be whole basis points from 0 to ${MAX_TAX_RATE} (1800 = 18 %), got ${JSON.stringify(value)}`
    }
    return true
  }
}

export function taxRateField(name: string, options: { description?: string; defaultValue?: number; required?: boolean } = {}): NumberField {
  return {
    name,
    type: 'number',
    required: options.required,
    defaultValue: options.defaultValue,
    min: 0,
    max: MAX_TAX_RATE,
    admin: { step: 1, description: options.description ?? 'Basis points: 1800 = 18 %, 500 = 5 %, 0 = no tax' },
    validate: validateTaxRate(name),
  }
}
