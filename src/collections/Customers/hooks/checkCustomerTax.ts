import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { checkTaxIdentity } from '@/domain/gstin'
import { usesGst } from '@/domain/tax'
import { sql, sqlFor } from '@/ledger/db'

/** A customer's GSTIN (format and check character) and state of supply, normalized (SPEC §12). */
export const checkCustomerTax: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (!('gstin' in data) && !('stateCode' in data)) return data
  const storeRef = data.store ?? originalDoc?.store
  const storeId = Number(typeof storeRef === 'object' && storeRef !== null ? storeRef.id : storeRef)
  const { rows } = Number.isSafeInteger(storeId) ? await (await sqlFor(req)).execute(sql`SELECT currency FROM stores WHERE id = ${storeId}`) : { rows: [] }
  const { value, problems } = checkTaxIdentity(usesGst({ currency: String(rows[0]?.currency ?? 'INR') }), {
    gstin: 'gstin' in data ? data.gstin : originalDoc?.gstin,
    stateCode: 'stateCode' in data ? data.stateCode : 'gstin' in data ? null : originalDoc?.stateCode,
  })
  if (problems.length > 0) throw new ValidationError({ collection: 'customers', errors: problems })
  return { ...data, gstin: value.gstin, stateCode: value.stateCode }
}
