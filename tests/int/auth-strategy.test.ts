/**
 * Issue 19: the users collection's own auth strategy (src/collections/Users/sessionStrategy.ts)
 * reads the user, its stores and its live session in one query, and accepts exactly what
 * Payload's `local-jwt` strategy accepts, returning the same `req.user`. Every case is run
 * through both, side by side, on real Postgres; over HTTP, a refused token answers exactly as
 * no token does (Payload's own strategy runs after ours and decides every refusal).
 */
import { randomUUID } from 'node:crypto'

import { decodeJwt, SignJWT, type JWTPayload } from 'jose'
import { JWT_AUTH_VERSION, JWTAuthentication, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { AUTH_STRATEGY_VAR, sessionStrategy, tokenOf, userStrategies } from '@/collections/Users/sessionStrategy'
import type { User } from '@/payload-types'

import { createStore, createUser } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { newWorld, type World } from '../helpers/world'

let world: World
let payload: Payload

beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'AUT' })
  payload = await testPayload()
})

const jwtHeaders = (token: string) => new Headers({ Authorization: `JWT ${token}` })

/** The user each strategy makes of these headers: ours, and Payload's local-jwt as it runs today. */
async function bothStrategies(headers: Headers) {
  const ours = await sessionStrategy.authenticate({ headers, payload, strategyName: sessionStrategy.name })
  const payloads = await JWTAuthentication({ headers, payload, strategyName: 'local-jwt' })
  return { ours: ours.user, payloads: payloads.user }
}

/** Every statement sent through the pool (Payload's reads outside a transaction, and ours) while `work` runs. */
async function statementsDuring<T>(work: () => T | Promise<T>): Promise<{ result: T; statements: string[] }> {
  const pool = payload.db.pool
  const original = pool.query
  const statements: string[] = []
  pool.query = ((...args: unknown[]) => {
    const first = args[0] as string | { text: string }
    statements.push(typeof first === 'string' ? first : first.text)
    return (original as (...a: unknown[]) => unknown).apply(pool, args)
  }) as typeof pool.query
  try {
    return { result: await work(), statements }
  } finally {
    pool.query = original
  }
}
const readsUsers = (statement: string) => /\busers\b/i.test(statement)

/** A token for `claims`, signed as Payload signs (HS256, its protected header) unless told otherwise. */
async function sign(claims: JWTPayload, options: { secret?: string; issuedAt?: number; expiresAt?: number; authVersion?: number | null; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000)
  const header: Record<string, unknown> = { alg: options.alg ?? 'HS256', typ: 'JWT' }
  if (options.authVersion !== null) header.authVersion = options.authVersion ?? JWT_AUTH_VERSION
  return new SignJWT(claims)
    .setProtectedHeader(header as { alg: string })
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(new TextEncoder().encode(options.secret ?? payload.secret))
}

/** What an anonymous request gets; a refused token must get exactly this. */
async function anonymousAnswers() {
  return {
    list: await world.api.get('/api/customers?limit=1&depth=0'),
    me: await world.api.get('/api/users/me'),
  }
}
async function answersWith(headers: Record<string, string>) {
  return {
    list: await world.api.get('/api/customers?limit=1&depth=0', { headers }),
    me: await world.api.get('/api/users/me', { headers }),
  }
}

async function loggedIn(role: 'admin' | 'owner' | 'cashier' = 'cashier', stores = [world.store.id]) {
  const user = await createUser(payload, role, stores)
  const token = await world.api.login(user.email)
  return { user, token, claims: decodeJwt(token) }
}

describe('the strategy is wired as documented', () => {
  it('runs first, before Payload’s API-key and JWT strategies, which stay in place', () => {
    expect(payload.collections.users.config.auth.strategies.map((strategy) => strategy.name)).toEqual(['tally-session'])
    expect(payload.authStrategies.map((strategy) => strategy.name)).toEqual(['tally-session', 'users-api-key', 'local-jwt'])
    // what the strategy was written for: sessions on, no e-mail verification, depth 0
    expect(payload.collections.users.config.auth).toMatchObject({ useSessions: true, verify: false, depth: 0, useAPIKey: true })
  })

  it(`${AUTH_STRATEGY_VAR}=payload (for A/B measurement only) leaves Payload's strategies alone; any other value stops the start`, () => {
    expect(userStrategies({})).toEqual([sessionStrategy])
    expect(userStrategies({ [AUTH_STRATEGY_VAR]: 'tally' })).toEqual([sessionStrategy])
    expect(userStrategies({ [AUTH_STRATEGY_VAR]: 'payload' })).toEqual([])
    expect(() => userStrategies({ [AUTH_STRATEGY_VAR]: 'none' })).toThrow(/TALLY_AUTH_STRATEGY must be "tally".*not "none"/)
  })
})

