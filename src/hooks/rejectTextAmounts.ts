import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

/**
 * Payload quietly turns "600" into 600 for number fields; an amount must arrive as a JSON
 * integer of minor units (SPEC §1), so text is refused before that conversion.
 * `paths` name money fields, `items.*.unitPrice` style for array rows.
 */
export const rejectTextAmounts =
  (collection: string, paths: string[], unit = 'minor units'): CollectionBeforeOperationHook =>
  ({ args, operation }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const data = (args as { data?: unknown }).data
    if (Array.isArray(data)) throw new ValidationError({ collection, errors: [{ path: '(body)', message: 'the body must be one JSON object' }] })
    if (!data || typeof data !== 'object') return args
    const errors: { path: string; message: string }[] = []
    for (const path of paths) {
      const [head, , leaf] = path.split('.')
      const record = data as Record<string, unknown>
      const values: [string, unknown][] = leaf
        ? (Array.isArray(record[head!]) ? (record[head!] as Record<string, unknown>[]) : []).map((row, index) => [`${head}.${index}.${leaf}`, row?.[leaf]])
        : [[head!, record[head!]]]
      for (const [name, value] of values) {
        if (value !== undefined && value !== null && typeof value !== 'number') {
          errors.push({ path: name, message: `${name} must be a number of ${unit}, not ${JSON.stringify(value)}` })
        }
      }
    }
    if (errors.length > 0) throw new ValidationError({ collection, errors })
    return args
  }
