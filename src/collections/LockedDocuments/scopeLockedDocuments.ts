import { Forbidden, type Access, type CollectionBeforeChangeHook, type CollectionSlug, type PayloadRequest, type SanitizedConfig } from 'payload'

import { hasRole, type AccessUser } from '@/access/roles'
import { RuleError } from '@/domain/errors'

const SLUG = 'payload-locked-documents'

interface LockedRef {
  relationTo: CollectionSlug
  value: number | string
}

const refOf = (document: unknown): LockedRef | null => {
  if (!document || typeof document !== 'object') return null
  const { relationTo, value } = document as { relationTo?: unknown; value?: unknown }
  if (typeof relationTo !== 'string') return null
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return typeof id === 'number' || typeof id === 'string' ? { relationTo: relationTo as CollectionSlug, value: id } : null
}

/** Which of these documents of one collection the requester may read, or update. */
async function permitted(req: PayloadRequest, relationTo: CollectionSlug, ids: (number | string)[], operation: 'read' | 'update'): Promise<Set<string>> {
  const collection = req.payload.collections[relationTo]
  if (!collection || ids.length === 0) return new Set()
  const access = collection.config.access[operation]
  const granted = access ? await access({ req } as never) : Boolean(req.user)
  if (!granted) return new Set()
  const { docs } = await req.payload.find({
    collection: relationTo,
    where: granted === true ? { id: { in: ids } } : { and: [{ id: { in: ids } }, granted] },
    overrideAccess: true,
    depth: 0,
    limit: ids.length,
    req,
  })
  return new Set(docs.map((doc) => String(doc.id)))
}

/**
 * Locks a user may see (and release or take over): those on documents they may read — their
 * stores' records. Admins see all. Locks are few and short-lived (5 minutes), so the list of
 * visible ids is small.
 */
const locksOnReadableDocuments: Access = async ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user as AccessUser, 'admin')) return true
  const { docs } = await req.payload.find({ collection: SLUG, overrideAccess: true, depth: 0, pagination: false, req })
  const byCollection = new Map<CollectionSlug, { lock: number | string; ref: LockedRef }[]>()
  for (const lock of docs) {
    const ref = refOf((lock as { document?: unknown }).document)
    if (!ref) continue
    byCollection.set(ref.relationTo, [...(byCollection.get(ref.relationTo) ?? []), { lock: lock.id, ref }])
  }
  const visible: (number | string)[] = []
  for (const [relationTo, locks] of byCollection) {
    const readable = await permitted(
      req,
      relationTo,
      locks.map(({ ref }) => ref.value),
      'read',
    )
    for (const { lock, ref } of locks) if (readable.has(String(ref.value))) visible.push(lock)
  }
  return { id: { in: visible } }
}

/** The admin panel's people (admins, owners) lock, release and take over: within what they may read. */
const editorsOfReadableDocuments: Access = async (args) => (hasRole(args.req.user as AccessUser | null, 'admin', 'owner') ? locksOnReadableDocuments(args) : false)

/**
 * A lock is taken on a document the requester may edit (another store's record, or one they
 * may only read, is refused: 404 / 403 as the document itself would answer), and always in the
 * requester's own name.
 */
const lockOnlyWhatYouMayEdit: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  if (!req.user) return data
  const ref = refOf(data.document ?? originalDoc?.document)
  if (!ref) {
    if (hasRole(req.user as AccessUser, 'admin')) return data
    throw new RuleError('document is required: the record being edited', 'document', 400)
  }
  if (!(await permitted(req, ref.relationTo, [ref.value], 'update')).has(String(ref.value))) {
    if ((await permitted(req, ref.relationTo, [ref.value], 'read')).has(String(ref.value))) throw new Forbidden(req.t)
    throw new RuleError('Not Found', 'document', 404)
  }
  return { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
}

/**
 * Payload adds its `payload-locked-documents` collection (who is editing what, for the admin)
 * while it sanitizes the config, open to any logged-in user: anyone could lock — and so block —
 * another store's records, and list every store's locks. Scope it to the user and the
 * record's store. (`payload-preferences` is already the user's own: Payload scopes its read,
 * update and delete to the user and forces the user field on create.)
 */
export function scopeLockedDocuments(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === SLUG)
  if (!locks) return config
  locks.access = { ...locks.access, read: locksOnReadableDocuments, create: editorsOfReadableDocuments, update: editorsOfReadableDocuments, delete: editorsOfReadableDocuments }
  locks.hooks = { ...locks.hooks, beforeChange: [lockOnlyWhatYouMayEdit, ...(locks.hooks.beforeChange ?? [])] }
  return config
}
