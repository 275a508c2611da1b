/**
 * The thin edge of every custom endpoint: who is asking (401), parse and validate the body
 * (400 naming each field), run one service, map domain errors to Payload's error shape.
 */
import { APIError, Forbidden, UnauthorizedError, type PayloadHandler, type PayloadRequest } from 'payload'
import { z, ZodError } from 'zod'

import { hasRole, type AccessUser } from '@/access/roles'
import { RuleError } from '@/domain/errors'
import { refusalOf } from '@/ledger/db'

export interface FieldError {
  path: string
  message: string
}

export class BadInput extends APIError<{ errors: FieldError[] }> {
  // Spelled out: the production build renames classes, and log levels are looked up by name.
  override name = 'BadInput'
  constructor(errors: FieldError[]) {
    super(errors.map((error) => `${error.path} ${error.message}`).join('; '), 400, { errors }, true)
  }
}

export function fieldErrorsOf(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }))
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value)
  if (!result.success) throw new BadInput(fieldErrorsOf(result.error))
  return result.data
}

/** 415: the body of a money endpoint is JSON or nothing (see jsonBody). */
export class UnsupportedMediaType extends APIError {
  override name = 'UnsupportedMediaType'
  constructor(type: string) {
    super(`Content-Type must be application/json, not ${type || 'missing'}`, 415, { field: 'Content-Type' }, true)
  }
}

/**
 * The JSON body of a money endpoint. Only `application/json` (or no body at all): a
 * text/plain or form body is what a cross-site form or a no-preflight fetch sends (415).
 */
export async function jsonBody(req: PayloadRequest): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    const text = (await req.text?.()) ?? ''
    if (type === '' && text === '') return {}
    throw new UnsupportedMediaType(type)
  }
  if (!req.json) return {}
  try {
    return await req.json()
  } catch {
    throw new BadInput([{ path: '(body)', message: 'must be valid JSON' }])
  }
}

export function requireUser(req: PayloadRequest) {
  if (!req.user) throw new UnauthorizedError(req.t)
  return req.user
}

/** The owner screens' and endpoints' rule (SPEC §5): admins and owners; 401 without a login, else 403. */
export function requireOwner(req: PayloadRequest) {
  const user = requireUser(req)
  if (!hasRole(user as AccessUser, 'admin', 'owner')) throw new Forbidden(req.t)
  return user
}

export function toApiError(error: unknown): unknown {
  error = refusalOf(error) ?? error
  if (error instanceof RuleError) {
    return new APIError(error.message, error.status, error.field || error.details ? { ...(error.field ? { field: error.field } : {}), ...error.details } : undefined, true)
  }
  if (error instanceof ZodError) return new BadInput(fieldErrorsOf(error))
  return error
}

/** Wraps a handler so domain errors reach the client as {errors:[{message, data}]}. */
export function handler(run: (req: PayloadRequest) => Promise<Response>): PayloadHandler {
  return async (req) => {
    try {
      return await run(req)
    } catch (error) {
      throw toApiError(error)
    }
  }
}

export const idempotencyKeyOf = (req: PayloadRequest): string | null => {
  const key = req.headers.get('idempotency-key')?.trim()
  if (!key) return null
  if (key.length > 200) throw new BadInput([{ path: 'Idempotency-Key', message: 'must be at most 200 characters' }])
  return key
}
