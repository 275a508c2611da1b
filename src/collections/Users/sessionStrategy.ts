/**
 * Who is asking, in one query: the `users` collection's own auth strategy (Payload's
 * documented `auth.strategies`). It accepts exactly the tokens Payload's `local-jwt` strategy
 * accepts — the same JWT (secret, claims, protected header), taken from the same places
 * (`Authorization: JWT …`, `Bearer …`, the `payload-token` cookie with Payload's CSRF rule) —
 * and returns the same `req.user`, but reads the user, its stores and its live session in ONE
 * SQL statement instead of Payload's `findByID` (its query building and read hooks cost
 * ≈ 14 % of a checkout's CPU, bench/README.md).
 *
 * It only ever answers "this user" or "not me": Payload runs its API-key strategy and then its
 * own `local-jwt` after it whenever it finds no user, so a token refused here (logged out,
 * expired, foreign, malformed, a deleted user) gets Payload's own verdict and Payload's
 * answer, byte for byte. What this strategy must never do is accept more than Payload would;
 * tests/int/auth-strategy.test.ts holds the two equal, case by case.
 *
 * TALLY_AUTH_STRATEGY=payload leaves it out (Payload's strategies only): for A/B measurement
 * on one build (bench/README.md), not a setting to run with.
 */
import { jwtVerify, type JWTPayload } from 'jose'
import { JWT_AUTH_VERSION, type AuthStrategy, type AuthStrategyFunctionArgs, type AuthStrategyResult, type Payload } from 'payload'
import { parseCookies } from 'payload/shared'

import { readFromPrimaryFromNowOn } from '@/db/readRouting'
import type { User } from '@/payload-types'

/** The name Payload gives its own JWT strategy; the user says it came from there (`/api/users/me` → `strategy`). */
const LOCAL_JWT = 'local-jwt'
const COLLECTION = 'users'

export const AUTH_STRATEGY_VAR = 'TALLY_AUTH_STRATEGY'

/** Which strategies the users collection adds to Payload's: ours, unless the A/B switch says Payload's only. */
export function userStrategies(env: Record<string, string | undefined> = process.env): AuthStrategy[] {
  const choice = env[AUTH_STRATEGY_VAR]?.trim() || 'tally'
  if (choice === 'payload') return []
  if (choice === 'tally') return [sessionStrategy]
  throw new Error(`${AUTH_STRATEGY_VAR} must be "tally" (the default) or "payload" (for measurement only), not "${choice}"`)
}

export const sessionStrategy: AuthStrategy = { name: 'tally-session', authenticate: authenticateSession }

type Headers = AuthStrategyFunctionArgs['headers']

/** The token Payload's extractJWT would take from these headers (payload/dist/auth/extractJWT.js), or null. */
export function tokenOf(headers: Headers, payload: Payload): string | null {
  for (const method of payload.config.auth.jwtOrder) {
    const token = method === 'cookie' ? cookieToken(headers, payload) : headerToken(headers, method === 'JWT' ? 'JWT ' : 'Bearer ')
    if (token) return token
  }
  return null
}

function headerToken(headers: Headers, scheme: 'JWT ' | 'Bearer '): string | null {
  const value = headers.get('Authorization')
  return value?.startsWith(scheme) ? value.replace(scheme, '') : null
}

/** The session cookie, under Payload's CSRF rule: a browser request naming another origin does not get to use it. */
function cookieToken(headers: Headers, payload: Payload): string | null {
  const token = parseCookies(headers).get(`${payload.config.cookiePrefix}-token`)
  if (!token) return null
  const csrf = payload.config.csrf
  const origin = headers.get('Origin')
  if (origin) return csrf.length === 0 || csrf.includes(origin) ? token : null
  if (csrf.length === 0) return token
  const site = headers.get('Sec-Fetch-Site')
  return site === 'same-origin' || site === 'same-site' || site === 'none' ? token : null
}

// The secret's bytes, encoded once (Payload encodes them again on every request).
let signingKey: { secret: string; key: Uint8Array } | undefined
function keyOf(secret: string): Uint8Array {
  if (signingKey?.secret !== secret) signingKey = { secret, key: new TextEncoder().encode(secret) }
  return signingKey.key
}

