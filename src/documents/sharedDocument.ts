/**
 * What a share link shows (SPEC §10): exactly the one document its token names, the amount
 * due now and, when the store has a UPI id, a `upi://pay` link and its QR code. Anything
 * else — unknown, expired, revoked or malformed token — is null, which the page answers
 * with the same 404.
 */
import { createLocalReq, type Payload } from 'payload'
import QRCode from 'qrcode'

import type { Minor } from '@/domain/money'
import { upiPayUrl } from '@/domain/upi'

import type { Db } from '@/ledger/db'
import { resolveShareToken, type SharedDocument } from '@/services/shareLinks'

import { invoiceDocument, type InvoiceDocument } from './invoiceDocument'
import { statementDocument, type StatementDocument } from './statementDocument'
import type { StoreProfile } from './storeProfile'

interface SharedBase {
  link: SharedDocument
  store: StoreProfile
  amountDue: Minor
  /** The bill number or statement reference (UPI note, file name). */
  reference: string
}
type SharedBody = SharedBase & ({ kind: 'invoice'; invoice: InvoiceDocument } | { kind: 'statement'; statement: StatementDocument })
export type SharedView = SharedBody & { upiUrl: string | null; qrSvg: string | null }

export async function sharedDocument(payload: Payload, token: string): Promise<SharedView | null> {
  const db = payload.db.drizzle as unknown as Db
  const link = await resolveShareToken(db, token)
  if (!link) return null
  let view: SharedBody
  if (link.document === 'invoice') {
    const invoice = await invoiceDocument(db, link.documentId)
    if (!invoice || invoice.store.id !== link.storeId) return null
    view = { kind: 'invoice', invoice, link, store: invoice.store, amountDue: invoice.invoice.amountDue, reference: invoice.invoice.number }
  } else {
    // No user on this request: the link itself is the permission, and it names this one customer.
    const req = await createLocalReq({}, payload)
    const statement = await statementDocument(db, req, link.documentId, {})
    if (statement.store.id !== link.storeId) return null
    view = { kind: 'statement', statement, link, store: statement.store, amountDue: statement.amountDue, reference: statement.reference }
  }
  const upiUrl = view.store.upiId
    ? upiPayUrl({ upiId: view.store.upiId, name: view.store.name, amount: view.amountDue, currency: view.store.currency, note: view.reference })
    : null
  const qrSvg = upiUrl ? await QRCode.toString(upiUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null
  return { ...view, upiUrl, qrSvg }
}
