import type { CollectionAfterChangeHook, CollectionBeforeOperationHook } from 'payload'

import { sqlFor } from '@/ledger/db'
import { idempotencyKeyOf } from '@/lib/http'
import { claimKey, storeOutcome, type Outcome } from '@/ledger/idempotency'

declare module 'payload' {
  export interface RequestContext {
    /** The Idempotency-Key this create claimed; its answer is stored after the write. */
    idempotencyKey?: string
  }
}

/** Thrown to end a create that already ran: the afterError hook answers with the stored reply. */
export class IdempotentReplay extends Error {
  override name = 'IdempotentReplay'
  constructor(readonly outcome: Outcome) {
    super('idempotent replay')
  }
}

/**
 * SPEC §3.9 for Payload's own `POST /api/<slug>` of a money-writing collection: the key is
 * claimed inside the create's transaction; a retry replays the first `{doc, message}`.
 */
export const claimIdempotencyKey =
  (slug: string): CollectionBeforeOperationHook =>
  async ({ args, operation, req, context }) => {
    if (operation !== 'create') return args
    const key = idempotencyKeyOf(req)
    if (!key) return args
    const first = await claimKey(await sqlFor(req), req, key, `create:${slug}`, (args as { data?: unknown }).data ?? null)
    if (first) throw new IdempotentReplay(first)
    context.idempotencyKey = key
    return args
  }

export const storeIdempotentReply: CollectionAfterChangeHook = async ({ doc, operation, req, context }) => {
  const key = context.idempotencyKey
  if (operation !== 'create' || !key) return doc
  context.idempotencyKey = undefined
  await storeOutcome(await sqlFor(req), req, key, { status: 201, body: { doc, message: 'Created (idempotent)' } })
  return doc
}
