import { Forbidden, type AfterErrorHook, type CollectionSlug } from 'payload'

/**
 * SPEC §5: a record of another store answers 404, never 403 — a 403 would confirm that
 * the id exists. Payload answers 403 when a row filter hides the target of an update or
 * delete; turn that into 404 whenever the requester cannot even read the record.
 */
export const hideForeignRecords: AfterErrorHook = async ({ collection, error, req }) => {
  if (!(error instanceof Forbidden) || !collection || !req.user) return
  const id = req.routeParams?.id
  if (typeof id !== 'string' && typeof id !== 'number') return
  // The failed operation's transaction is already rolled back: read without it.
  let totalDocs: number
  try {
    ;({ totalDocs } = await req.payload.count({
      collection: collection.slug as CollectionSlug,
      where: { id: { equals: id } },
      user: req.user,
      overrideAccess: false,
    }))
  } catch (readError) {
    // No read access to the whole collection (a cashier and the cards): 403 reveals nothing.
    if (readError instanceof Forbidden) return
    throw readError
  }
  if (totalDocs > 0) return
  return { status: 404, response: { errors: [{ message: 'Not Found' }] } }
}
