/**
 * The money operations that post in one round trip after the lock: each is one call of a
 * plpgsql function taking one jsonb argument (src/ledger/sql/functions). These types are
 * those contracts, written once: what the services send and what the functions answer.
 */
import type { PaymentMethod } from '@/domain/ledgerKinds'
import type { Minor } from '@/domain/money'
import type { ReferenceFormat } from '@/domain/references'
import type { TaxTreatment } from '@/domain/tax'

import { sql, toMinor, type Db } from './db'

/** One payment line of a checkout: applied to invoices (bill first), and/or kept as a deposit. */
export interface CheckoutLine {
  method: PaymentMethod
  /** The part applied to invoices: a payment transaction with these allocations. */
  applied: Minor
  /** The part kept as an advance: a deposit with the transaction that brought it. */
  kept: Minor
  /** References of the payment and the deposit (lineReferences); null: numbered. */
  paymentReference: string | null
  depositReference: string | null
  /** `invoice: null` is the new bill. */
  toInvoices: { invoice: number | null; amount: Minor }[]
}

/** tally_checkout_post(p jsonb): the bill, its items and advance uses, the payment lines. */
export interface CheckoutPost {
  store: number
  customer: number
  createdBy: number | string | null
  /** The bill's number (invoiceNumbering: the store's prefix and year). */
  numbering: ReferenceFormat
  /** The references of the payments and deposits (PAYMENT_REFERENCE) … */
  references: ReferenceFormat
  /** … and how many of them are numbered (numberedReferences), taken as one block. */
  numberedReferences: number
  /** A complimentary bill keeps why it is free and the owner who approved it (when the store asks). */
  bill: {
    subtotal: Minor
    discount: Minor
    total: Minor
    complimentary: boolean
    complimentaryReason: string | null
    complimentaryApprovedBy: number | null
    /** SPEC §9 pay-later terms: a stored day (noon UTC) when money is left due, else null. */
    dueDate: string | null
    /** Why an owner let the bill take the customer above the credit limit (else null). */
    creditOverrideReason: string | null
    notes: string | null
    /** SPEC §12: how it is taxed and its tax (taxedBillOf in src/domain/billLines.ts). */
    taxTreatment: TaxTreatment
    pricesIncludeTax: boolean
    supplierGstin: string | null
    customerGstin: string | null
    placeOfSupply: string | null
    taxTotal: Minor
    cgst: Minor
    sgst: Minor
    igst: Minor
  }
  /** `id`: Payload's 24-hex row id of the array item; `service`: the catalogue entry, if any. */
  items: { id: string; description: string; quantity: number; unitPrice: Minor; service: number | null; sac: string | null; taxRate: number; taxable: Minor; tax: Minor }[]
  advanceUses: { deposit: number; amount: Minor }[]
  lines: CheckoutLine[]
}

export interface CheckoutPosted {
  bill: {
    id: number
    number: string
    status: string
    subtotal: Minor
    discount: Minor
    total: Minor
    amountPaid: Minor
    amountDue: Minor
    complimentary: boolean
    taxTotal: Minor
    cgst: Minor
    sgst: Minor
    igst: Minor
  }
  transactions: { id: number; reference: string; method: PaymentMethod; amount: Minor }[]
  pendingBalance: Minor
  advanceBalance: Minor
}

interface CheckoutPostedRow {
  bill: Record<string, unknown>
  transactions: { id: number; reference: string; method: PaymentMethod; amount: unknown }[]
  pending_balance: unknown
  advance_balance: unknown
}

export async function postCheckout(db: Db, post: CheckoutPost): Promise<CheckoutPosted> {
  const { rows } = await db.execute(sql`SELECT tally_checkout_post(${JSON.stringify(post)}::jsonb) AS posted`)
  const posted = rows[0]!.posted as CheckoutPostedRow
  const row = posted.bill
  return {
    bill: {
      id: Number(row.id),
      number: String(row.number),
      status: String(row.status),
      subtotal: toMinor(row.subtotal),
      discount: toMinor(row.discount),
      total: toMinor(row.total),
      amountPaid: toMinor(row.amount_paid),
      amountDue: toMinor(row.amount_due),
      complimentary: Boolean(row.complimentary),
      taxTotal: toMinor(row.tax_total),
      cgst: toMinor(row.cgst),
      sgst: toMinor(row.sgst),
      igst: toMinor(row.igst),
    },
    transactions: posted.transactions.map((tx) => ({ id: Number(tx.id), reference: String(tx.reference), method: tx.method, amount: toMinor(tx.amount) })),
    pendingBalance: toMinor(posted.pending_balance),
    advanceBalance: toMinor(posted.advance_balance),
  }
}

/** tally_collect_post(p jsonb): money collected without a bill, as planned by applyInOrder. */
export interface CollectPost {
  store: number
  customer: number
  createdBy: number | string | null
  method: PaymentMethod
  references: ReferenceFormat
  numberedReferences: number
  /** References of the payment and of the deposit of an excess (lineReferences); null: numbered. */
  paymentReference: string | null
  depositReference: string | null
  notes: string | null
  /** The payment's instant (a store day at noon), or null for now. */
  date: string | null
  /** Applied to invoices (Σ applied). */
  collected: Minor
  /** Kept as an advance (the excess). */
  leftover: Minor
  applied: { invoice: number; amount: Minor }[]
}

export interface CollectPosted {
  transaction: { id: number; reference: string; date: string } | null
  deposit: number | null
  pendingBalance: Minor
  advanceBalance: Minor
}

interface CollectPostedRow {
  transaction: { id: number; reference: string; date: string } | null
  deposit: number | null
  pending_balance: unknown
  advance_balance: unknown
}

export async function postCollect(db: Db, post: CollectPost): Promise<CollectPosted> {
  const { rows } = await db.execute(sql`SELECT tally_collect_post(${JSON.stringify(post)}::jsonb) AS posted`)
  const posted = rows[0]!.posted as CollectPostedRow
  return {
    transaction: posted.transaction
      ? { id: Number(posted.transaction.id), reference: String(posted.transaction.reference), date: new Date(posted.transaction.date).toISOString() }
      : null,
    deposit: posted.deposit === null ? null : Number(posted.deposit),
    pendingBalance: toMinor(posted.pending_balance),
    advanceBalance: toMinor(posted.advance_balance),
  }
}

/** tally_import_opening(p jsonb): one batch of checked opening-balance rows (SPEC §9 import). */
export interface OpeningImport {
  store: number
  importKey: string
  createdBy: number | string | null
  /** OB-26-0001 (openingNumbering: the year of the import day). */
  numbering: ReferenceFormat
  /** The import day, stored as calendar days are (noon UTC). */
  issueDay: string
  /** Sorted by phone (every import locks customers in one order). */
  rows: { row: number; name: string; phone: string; pending: Minor; advance: Minor; notes: string | null }[]
}

export interface OpeningImported {
  row: number
  action: 'created' | 'updated' | 'skipped'
  customer?: number
  invoice?: number | null
  deposit?: number | null
}

export async function postOpeningImport(db: Db, batch: OpeningImport): Promise<OpeningImported[]> {
  const { rows } = await db.execute(sql`SELECT tally_import_opening(${JSON.stringify(batch)}::jsonb) AS done`)
  return rows[0]!.done as OpeningImported[]
}
