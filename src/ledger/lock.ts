/**
 * The row locks a money operation takes first (SELECT … FOR UPDATE on the transaction's
 * connection), and the reads that must follow them. Unknown ids and other stores' ids are
 * 404 naming the field (SPEC §5).
 */
import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import type { Owed } from '@/domain/allocation'
import { notFound } from '@/domain/errors'
import type { Minor } from '@/domain/money'

import { sql, toMinor, type Db } from './db'

export interface LockedCustomer {
  id: number
  storeId: number
  name: string
  phone: string
  pendingBalance: Minor
  advanceBalance: Minor
  unmatchedCredit: Minor
  /** SPEC §9: most the customer may owe (null = no limit, 0 = cash only) … */
  creditLimit: Minor | null
  /** … and its own pay-later terms (null = the store's). */
  creditTermsDays: number | null
  /** The customer's GSTIN and place of supply (SPEC §12). */
  gstin: string | null
  stateCode: string | null
  store: {
    id: number
    name: string
    currency: string
    locale: string
    timezone: string
    invoicePrefix: string
    autoApplyCredits: boolean
    creditTermsDays: number
    /** Tax settings (SPEC §12): registration, state, how prices are written, the rate of free-text lines. */
    gstin: string | null
    stateCode: string | null
    pricesIncludeTax: boolean
    taxLabel: string
    defaultTaxRate: number
  }
}

/**
 * Locks the customer row (FOR UPDATE) for the rest of the transaction and returns it with
 * its store; `lock: false` only reads it (with the same scope check).
 */
export async function lockCustomer(
  db: Db,
  req: PayloadRequest,
  customerId: number,
  { lock = true, field = 'customer' }: { lock?: boolean; field?: string } = {},
): Promise<LockedCustomer> {
  const { rows } = await db.execute(sql`
    SELECT c.id, c.store_id, c.name, c.phone, c.pending_balance, c.advance_balance, c.unmatched_credit,
           c.credit_limit, c.credit_terms_days, c.gstin, c.state_code,
           s.name AS store_name, s.currency, s.locale, s.timezone, s.invoice_prefix, s.auto_apply_credits,
           s.credit_terms_days AS store_credit_terms_days,
           s.gstin AS store_gstin, s.state_code AS store_state_code, s.prices_include_tax, s.tax_label, s.default_tax_rate
      FROM customers c JOIN stores s ON s.id = c.store_id
     WHERE c.id = ${customerId}
     ${lock ? sql`FOR UPDATE OF c` : sql``}`)
  return lockedCustomerOf(req, rows[0], field)
}

function lockedCustomerOf(req: PayloadRequest, row: Record<string, unknown> | null | undefined, field: string): LockedCustomer {
  if (!row || !mayUseStore(req, Number(row.store_id))) throw notFound(field)
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    name: String(row.name),
    phone: String(row.phone),
    pendingBalance: toMinor(row.pending_balance),
    advanceBalance: toMinor(row.advance_balance),
    unmatchedCredit: toMinor(row.unmatched_credit),
    creditLimit: row.credit_limit === null || row.credit_limit === undefined ? null : toMinor(row.credit_limit, 'creditLimit'),
    creditTermsDays: row.credit_terms_days === null || row.credit_terms_days === undefined ? null : Number(row.credit_terms_days),
    gstin: textOrNull(row.gstin),
    stateCode: textOrNull(row.state_code),
    store: {
      id: Number(row.store_id),
      name: String(row.store_name),
      currency: String(row.currency),
      locale: String(row.locale),
      timezone: String(row.timezone),
      invoicePrefix: String(row.invoice_prefix),
      autoApplyCredits: row.auto_apply_credits === true,
      creditTermsDays: Number(row.store_credit_terms_days ?? 0),
      gstin: textOrNull(row.store_gstin),
      stateCode: textOrNull(row.store_state_code),
      pricesIncludeTax: row.prices_include_tax === true,
      taxLabel: textOrNull(row.tax_label) ?? 'GST',
      defaultTaxRate: Number(row.default_tax_rate ?? 0),
    },
  }
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)

/**
 * lockCustomer, then the customer's active deposits and open invoices (oldest first), in one
 * round trip (tally_lock_for_checkout): the reads run after the lock is held, each on a
 * fresh snapshot, as the three separate statements did. It also brings the store's contact
 * lines (a receipt's header), so a checkout needs no read of its own for them.
 */
export async function lockCustomerWithOpenItems(
  db: Db,
  req: PayloadRequest,
  customerId: number,
  field = 'customer',
): Promise<LockedCustomer & { deposits: Owed<number>[]; openInvoices: Owed<number>[]; storeContact: { address: string | null; phone: string | null } }> {
  const { rows } = await db.execute(sql`SELECT tally_lock_for_checkout(${customerId}) AS locked`)
  const locked = rows[0]?.locked as (Record<string, unknown> & { deposits: [number, unknown][]; invoices: [number, unknown][] }) | null
  const customer = lockedCustomerOf(req, locked, field)
  const owed = (pairs: [number, unknown][]) => pairs.map(([id, amount]) => ({ id: Number(id), amount: toMinor(amount) }))
  return {
    ...customer,
    deposits: owed(locked!.deposits),
    openInvoices: owed(locked!.invoices),
    storeContact: { address: locked!.store_address ? String(locked!.store_address) : null, phone: locked!.store_phone ? String(locked!.store_phone) : null },
  }
}

/**
 * The customer's invoices that still take money, oldest first — SPEC §9a: earliest due day,
 * then issue date, then number (tally_open_invoices, the rule's one SQL home).
 */
export async function openInvoicesInOrder(db: Db, customerId: number): Promise<Owed<number>[]> {
  const { rows } = await db.execute(sql`SELECT id, amount_due FROM tally_open_invoices(${customerId}) ORDER BY seq`)
  return rows.map((row) => ({ id: Number(row.id), amount: toMinor(row.amount_due) }))
}

export interface LockedCard {
  id: number
  storeId: number
  name: string
  last4: string
  cardholder: string
  closingDay: number
  dueDay: number
  active: boolean
  timezone: string
}

/** Locks a credit card's row: its statements are created and closed one at a time. */
export async function lockCard(db: Db, req: PayloadRequest, cardId: number, field = 'creditCard'): Promise<LockedCard> {
  const { rows } = await db.execute(sql`
    SELECT c.id, c.store_id, c.name, c.last4, c.cardholder, c.closing_day, c.due_day, c.active, s.timezone
      FROM credit_cards c JOIN stores s ON s.id = c.store_id
     WHERE c.id = ${cardId} FOR UPDATE OF c`)
  const row = rows[0]
  if (!row || !mayUseStore(req, Number(row.store_id))) throw notFound(field)
  return {
    id: Number(row.id),
    storeId: Number(row.store_id),
    name: String(row.name),
    last4: String(row.last4),
    cardholder: String(row.cardholder),
    closingDay: Number(row.closing_day),
    dueDay: Number(row.due_day),
    active: Boolean(row.active),
    timezone: String(row.timezone),
  }
}
