import type { NumberField } from 'payload'

import { MAX_MINOR } from '@/domain/money'

import { derived } from './derived'

/** Validates an integer amount in minor units; the message names the field. */
export function validateMinor(name: string, { allowZero }: { allowZero: boolean }) {
  return (value: number | null | undefined, { required }: { required?: boolean }) => {
    if (value === null || value === undefined) return required ? `${name} is required` : true
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a number of minor units`
    if (!Number.isInteger(value)) return `${name} must be a whole number of minor units (e.g. 60000 for ₹600.00)`
    if (value < 0) return `${name} cannot be negative`
    if (value === 0 && !allowZero) return `${name} must be greater than 0`
    if (value > MAX_MINOR) return `${name} cannot exceed ${MAX_MINOR} minor units`
    return true
  }
}

/** The admin shows and takes money as ₹600.00 (stored as 60000 minor units), in its lists too. */
const moneyComponents = (lockWhenPosted = false) => ({
  Field: { path: '@/components/admin/MoneyField#MoneyField', clientProps: { lockWhenPosted } },
  Cell: '@/components/admin/MoneyCell#MoneyCell',
})

/** An amount a client may enter: integer minor units of the store's currency. */
export function money(name: string, options: { required?: boolean; allowZero?: boolean; description?: string; lockWhenPosted?: boolean } = {}): NumberField {
  const allowZero = options.allowZero ?? false
  return {
    name,
    type: 'number',
    required: options.required,
    min: allowZero ? 0 : 1,
    max: MAX_MINOR,
    admin: {
      step: 1,
      description: options.description ?? 'Type the amount (600 or 600.50); the API takes minor units (60000 = ₹600.00)',
      components: moneyComponents(options.lockWhenPosted),
    },
    validate: validateMinor(name, { allowZero }),
  }
}

/** An amount the ledger derives: read-only to every client. */
export function derivedMoney(name: string, description?: string): NumberField {
  return derived({ name, type: 'number', defaultValue: 0, admin: { description: description ?? 'Derived from the ledger', components: moneyComponents() } })
}
