/**
 * The door every /api request passes before Payload sees it (the route handlers under
 * src/app/(payload)/api wrap Payload's with `guardedRoute`; the test server does the same):
 *
 * - CSRF: a request that changes something (POST, PUT, PATCH, DELETE) and says where it comes
 *   from (`Origin`) must come from this app's own origin or one listed in
 *   TALLY_ALLOWED_ORIGINS; one riding on the session cookie must say where it comes from
 *   (`Origin`, else `Referer`). SameSite=Lax alone lets other ports and subdomains of the same
 *   site through, and a text/plain POST needs no CORS preflight. → 403
 * - Bodies are bounded in size, and JSON (a JSON body, or the `_payload` field of the admin's
 *   multipart forms) in nesting, before anything parses or walks them: Payload copies and
 *   validates data recursively, so a body nested 10,000 deep would end in a stack overflow
 *   (500). → 400
 * - GraphQL: the query is bounded in size, depth and page size (graphqlBounds.ts). → 400
 *
 * Requests without a body to check, and reads, pass untouched.
 */
import { withReadRouting } from '@/db/readRouting'

import { graphqlQueryProblem } from './graphqlBounds'
import { allowedOrigins, originOf } from './origins'

/** Bytes of a body. Ours are a few KB (Tally stores no uploaded files). */
export const BODY_LIMIT = 1024 * 1024
/** Nesting of a JSON body: our deepest (a checkout, a `where` sent by POST) is under 10. */
export const JSON_DEPTH_LIMIT = 32

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
// Payload's session cookie: `${cookiePrefix}-token`, the prefix left at its default.
const SESSION_COOKIE = /(?:^|;\s*)payload-token=/

/** Payload's error shape; a 400 names the part of the request at fault, as BadInput does. */
function refuse(status: number, message: string, path?: string): Response {
  return Response.json({ errors: [{ message: path ? `${path} ${message}` : message, ...(path ? { data: { errors: [{ path, message }] } } : {}) }] }, { status })
}

/** This app's own host as the browser addressed it (the proxy's, when behind one). */
function requestHost(request: Request): string | null {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  return host ? host.split(',')[0]!.trim().toLowerCase() : null
}

function isAllowedSource(url: string, request: Request): boolean {
  const origin = originOf(url)
  if (!origin) return false
  if (new URL(origin).host === requestHost(request)) return true
  return allowedOrigins().includes(origin)
}

/** Why a state-changing request is refused as cross-site, or null when it may proceed. */
export function crossSiteRefusal(request: Request): string | null {
  if (!WRITES.has(request.method.toUpperCase())) return null
  const origin = request.headers.get('origin')
  if (origin !== null) return isAllowedSource(origin, request) ? null : `Cross-site request refused: ${origin} may not call this API`
  if (!SESSION_COOKIE.test(request.headers.get('cookie') ?? '')) return null
  const referer = request.headers.get('referer')
  if (referer && isAllowedSource(referer, request)) return null
  return 'Cross-site request refused: a request with the session cookie must come from this app (Origin or Referer)'
}

/**
 * The deepest nesting of objects and arrays in JSON text, scanning no further than one level
 * past `limit` (no parse, no recursion).
 */
export function jsonDepth(text: string, limit = JSON_DEPTH_LIMIT): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 92 /* \ */) i++
      else if (char === 34 /* " */) inString = false
    } else if (char === 34) inString = true
    else if (char === 123 /* { */ || char === 91 /* [ */) {
      depth++
      if (depth > deepest) deepest = depth
      if (deepest > limit) return deepest
    } else if (char === 125 /* } */ || char === 93 /* ] */) depth--
  }
  return deepest
}

/** The body, or null when it is longer than `limit` bytes (stops reading there). */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) return null
  if (!request.body) return new Uint8Array(new ArrayBuffer(0))
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(new ArrayBuffer(size))
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return body
}

const mediaType = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()

/**
 * Checks an /api request: the Response to send instead (403 / 400), or the request to hand to
 * Payload (rebuilt when its body was read).
 */
export async function guardApiRequest(request: Request): Promise<Request | Response> {
  const refusal = crossSiteRefusal(request)
  if (refusal) return refuse(403, refusal)
  if (!WRITES.has(request.method.toUpperCase()) || !request.body) return request

  const bytes = await readBounded(request, BODY_LIMIT)
  if (bytes === null) return refuse(400, `is larger than ${BODY_LIMIT / 1024} KB`, '(body)')
  const rebuilt = () => new Request(request.url, { method: request.method, headers: request.headers, body: bytes, signal: request.signal })
  const type = mediaType(request)
  let json: string | null = null
  if (type === 'application/json') json = new TextDecoder().decode(bytes)
  else if (type === 'multipart/form-data') {
    const form = await rebuilt()
      .formData()
      .catch(() => null) // Payload answers a broken form itself
    const payloadField = form?.get('_payload')
    if (typeof payloadField === 'string') json = payloadField
  }
  if (json !== null && jsonDepth(json) > JSON_DEPTH_LIMIT) return refuse(400, `nests deeper than ${JSON_DEPTH_LIMIT} levels`, '(body)')
  if (json !== null && type === 'application/json' && new URL(request.url).pathname.endsWith('/graphql')) {
    const params = (() => {
      try {
        return JSON.parse(json) as { query?: unknown; variables?: unknown }
      } catch {
        return null // GraphQL answers malformed JSON itself
      }
    })()
    const variables = params?.variables && typeof params.variables === 'object' ? (params.variables as Record<string, unknown>) : {}
    const problem = typeof params?.query === 'string' ? graphqlQueryProblem(params.query, variables) : null
    if (problem) return refuse(400, problem.message, problem.field)
  }
  return rebuilt()
}

type RouteHandler<A extends unknown[]> = (request: Request, ...rest: A) => Promise<Response> | Response

/**
 * Wraps a route handler of Payload's so every request passes `guardApiRequest` first, and its
 * reads follow the read-replica rule (src/db/readRouting.ts; nothing changes without replicas).
 */
export function guardedRoute<A extends unknown[]>(handler: RouteHandler<A>): RouteHandler<A> {
  return async (request, ...rest) => {
    const checked = await guardApiRequest(request)
    return checked instanceof Response ? checked : withReadRouting(checked, async () => handler(checked, ...rest))
  }
}
