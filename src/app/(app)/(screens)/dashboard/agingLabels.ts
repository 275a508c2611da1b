import type { AgingBucket } from '@/domain/aging'

export const AGING_LABELS: Record<AgingBucket, string> = {
  current: 'Not yet due',
  d1_30: '1–30 days late',
  d31_60: '31–60 days late',
  d61_90: '61–90 days late',
  d90plus: 'Over 90 days late',
}
