import { APIError, type CollectionBeforeOperationHook } from 'payload'

// 'all' only means something on hasMany fields (users.stores), and the adapter fails on it elsewhere.
const GEO = new Set(['near', 'within', 'intersects', 'all'])

function findGeoOperator(where: unknown): string | null {
  if (!where || typeof where !== 'object') return null
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (GEO.has(key)) return key
    const nested = Array.isArray(value) ? value.map(findGeoOperator).find(Boolean) : findGeoOperator(value)
    if (nested) return nested
  }
  return null
}

/**
 * Tally has no point fields; Payload's postgres adapter throws a TypeError (500) for geo
 * operators on other fields. Refuse them as a bad query (400) before they reach it.
 */
export const rejectGeoOperators: CollectionBeforeOperationHook = ({ args, operation }) => {
  const where = (args as { where?: unknown }).where
  const operator = operation === 'read' || operation === 'update' || operation === 'delete' ? findGeoOperator(where) : null
  if (operator) throw new APIError(`the "${operator}" operator is not supported here`, 400, { field: 'where' }, true)
  return args
}
