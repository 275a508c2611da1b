import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { AGING_BUCKETS, agingBucket, emptyBuckets } from '@/domain/aging'

describe('agingBucket — days past due', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, 'd1_30'],
    [30, 'd1_30'],
    [31, 'd31_60'],
    [60, 'd31_60'],
    [61, 'd61_90'],
    [90, 'd61_90'],
    [91, 'd90plus'],
    [3650, 'd90plus'],
  ])('%d days past due → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket)
  })

  it('property: buckets never go back as days grow, and cover exactly the documented ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(AGING_BUCKETS.indexOf(agingBucket(lo))).toBeLessThanOrEqual(AGING_BUCKETS.indexOf(agingBucket(hi)))
        const expected = lo <= 0 ? 'current' : lo <= 30 ? 'd1_30' : lo <= 60 ? 'd31_60' : lo <= 90 ? 'd61_90' : 'd90plus'
        expect(agingBucket(lo)).toBe(expected)
      }),
      { numRuns: 200 },
    )
  })

  it('emptyBuckets has every bucket at 0 and is a fresh object each time', () => {
    const buckets = emptyBuckets()
    expect(Object.keys(buckets).sort()).toEqual([...AGING_BUCKETS].sort())
    expect(Object.values(buckets).every((value) => value === 0)).toBe(true)
    buckets.current = 5
    expect(emptyBuckets().current).toBe(0)
  })
})
