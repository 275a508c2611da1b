/**
 * The API description lives beside each endpoint: `described(endpoint, {...})` (or the
 * `summary` of a moneyEndpoint) puts what the endpoint takes and answers on the endpoint
 * itself (Payload's `custom` slot), from the same zod schemas its handler parses with, so the
 * document (./document.ts) cannot drift from the code. An endpoint left undescribed is named
 * by the test that holds every served route to the document (tests/int/openapi.test.ts).
 */
import type { Endpoint } from 'payload'
import type { z } from 'zod'

export type Audience = 'public' | 'staff' | 'owner'

export interface Operation {
  /** One line: what it does. */
  summary: string
  /** More words (Markdown): rules, edge cases. */
  description?: string
  /** Who may call it: `public` needs no login; `staff` any user of the store; `owner` owners and admins. */
  who: Audience
  /** The JSON body, as the handler parses it. */
  body?: z.ZodType
  /** The query string, as the handler parses it (an object of scalars). */
  query?: z.ZodObject
  /** The success answer: a zod schema, or a media type for files (PDF, text…). */
  response?: z.ZodType | { mediaType: string; description: string }
  /** What the success answer says, when the schema alone does not (default: the summary). */
  responseDescription?: string
  /** The success status (default 200). */
  status?: number
  /** The other statuses it answers besides the common ones (400, 401, 403, 404…), with why. */
  errors?: Record<number, string>
  /** Money-writing: honours `Idempotency-Key` (moneyEndpoint sets it). */
  idempotent?: boolean
  /** Groups the operation (default: the collection, or the first path segment). */
  tag?: string
}

const KEY = 'openapi'

/** The endpoint with its description attached. */
export function described(endpoint: Endpoint, operation: Operation): Endpoint {
  return { ...endpoint, custom: { ...endpoint.custom, [KEY]: operation } }
}

export function operationOf(endpoint: Pick<Endpoint, 'custom'>): Operation | undefined {
  return endpoint.custom?.[KEY] as Operation | undefined
}
