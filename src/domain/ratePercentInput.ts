/** A rate typed in percent ("18", "2.5", "0.25 %") as basis points (1800, 250, 25), or null. */
import Decimal from 'decimal.js'

import { MAX_TAX_RATE } from './tax'

export function parseRatePercent(text: string): number | null {
  const cleaned = text.replace(/%/g, '').trim()
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned)) return null
  const basisPoints = new Decimal(cleaned).times(100)
  if (!basisPoints.isInteger() || basisPoints.greaterThan(MAX_TAX_RATE)) return null
  return basisPoints.toNumber()
}

/** 1800 → "18", 250 → "2.5": the percent as an input shows it. */
export const rateInput = (basisPoints: number): string => new Decimal(basisPoints).dividedBy(100).toString()
