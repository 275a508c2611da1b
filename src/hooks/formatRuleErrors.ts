import type { AfterErrorHook } from 'payload'

import { RuleError } from '@/domain/errors'

/**
 * A business rule broken inside a Payload operation (a hook calling a service) answers
 * like our custom endpoints do: its status (400 / 404 / 409 / 422) and the field it concerns.
 */
export const formatRuleErrors: AfterErrorHook = ({ error }) => {
  if (!(error instanceof RuleError)) return
  return {
    status: error.status,
    response: { errors: [{ message: error.message, ...(error.field ? { data: { field: error.field } } : {}) }] },
  }
}
