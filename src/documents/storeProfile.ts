/**
 * The store as customers see it on receipts, PDFs and share pages (SPEC §10), read with
 * plain SQL on the request's connection (no access control here: callers have already
 * decided who may see which store's document).
 */
import type { Payload } from 'payload'

import { sql, type Db } from '@/ledger/db'

export interface StoreProfile {
  id: number
  name: string
  currency: string
  locale: string
  timezone: string
  address: string | null
  phone: string | null
  upiId: string | null
  logoId: number | null
  /** SPEC §12: the tax's name on documents (GST, VAT…) and the store's tax number (null: not registered). */
  taxLabel: string
  gstin: string | null
}

export async function storeProfile(db: Db, storeId: number): Promise<StoreProfile | null> {
  const { rows } = await db.execute(sql`
    SELECT id, name, currency, locale, timezone, address, phone, upi_id, logo_id, tax_label, gstin FROM stores WHERE id = ${storeId}`)
  const row = rows[0]
  if (!row) return null
  return {
    id: Number(row.id),
    name: String(row.name),
    currency: String(row.currency),
    locale: String(row.locale),
    timezone: String(row.timezone),
    address: row.address ? String(row.address) : null,
    phone: row.phone ? String(row.phone) : null,
    upiId: row.upi_id ? String(row.upi_id) : null,
    logoId: row.logo_id ? Number(row.logo_id) : null,
    taxLabel: row.tax_label ? String(row.tax_label) : 'GST',
    gstin: row.gstin ? String(row.gstin) : null,
  }
}

export interface LogoFile {
  data: Buffer
  mimeType: string
}

/** The bytes of a logo (PNG or JPEG), or null when none were stored. */
export async function logoBytes(payload: Payload, logoId: number, db: Db = payload.db.drizzle as unknown as Db): Promise<LogoFile | null> {
  const { rows } = await db.execute(sql`
    SELECT f.data, l.mime_type FROM store_logo_files f JOIN store_logos l ON l.id = f.logo_id WHERE f.logo_id = ${logoId}`)
  const row = rows[0]
  if (!row) return null
  return { data: Buffer.from(row.data as Uint8Array), mimeType: String(row.mime_type ?? 'image/png') }
}
