import type { NumberField } from 'payload'

/** A whole number setting (days, months) with its bounds; the message names the field. */
export function wholeNumber(name: string, options: { notEmpty?: boolean; defaultValue?: number; min: number; max: number; description?: string }): NumberField {
  return {
    name,
    type: 'number',
    // `notEmpty` (not Payload's `required`): the default fills it on create, so creates need not send it.
    defaultValue: options.defaultValue,
    min: options.min,
    max: options.max,
    admin: { step: 1, description: options.description },
    validate: (value: number | null | undefined) => {
      if (value === null || value === undefined) return options.notEmpty ? `${name} is required (0 or more)` : true
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${name} must be a whole number`
      if (value < options.min || value > options.max) return `${name} must be from ${options.min} to ${options.max}`
      return true
    },
  }
}