describe('a live token: the same user as Payload makes, in one query', () => {
  it('cashier, owner of two stores, admin of none, a user with an API key: req.user is Payload’s, key for key', async () => {
    const second = (await createStore(payload, { invoicePrefix: 'AU2' })).id
    const keyed = await loggedIn('owner')
    await payload.update({ collection: 'users', id: keyed.user.id, overrideAccess: true, data: { enableAPIKey: true, apiKey: randomUUID() } })
    const people = [await loggedIn('cashier'), await loggedIn('owner', [world.store.id, second]), await loggedIn('admin', []), keyed]
    for (const { token, user } of people) {
      for (const headers of [jwtHeaders(token), new Headers({ Authorization: `Bearer ${token}` }), new Headers({ Cookie: `payload-token=${token}` })]) {
        const { ours, payloads } = await bothStrategies(headers)
        expect(payloads?.id).toBe(user.id)
        expect(ours).toStrictEqual(payloads)
      }
    }
    const { ours } = await bothStrategies(jwtHeaders(people[1]!.token))
    // depth 0: stores are ids, in the order they were given
    expect((ours as User).stores).toEqual([world.store.id, second])
    expect(ours).toMatchObject({ collection: 'users', _strategy: 'local-jwt', _sid: people[1]!.claims.sid, role: 'owner' })
    for (const hidden of ['hash', 'salt', 'apiKey', 'apiKeyIndex', 'loginAttempts', 'lockUntil', 'resetPasswordToken']) expect(ours).not.toHaveProperty(hidden)
    expect((await bothStrategies(jwtHeaders(keyed.token))).ours).toMatchObject({ hasAPIKey: true, enableAPIKey: true })
  })

  it('a user logged in twice: each token carries its own session, and both sessions are listed as Payload lists them', async () => {
    const { user, token } = await loggedIn()
    const second = await world.api.login(user.email)
    for (const each of [token, second]) {
      const { ours, payloads } = await bothStrategies(jwtHeaders(each))
      expect(ours).toStrictEqual(payloads)
      expect((ours as User).sessions).toHaveLength(2)
    }
  })

  it('loads the user with one statement, where Payload’s findByID needs its own', async () => {
    const { token } = await loggedIn()
    const ours = await statementsDuring(() => sessionStrategy.authenticate({ headers: jwtHeaders(token), payload }))
    expect(ours.result.user).not.toBeNull()
    expect(ours.statements).toHaveLength(1)
    expect(ours.statements[0]).toMatch(/FROM users u/)
    const payloads = await statementsDuring(() => JWTAuthentication({ headers: jwtHeaders(token), payload }))
    expect(payloads.result.user).not.toBeNull()
    expect(payloads.statements.filter(readsUsers).length).toBeGreaterThanOrEqual(1)
  })

  it('over HTTP an authenticated request reads the user once, with our statement', async () => {
    const { token } = await loggedIn()
    const { result, statements } = await statementsDuring(() => world.api.get(`/api/stores/${world.store.id}?depth=0`, { token }))
    expect(result.status).toBe(200)
    expect(statements.filter(readsUsers)).toEqual([expect.stringMatching(/FROM users u[\s\S]*users_sessions/)])
    const me = await world.api.get('/api/users/me', { token })
    expect(me.body).toMatchObject({ user: { email: expect.any(String) }, strategy: 'local-jwt', collection: 'users' })
  })
})

describe('refused exactly as today (Payload’s verdict, the anonymous answer)', () => {
  let anonymous: Awaited<ReturnType<typeof anonymousAnswers>>
  beforeAll(async () => {
    anonymous = await anonymousAnswers()
    expect(anonymous.list.status).toBe(401)
    expect(anonymous.me.status).toBe(200)
  })

  async function expectRefused(token: string) {
    const { ours, payloads } = await bothStrategies(jwtHeaders(token))
    expect(payloads).toBeNull()
    expect(ours).toBeNull()
    const ways: Record<string, string>[] = [{ Authorization: `JWT ${token}` }, { Authorization: `Bearer ${token}` }, { Cookie: `payload-token=${token}` }]
    for (const headers of ways) {
      const answers = await answersWith(headers)
      expect(answers.list).toEqual(anonymous.list)
      expect(answers.me).toEqual(anonymous.me)
    }
  }

  it('logout invalidates the token; the same user’s other session stays live', async () => {
    const { user, token } = await loggedIn()
    const other = await world.api.login(user.email)
    expect((await world.api.post('/api/users/logout', { token })).status).toBe(200)
    await expectRefused(token)
    const { ours, payloads } = await bothStrategies(jwtHeaders(other))
    expect(ours).toStrictEqual(payloads)
    expect((ours as User).sessions).toHaveLength(1)
    expect((await world.api.get('/api/customers?limit=1', { token: other })).status).toBe(200)
  })

  it('a session removed from the database (logged out elsewhere, expired sessions swept)', async () => {
    const { token, claims } = await loggedIn()
    await payload.db.pool.query('DELETE FROM users_sessions WHERE id = $1', [claims.sid])
    await expectRefused(token)
  })

  it('a deleted user', async () => {
    const { user, token } = await loggedIn()
    await payload.delete({ collection: 'users', id: user.id, overrideAccess: true })
    await expectRefused(token)
  })

  it('an expired token, even with its session still listed', async () => {
    const { claims } = await loggedIn()
    const now = Math.floor(Date.now() / 1000)
    await expectRefused(await sign(claims, { issuedAt: now - 7200, expiresAt: now - 60 }))
  })

  it('a token signed with another secret', async () => {
    const { claims } = await loggedIn()
    await expectRefused(await sign(claims, { secret: `${payload.secret}-not` }))
  })

  it('a token without Payload’s protected header, or naming another collection, or without a session id', async () => {
    const { claims } = await loggedIn()
    await expectRefused(await sign(claims, { authVersion: null }))
    await expectRefused(await sign(claims, { authVersion: JWT_AUTH_VERSION + 1 }))
    await expectRefused(await sign({ ...claims, collection: 'stores' }))
    const { sid: _sid, ...withoutSid } = claims
    await expectRefused(await sign(withoutSid))
  })

  it('malformed tokens', async () => {
    const { token } = await loggedIn()
    const [head, body] = token.split('.')
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', authVersion: JWT_AUTH_VERSION })).toString('base64url')}.${body}.`
    for (const bad of ['not-a-token', 'a.b.c', `${head}.${body}`, `${head}.${body}.AAAA`, unsigned, `${token}x`, '%%%']) await expectRefused(bad)
  })
})

