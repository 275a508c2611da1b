/**
 * A broken business rule (HTTP 422) or bad input (HTTP 400), with the field it concerns.
 * Domain code throws these; the HTTP edge turns them into Payload's error shape.
 */
export class RuleError extends Error {
  override name = 'RuleError'
  constructor(
    message: string,
    readonly field?: string,
    readonly status: 400 | 404 | 409 | 422 = 422,
    /** More for the client beside the field (e.g. `available` of a credit refusal). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}

export const insufficientAdvance = () => new RuleError('Insufficient advance balance', 'useAdvance')

/**
 * An unknown id and another store's id answer the same (SPEC §5): 404 naming the field,
 * so a reply never confirms that a record exists elsewhere.
 */
export const notFound = (field: string) => new RuleError('Not Found', field, 404)
