/**
 * Issue 19: the WAL positions a write answers and a read carries (src/db/readRouting.ts).
 * Which server serves what is proven against a real streaming replica in
 * tests/int/read-replica.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatLsn, mayReadReplica, parseLsn, READ_AFTER_COOKIE, READ_AFTER_HEADER, readAfterOf } from '@/db/readRouting'

describe('WAL positions', () => {
  it('reads the text form Postgres prints, in WAL order', () => {
    expect(parseLsn('0/1A2B3C4')).toBe(0x1a2b3c4n)
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n)
    // 1/0 comes after 0/FFFFFFFF: compared as one number, never as text
    expect(parseLsn('1/0')! > parseLsn('0/FFFFFFFF')!).toBe(true)
    expect(parseLsn('0/9')! < parseLsn('0/10')!).toBe(true)
  })

  it.each(['', 'x', '0/', '/1', '0/1/2', '123456789/0', '0/G', '-1/0', "0/1'; DROP TABLE x"])('refuses %j', (text) => {
    expect(parseLsn(text)).toBeNull()
  })

  it('prints what it reads (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (lsn) => {
        expect(parseLsn(formatLsn(lsn))).toBe(lsn)
      }),
    )
  })
})

describe('the position a read asks for', () => {
  const at = (headers: Record<string, string>) => readAfterOf(new Request('http://tally.test/api/customers/1', { headers }))

  it('comes from the header or the cookie; with both, the later position', () => {
    expect(at({ [READ_AFTER_HEADER]: '0/20' })).toBe(0x20n)
    expect(at({ cookie: `payload-token=abc; ${READ_AFTER_COOKIE}=0%2F30; other=1` })).toBe(0x30n)
    // A client holding an older position in its header still reads its later write (the cookie's) …
    expect(at({ [READ_AFTER_HEADER]: '0/20', cookie: `${READ_AFTER_COOKIE}=0%2F30` })).toBe(0x30n)
    // … and the other way round; 1/0 is later than 0/FFFFFFFF.
    expect(at({ [READ_AFTER_HEADER]: '1/0', cookie: `${READ_AFTER_COOKIE}=0%2FFFFFFFFF` })).toBe(1n << 32n)
    // One of them not a position: the other.
    expect(at({ [READ_AFTER_HEADER]: 'latest', cookie: `${READ_AFTER_COOKIE}=0%2F30` })).toBe(0x30n)
    expect(at({ [READ_AFTER_HEADER]: '0/20', cookie: `${READ_AFTER_COOKIE}=%` })).toBe(0x20n)
  })

  it.each(['%', '%zz', '0%2', '0%2F%E0%A4%A'])('a malformed cookie escape (%j) is no position, not an error', (value) => {
    expect(at({ cookie: `${READ_AFTER_COOKIE}=${value}` })).toBeNull()
  })

  it('is none when absent or not a position', () => {
    expect(at({})).toBeNull()
    expect(at({ cookie: 'payload-token=abc' })).toBeNull()
    expect(at({ cookie: `${READ_AFTER_COOKIE}=soon` })).toBeNull()
    expect(at({ [READ_AFTER_HEADER]: 'latest' })).toBeNull()
  })
})

describe('which requests a replica may serve', () => {
  const request = (method: string, path: string) => new Request(`http://tally.test${path}`, { method })

  it('the reads of an /api GET or HEAD', () => {
    expect(mayReadReplica(request('GET', '/api/customers/1'))).toBe(true)
    expect(mayReadReplica(request('HEAD', '/api/customers?limit=10'))).toBe(true)
    // Not payload-jobs itself, a collection merely named alike.
    expect(mayReadReplica(request('GET', '/api/payload-jobs-archive'))).toBe(true)
  })

  it('never a write', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']) expect(mayReadReplica(request(method, '/api/customers/1'))).toBe(false)
  })

  it("never Payload's GETs that write: everything under /api/payload-jobs/", () => {
    expect(mayReadReplica(request('GET', '/api/payload-jobs/run'))).toBe(false)
    expect(mayReadReplica(request('GET', '/api/payload-jobs/run?queue=daily&limit=10'))).toBe(false)
    expect(mayReadReplica(request('GET', '/api/payload-jobs/handle-schedules'))).toBe(false)
    expect(mayReadReplica(request('GET', '/api/payload-jobs/42'))).toBe(false)
    // Spelt otherwise, the same route.
    expect(mayReadReplica(request('GET', '/api//payload-jobs/run'))).toBe(false)
    expect(mayReadReplica(request('GET', '/api/payload%2Djobs/run'))).toBe(false)
    expect(mayReadReplica(request('GET', '/api/payload-jobs/%'))).toBe(false)
  })
})