/**
 * The user row as `findByID(depth 0)` reads it, its store ids in their order, and its
 * sessions — only when the token's session is among them. Hidden fields (hash, salt, reset
 * token, login attempts, lock) are not read; `hasAPIKey` is what Payload's omitAPIKey derives.
 * Postgres renders the sessions' timestamps in JSON; they become ISO strings below, as
 * Payload's reads make them. A field added to `users` must be added here too: the int test
 * comparing this user with Payload's fails until it is.
 */
const USER_WITH_LIVE_SESSION = `
  SELECT u.id, u.name, u.role, u.email, u.enable_a_p_i_key, coalesce(u.api_key_index, '') <> '' AS has_api_key, u.created_at, u.updated_at,
         ARRAY(SELECT r.stores_id FROM users_rels r WHERE r.parent_id = u.id AND r.path = 'stores' AND r.stores_id IS NOT NULL ORDER BY r."order", r.id) AS stores,
         (SELECT json_agg(json_build_object('id', s.id, 'createdAt', s.created_at, 'expiresAt', s.expires_at) ORDER BY s._order) FROM users_sessions s WHERE s._parent_id = u.id) AS sessions
  FROM users u
  WHERE u.id = $1 AND EXISTS (SELECT 1 FROM users_sessions s WHERE s._parent_id = u.id AND s.id = $2)`

type UserRow = {
  id: number
  name: string
  role: User['role']
  email: string
  enable_a_p_i_key: boolean | null
  has_api_key: boolean
  created_at: Date
  updated_at: Date
  stores: number[]
  sessions: { id: string; createdAt: string | null; expiresAt: string }[] | null
}

const isoOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

const NOBODY: AuthStrategyResult = { user: null }

async function authenticateSession({ headers, payload }: AuthStrategyFunctionArgs): Promise<AuthStrategyResult> {
  const collection = payload.collections[COLLECTION]?.config
  // Payload's own strategies decide whatever this one was not written for: an API key (Payload
  // tries it before its JWT), e-mail verification, a collection without sessions, a user
  // populated deeper than ids.
  if (!collection?.auth || collection.auth.verify || !collection.auth.useSessions || collection.auth.disableLocalStrategy || collection.auth.depth !== 0) return NOBODY
  if (collection.auth.useAPIKey && headers.get('Authorization')?.startsWith(`${COLLECTION} API-Key `)) {
    // Payload's API-key strategy, next, finds the key's user with a `find`: on the primary, so a
    // key revoked a moment ago is refused at once (and so are the rest of this request's reads).
    readFromPrimaryFromNowOn()
    return NOBODY
  }
  const token = tokenOf(headers, payload)
  if (!token) return NOBODY

  let claims: JWTPayload
  try {
    const verified = await jwtVerify(token, keyOf(payload.secret))
    if (verified.protectedHeader.authVersion !== JWT_AUTH_VERSION) return NOBODY
    claims = verified.payload
  } catch {
    return NOBODY // bad signature, expired, malformed
  }
  const { id, sid } = claims
  if (claims.collection !== COLLECTION || typeof sid !== 'string' || !sid || typeof id !== 'number' || !Number.isSafeInteger(id)) return NOBODY

  let row: UserRow | undefined
  try {
    row = (await payload.db.pool.query<UserRow>(USER_WITH_LIVE_SESSION, [id, sid])).rows[0]
  } catch {
    return NOBODY // the database is unreachable: Payload's strategy tries (and fails) as it always did
  }
  if (!row) return NOBODY // no such user, or that session is gone (logged out, removed)
  const user: User & { collection: typeof COLLECTION; _strategy: string; _sid: string } = {
    id: row.id,
    name: row.name,
    role: row.role,
    stores: row.stores,
    updatedAt: isoOf(row.updated_at)!,
    createdAt: isoOf(row.created_at)!,
    enableAPIKey: row.enable_a_p_i_key,
    hasAPIKey: row.has_api_key,
    email: row.email,
    sessions: (row.sessions ?? []).map((session) => ({ id: session.id, createdAt: isoOf(session.createdAt), expiresAt: isoOf(session.expiresAt)! })),
    collection: COLLECTION,
    _strategy: LOCAL_JWT,
    _sid: sid,
  }
  return { user }
}
