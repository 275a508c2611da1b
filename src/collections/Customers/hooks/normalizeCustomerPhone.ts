import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { normalizePhone, regionOfLocale } from '@/domain/phone'
import { mayUseStore } from '@/access/mayUseStore'

/**
 * Phones are stored in E.164 (region from the store's locale) and unique per store. Only in a
 * store the requester works in: "already exists" about another store's customers would let
 * anyone enumerate their phone numbers (relationsInOwnStore refuses that store first).
 */
export const normalizeCustomerPhone: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  if (!data || typeof data.phone !== 'string') return data
  const storeRef = data.store ?? originalDoc?.store
  const storeId = typeof storeRef === 'object' && storeRef !== null ? storeRef.id : storeRef
  if (!storeId || !mayUseStore(req, Number(storeId))) return data
  const store = await req.payload.findByID({ collection: 'stores', id: storeId, req, overrideAccess: true, depth: 0, disableErrors: true })
  const phone = normalizePhone(data.phone, store ? regionOfLocale(store.locale) : undefined)
  if (!phone) {
    throw new ValidationError({ collection: 'customers', errors: [{ path: 'phone', message: `phone "${data.phone}" is not a valid phone number` }] })
  }
  const clash = await req.payload.find({
    collection: 'customers',
    where: { and: [{ store: { equals: storeId } }, { phone: { equals: phone } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])] },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: true,
  })
  if (clash.docs.length > 0) {
    throw new ValidationError({ collection: 'customers', errors: [{ path: 'phone', message: `a customer with phone ${phone} already exists in this store` }] })
  }
  return { ...data, phone }
}
