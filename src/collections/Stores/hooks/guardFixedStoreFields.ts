import type { CollectionBeforeChangeHook } from 'payload'

import { RuleError } from '@/domain/errors'
import { isCurrency } from '@/domain/locale'
import { isInvoicePrefix } from '@/domain/references'
import { sqlFor } from '@/ledger/db'
import { storeHasLedgerRows } from '@/services/storeSettings'

/** Fields whose meaning every ledger row depends on: amounts are in the currency, numbers carry the prefix. */
const FIXED_ONCE_USED = ['currency', 'invoicePrefix'] as const
/** A malformed value is the field validation's to refuse (400), after this hook. */
const WELL_FORMED: Record<(typeof FIXED_ONCE_USED)[number], (value: unknown) => boolean> = {
  currency: (value) => typeof value === 'string' && isCurrency(value),
  invoicePrefix: isInvoicePrefix,
}

/**
 * SPEC §9: a store's currency and number prefix are fixed once it has ledger rows — changing
 * them would re-denominate every amount or break the bill number series. 422 naming the field.
 */
export const guardFixedStoreFields: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || !originalDoc) return data
  const changed = FIXED_ONCE_USED.filter((field) => data[field] !== undefined && data[field] !== originalDoc[field] && WELL_FORMED[field](data[field]))
  if (changed.length === 0) return data
  if (await storeHasLedgerRows(await sqlFor(req), Number(originalDoc.id))) {
    throw new RuleError(`${changed[0]} cannot change: the store already has ledger rows in ${originalDoc.currency} (${originalDoc.invoicePrefix}-…)`, changed[0])
  }
  return data
}
