import type { AfterErrorHook } from 'payload'

import { RuleError } from '@/domain/errors'
import { refusalOf } from '@/ledger/db'

import { IdempotentReplay } from './idempotentCreate'

/**
 * A business rule broken inside a Payload operation (a hook calling a service) answers
 * like our custom endpoints do: its status (400 / 404 / 409 / 422) and the field it concerns.
 */
export const formatRuleErrors: AfterErrorHook = ({ error: thrown }) => {
  // A create that already ran under this Idempotency-Key: answer as the first time.
  if (thrown instanceof IdempotentReplay) return { status: thrown.outcome.status, response: thrown.outcome.body as Record<string, unknown> }
  const error = refusalOf(thrown) ?? thrown
  if (!(error instanceof RuleError)) return
  return {
    status: error.status,
    response: {
      errors: [{ message: error.message, ...(error.field || error.details ? { data: { ...(error.field ? { field: error.field } : {}), ...error.details } } : {}) }],
    },
  }
}
