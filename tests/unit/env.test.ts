import { describe, expect, it } from 'vitest'

import { ConfigError, readEnv } from '@/env'

describe('readEnv', () => {
  it('accepts an empty environment with defaults', () => {
    const env = readEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_URI).toBeUndefined()
    expect(env.TALLY_DATA_DIR).toBe('.data')
  })

  it('accepts a postgres URL and read replicas', () => {
    const env = readEnv({ DATABASE_URI: 'postgres://u:p@db:5432/tally', DATABASE_READ_REPLICAS: 'postgres://r1/t, postgresql://r2/t' })
    expect(env.DATABASE_URI).toBe('postgres://u:p@db:5432/tally')
    expect(env.DATABASE_READ_REPLICAS).toEqual(['postgres://r1/t', 'postgresql://r2/t'])
  })

  it.each([
    [{ DATABASE_URI: 'mysql://x' }, 'DATABASE_URI must be a postgres:// or postgresql:// URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PAYLOAD_SECRET: 'short' }, 'PAYLOAD_SECRET must be at least 32 characters'],
    [{ PAYLOAD_SECRET: 'YOUR_SECRET_HERE' }, 'PAYLOAD_SECRET'],
    [{ DATABASE_READ_REPLICAS: 'http://replica' }, 'DATABASE_READ_REPLICAS'],
  ])('rejects %o with one line naming the variable', (source, expected) => {
    expect(() => readEnv(source)).toThrow(ConfigError)
    try {
      readEnv(source)
    } catch (error) {
      const message = (error as Error).message
      expect(message).toContain(expected)
      expect(message.split('\n')).toHaveLength(1)
    }
  })

  it('names every bad variable at once', () => {
    expect(() => readEnv({ DATABASE_URI: 'nope', PORT: '-1' })).toThrow(/DATABASE_URI.*PORT|PORT.*DATABASE_URI/)
  })
})
