/**
 * Issue 19: the WAL positions a write answers and a read carries (src/db/readRouting.ts).
 * Which server serves what is proven against a real streaming replica in
 * tests/int/read-replica.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatLsn, parseLsn, READ_AFTER_COOKIE, READ_AFTER_HEADER, readAfterOf } from '@/db/readRouting'

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

  it('comes from the header, else the cookie', () => {
    expect(at({ [READ_AFTER_HEADER]: '0/20' })).toBe(0x20n)
    expect(at({ cookie: `payload-token=abc; ${READ_AFTER_COOKIE}=0%2F30; other=1` })).toBe(0x30n)
    expect(at({ [READ_AFTER_HEADER]: '0/20', cookie: `${READ_AFTER_COOKIE}=0%2F30` })).toBe(0x20n)
  })

  it('is none when absent or not a position', () => {
    expect(at({})).toBeNull()
    expect(at({ cookie: 'payload-token=abc' })).toBeNull()
    expect(at({ cookie: `${READ_AFTER_COOKIE}=soon` })).toBeNull()
    expect(at({ [READ_AFTER_HEADER]: 'latest' })).toBeNull()
  })
})
