import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { isDay } from '@/domain/dates'
import { parseWith } from '@/lib/http'

const day = z.string().refine(isDay, 'must be a calendar day like 2026-11-21')

/** `?from&to` of a statement: store days, both optional, from ≤ to. */
export const statementRange = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((range) => !range.from || !range.to || range.from <= range.to, { path: ['from'], message: 'must not be after to' })

export function statementRangeOf(req: PayloadRequest) {
  const query = req.searchParams
  return parseWith(statementRange, {
    from: query.get('from') || undefined,
    to: query.get('to') || undefined,
  })
}
