'use client'

import type { DefaultCellComponentProps } from 'payload'

import { formatMoney } from '@/domain/money'

import { useStoreMoney } from './storeMoney'

/** A money column in the admin's lists: ₹600.00, not 60000. */
export function MoneyCell({ cellData, rowData }: DefaultCellComponentProps) {
  const { currency, locale } = useStoreMoney((rowData as { store?: unknown })?.store)
  if (typeof cellData !== 'number') return <span>–</span>
  return <span className="money-cell">{formatMoney(cellData, currency, locale)}</span>
}
