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
  ) {
    super(message)
  }
}

export const insufficientAdvance = () => new RuleError('Insufficient advance balance', 'useAdvance')
