import { ValidationError, type CollectionBeforeValidateHook } from 'payload'

/** One step per offset in a store (the unique index reminder_rules_store_offset_key), said as a 400 naming the field. */
export const oneStepPerOffset: CollectionBeforeValidateHook = async ({ data, originalDoc, req }) => {
  const store = data?.store ?? originalDoc?.store
  const offsetDays = data?.offsetDays ?? originalDoc?.offsetDays
  if (store === undefined || store === null || typeof offsetDays !== 'number') return data
  const storeId = typeof store === 'object' ? (store as { id: number }).id : Number(store)
  const { docs } = await req.payload.find({
    collection: 'reminder-rules',
    where: { and: [{ store: { equals: storeId } }, { offsetDays: { equals: offsetDays } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (docs.length > 0) {
    throw new ValidationError({
      collection: 'reminder-rules',
      errors: [{ path: 'offsetDays', message: `offsetDays: the store already has a step ${offsetDays} days after the due date; change that one` }],
    })
  }
  return data
}