describe('the rules the security suites prove still hold', () => {
  it('lockout stops logins, not a session opened before it: the old token works as it does with Payload’s strategy', async () => {
    const { user, token } = await loggedIn()
    for (let i = 0; i < 5; i++) {
      expect((await world.api.post('/api/users/login', { body: { email: user.email, password: 'wrong-password' } })).status).toBe(401)
    }
    expect((await world.api.post('/api/users/login', { body: { email: user.email, password: 'test-pass-123' } })).status).toBe(401)
    const { ours, payloads } = await bothStrategies(jwtHeaders(token))
    expect(payloads?.id).toBe(user.id)
    expect(ours).toStrictEqual(payloads)
    expect((await world.api.get('/api/customers?limit=1', { token })).status).toBe(200)
  })

  it('an API key still authenticates (Payload’s strategy), and wins over a session cookie sent with it, as before', async () => {
    const keyed = await createUser(payload, 'cashier', [world.store])
    const apiKey = randomUUID()
    await payload.update({ collection: 'users', id: keyed.id, overrideAccess: true, data: { enableAPIKey: true, apiKey } })
    const byKey = { Authorization: `users API-Key ${apiKey}` }
    expect((await world.api.get('/api/customers?limit=1', { headers: byKey })).status).toBe(200)
    const me = await world.api.get('/api/users/me', { headers: byKey })
    expect(me.body).toMatchObject({ user: { id: keyed.id }, strategy: 'api-key' })
    // ours steps aside for an API key, so Payload's API-key strategy answers first, as before
    const someoneElse = await loggedIn()
    const both = { ...byKey, Cookie: `payload-token=${someoneElse.token}` }
    expect((await sessionStrategy.authenticate({ headers: new Headers(both), payload })).user).toBeNull()
    expect((await world.api.get('/api/users/me', { headers: both })).body).toMatchObject({ user: { id: keyed.id }, strategy: 'api-key' })
    // a wrong key with a live cookie: the cookie's user, as Payload's JWT strategy decides after the key fails
    const wrongKey = { Authorization: `users API-Key ${randomUUID()}`, Cookie: `payload-token=${someoneElse.token}` }
    expect((await world.api.get('/api/users/me', { headers: wrongKey })).body).toMatchObject({ user: { id: someoneElse.user.id }, strategy: 'local-jwt' })
    expect((await world.api.get('/api/customers?limit=1', { headers: { Authorization: `users API-Key ${randomUUID()}` } })).status).toBe(401)
  })

  it('the token is taken where Payload takes it: its header order, and the cookie only under its CSRF rule', () => {
    const strict = { config: { ...payload.config, csrf: ['https://till.example'] } } as unknown as Payload
    const cookie = 'payload-token=the-cookie'
    const take = (headers: Record<string, string>, from: Payload = strict) => tokenOf(new Headers(headers), from)
    expect(take({ Authorization: 'JWT the-header', Cookie: cookie })).toBe('the-header')
    expect(take({ Authorization: 'Bearer the-bearer', Cookie: cookie })).toBe('the-bearer')
    expect(take({ Authorization: 'Basic x', Cookie: cookie, Origin: 'https://till.example' })).toBe('the-cookie')
    expect(take({ Cookie: cookie, Origin: 'https://evil.example' })).toBeNull()
    expect(take({ Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' })).toBe('the-cookie')
    expect(take({ Cookie: cookie, 'Sec-Fetch-Site': 'none' })).toBe('the-cookie')
    expect(take({ Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).toBeNull()
    expect(take({ Cookie: cookie })).toBeNull()
    expect(take({ Cookie: 'other=1' })).toBeNull()
    // no CSRF list (the default: same origin only, enforced by the request guard): Payload takes the cookie from anyone
    expect(take({ Cookie: cookie, Origin: 'https://evil.example' }, payload)).toBe('the-cookie')
  })
})
