/**
 * Share links (SPEC §10): a random token (256 bits, base64url) names one document; only its
 * SHA-256 is stored, so a leaked database gives no working link. Unknown, expired, revoked
 * and malformed tokens all resolve to null — the public page answers each with the same 404.
 */
import { createHash, randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'

import { sql, type Db } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'

export const SHARE_DOCUMENTS = ['statement', 'invoice'] as const
export type ShareDocument = (typeof SHARE_DOCUMENTS)[number]
export const DEFAULT_SHARE_DAYS = 30
export const MAX_SHARE_DAYS = 365

const TOKEN = /^[A-Za-z0-9_-]{43}$/

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The store and customer of the document a link would name; 404 unless the requester may use it. */
async function documentOwner(db: Db, req: PayloadRequest, document: ShareDocument, id: number) {
  const { rows } =
    document === 'invoice'
      ? await db.execute(sql`SELECT store_id, customer_id, status FROM invoices WHERE id = ${id}`)
      : await db.execute(sql`SELECT store_id, id AS customer_id, NULL AS status FROM customers WHERE id = ${id} AND deleted_at IS NULL`)
  const row = rows[0]
  if (!row || !mayUseStore(req, Number(row.store_id))) throw notFound('id')
  if (row.status === 'draft') throw new RuleError('A draft invoice cannot be shared: post it first', 'id')
  return { storeId: Number(row.store_id), customerId: Number(row.customer_id) }
}

export interface CreatedShareLink {
  id: number
  token: string
  expiresAt: string
}

export async function createShareLink(db: Db, req: PayloadRequest, input: { document: ShareDocument; id: number; expiresInDays: number }): Promise<CreatedShareLink> {
  const owner = await documentOwner(db, req, input.document, input.id)
  const token = newToken()
  const { rows } = await db.execute(sql`
    INSERT INTO share_links (store_id, document, document_id, customer_id, token_hash, expires_at, created_by_id)
    VALUES (${owner.storeId}, ${input.document}, ${input.id}, ${owner.customerId}, ${hashToken(token)},
            now() + make_interval(days => ${input.expiresInDays}), ${req.user?.id ?? null})
    RETURNING id, expires_at`)
  return { id: Number(rows[0]!.id), token, expiresAt: new Date(String(rows[0]!.expires_at)).toISOString() }
}

/** Revokes a link (again: no change). 404 for unknown links and other stores' links. */
export async function revokeShareLink(db: Db, req: PayloadRequest, id: number) {
  const { rows: found } = await db.execute(sql`SELECT store_id FROM share_links WHERE id = ${id} FOR UPDATE`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('id')
  const { rows } = await db.execute(sql`
    UPDATE share_links SET revoked_at = coalesce(revoked_at, now()), updated_at = now()
     WHERE id = ${id} RETURNING id, revoked_at, expires_at`)
  const row = rows[0]!
  return { id: Number(row.id), revokedAt: new Date(String(row.revoked_at)).toISOString(), expiresAt: new Date(String(row.expires_at)).toISOString() }
}

export interface SharedDocument {
  linkId: number
  storeId: number
  customerId: number
  document: ShareDocument
  documentId: number
  expiresAt: string
}

/** The document a token names, while the link is live; null for anything else. */
export async function resolveShareToken(db: Db, token: string): Promise<SharedDocument | null> {
  if (!TOKEN.test(token)) return null
  const { rows } = await db.execute(sql`
    SELECT id, store_id, customer_id, document, document_id, expires_at FROM share_links
     WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL AND expires_at > now()`)
  const row = rows[0]
  if (!row) return null
  return {
    linkId: Number(row.id),
    storeId: Number(row.store_id),
    customerId: Number(row.customer_id),
    document: row.document as ShareDocument,
    documentId: Number(row.document_id),
    expiresAt: new Date(String(row.expires_at)).toISOString(),
  }
}
