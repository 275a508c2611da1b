/** Receivables aging (days past due) — pure; the one home of the bucket boundaries. */
import { daysBetween } from './dates'
import type { Minor } from './money'

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const
export type AgingBucket = (typeof AGING_BUCKETS)[number]

/**
 * Each bucket's last day past due (inclusive), in order; the last bucket has none. The aging
 * report's SQL is built from this list (src/services/reports/aging.ts), never restated.
 */
export const AGING_LIMITS: readonly { bucket: AgingBucket; upTo: number | null }[] = [
  { bucket: 'current', upTo: 0 },
  { bucket: 'd1_30', upTo: 30 },
  { bucket: 'd31_60', upTo: 60 },
  { bucket: 'd61_90', upTo: 90 },
  { bucket: 'd90plus', upTo: null },
]

export function agingBucket(daysPastDue: number): AgingBucket {
  return AGING_LIMITS.find((limit) => limit.upTo === null || daysPastDue <= limit.upTo)!.bucket
}

/**
 * Days an invoice is past due on the store's `today`: counted from its due day, or from its
 * issue day when it has none (all yyyy-mm-dd store calendar days). 0 or less is current.
 */
export function daysPastDue(today: string, dueDate: string | null | undefined, issueDate: string): number {
  return daysBetween(dueDate ?? issueDate, today)
}

export function emptyBuckets(): Record<AgingBucket, Minor> {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 }
}
