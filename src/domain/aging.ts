/** Receivables aging (days past due) — pure. */
import type { Minor } from './money'

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const
export type AgingBucket = (typeof AGING_BUCKETS)[number]

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current'
  if (daysPastDue <= 30) return 'd1_30'
  if (daysPastDue <= 60) return 'd31_60'
  if (daysPastDue <= 90) return 'd61_90'
  return 'd90plus'
}

export function emptyBuckets(): Record<AgingBucket, Minor> {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 }
}
