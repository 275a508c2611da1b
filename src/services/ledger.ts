/**
 * The ledger's SQL primitives, all run on the operation's transaction (`db` from sqlFor).
 * Ledger rows are only ever inserted; derived fields are recomputed from them by the
 * *_figures views (migrations), so a stored balance can never drift from its rows.
 */
import type { PayloadRequest } from 'payload'

import { RuleError } from '@/domain/errors'
import { invoiceNumber } from '@/domain/invoice'
import { expenseReference, isSpending, paymentReference } from '@/domain/references'
import type { Owed } from '@/domain/allocation'
import type { PaymentMethod, TransactionKind } from '@/domain/ledgerKinds'
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
  store: { id: number; name: string; currency: string; locale: string; timezone: string; invoicePrefix: string; autoApplyCredits: boolean }
}

/**
 * Locks the customer row (FOR UPDATE) for the rest of the transaction and returns it with
 * its store. Unknown ids and customers of stores the requester may not use are 404.
 */
export async function lockCustomer(
  db: Db,
  req: PayloadRequest,
  customerId: number,
  { lock = true, field = 'customer' }: { lock?: boolean; field?: string } = {},
): Promise<LockedCustomer> {
  const { rows } = await db.execute(sql`
    SELECT c.id, c.store_id, c.name, c.phone, c.pending_balance, c.advance_balance, c.unmatched_credit,
           s.name AS store_name, s.currency, s.locale, s.timezone, s.invoice_prefix, s.auto_apply_credits
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
    store: {
      id: Number(row.store_id),
      name: String(row.store_name),
      currency: String(row.currency),
      locale: String(row.locale),
      timezone: String(row.timezone),
      invoicePrefix: String(row.invoice_prefix),
      autoApplyCredits: row.auto_apply_credits === true,
    },
  }
}

/**
 * lockCustomer, then the customer's active deposits and open invoices (oldest first), in one
 * round trip (tally_lock_for_checkout): the reads run after the lock is held, each on a
 * fresh snapshot, as the three separate statements did.
 */
export async function lockCustomerWithOpenItems(
  db: Db,
  req: PayloadRequest,
  customerId: number,
  field = 'customer',
): Promise<LockedCustomer & { deposits: Owed<number>[]; openInvoices: Owed<number>[] }> {
  const { rows } = await db.execute(sql`SELECT tally_lock_for_checkout(${customerId}) AS locked`)
  const locked = rows[0]?.locked as (Record<string, unknown> & { deposits: [number, unknown][]; invoices: [number, unknown][] }) | null
  const customer = lockedCustomerOf(req, locked, field)
  const owed = (pairs: [number, unknown][]) => pairs.map(([id, amount]) => ({ id: Number(id), amount: toMinor(amount) }))
  return { ...customer, deposits: owed(locked!.deposits), openInvoices: owed(locked!.invoices) }
}

/** 404 naming the field: unknown ids and other stores' ids look the same. */
export const notFound = (field: string) => new RuleError('Not Found', field, 404)

/** Admins use every store; everyone else only their own. Internal calls (no user) pass. */
export function mayUseStore(req: PayloadRequest, storeId: number): boolean {
  const user = req.user as { role?: string; stores?: (number | { id: number })[] | null } | null
  if (!user || user.role === 'admin') return true
  return (user.stores ?? []).some((store) => (typeof store === 'object' ? store.id : store) === storeId)
}

/** Next value of a per-store counter; the row lock makes it gap-free and race-free. */
export async function nextCounter(db: Db, storeId: number, name: string): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO ledger_counters (store_id, name, last_value) VALUES (${storeId}, ${name}, 1)
    ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + 1
    RETURNING last_value`)
  return Number(rows[0]!.last_value)
}

export async function nextPaymentReference(db: Db, storeId: number): Promise<string> {
  return paymentReference(await nextCounter(db, storeId, 'payment'))
}

/** The owner's expenses and card payments are numbered apart from the money coming in. */
export async function nextExpenseReference(db: Db, storeId: number): Promise<string> {
  return expenseReference(await nextCounter(db, storeId, 'expense'))
}

export async function nextInvoiceNumber(db: Db, storeId: number, prefix: string, year: number): Promise<string> {
  return invoiceNumber(prefix, year, await nextCounter(db, storeId, `invoice:${year}`))
}

export interface NewTransaction {
  storeId: number
  type: 'income' | 'expense'
  kind: TransactionKind
  amount: Minor
  method: PaymentMethod
  customerId?: number | null
  invoiceId?: number | null
  advancePaymentId?: number | null
  reversalOfId?: number | null
  creditCardId?: number | null
  creditCardInvoiceId?: number | null
  paymentStatusId?: number | null
  reference?: string | null
  notes?: string | null
  date?: string | null
  createdBy?: number | string | null
}

export async function insertTransaction(db: Db, tx: NewTransaction): Promise<{ id: number; reference: string; date: string }> {
  const reference = tx.reference?.trim() || (isSpending(tx.kind) ? await nextExpenseReference(db, tx.storeId) : await nextPaymentReference(db, tx.storeId))
  const { rows } = await db.execute(sql`
    INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, advance_payment_id,
                              reversal_of_id, credit_card_id, credit_card_invoice_id, payment_status_id, reference, notes, created_by_id)
    VALUES (${tx.storeId}, coalesce(${tx.date ?? null}::timestamptz, now()), ${tx.type}, ${tx.kind}, ${tx.amount}, ${tx.method},
            ${tx.customerId ?? null}, ${tx.invoiceId ?? null}, ${tx.advancePaymentId ?? null}, ${tx.reversalOfId ?? null},
            ${tx.creditCardId ?? null}, ${tx.creditCardInvoiceId ?? null}, ${tx.paymentStatusId ?? null},
            ${reference}, ${tx.notes ?? null}, ${tx.createdBy ?? null})
    RETURNING id, date`)
  return { id: Number(rows[0]!.id), reference, date: new Date(String(rows[0]!.date)).toISOString() }
}

/** An allocation row; a reversing one (negative, reversalOfId) says why in `reason`. Returns its id. */
export async function insertAllocation(
  db: Db,
  storeId: number,
  transactionId: number,
  invoiceId: number,
  amount: Minor,
  reversalOfId?: number,
  reason?: string | null,
): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id, reason)
    VALUES (${storeId}, ${transactionId}, ${invoiceId}, ${amount}, ${reversalOfId ?? null}, ${reason ?? null})
    RETURNING id`)
  return Number(rows[0]!.id)
}

export async function insertUtilization(db: Db, storeId: number, advancePaymentId: number, invoiceId: number, amount: Minor, reversalOfId?: number) {
  await db.execute(sql`
    INSERT INTO advance_utilizations (store_id, advance_payment_id, invoice_id, amount, reversal_of_id)
    VALUES (${storeId}, ${advancePaymentId}, ${invoiceId}, ${amount}, ${reversalOfId ?? null})`)
}

export interface NewDeposit {
  storeId: number
  customerId: number
  amount: Minor
  method: PaymentMethod
  referenceType: 'appointment' | 'booking' | 'enquiry' | 'direct'
  referenceId?: string | null
  paymentReference?: string | null
  /** The ledger reference of its transaction when already taken (else the next PAY-…). */
  transactionReference?: string | null
  notes?: string | null
  createdBy?: number | string | null
}

/** A deposit: its advance-payments row and the income transaction that brought the money. */
export async function insertDeposit(db: Db, deposit: NewDeposit): Promise<{ id: number; transactionId: number; reference: string }> {
  const { rows } = await db.execute(sql`
    INSERT INTO advance_payments (store_id, customer_id, reference_type, reference_id, amount, method, payment_reference,
                                  status, utilized_amount, refunded_amount, remaining_amount, notes, created_by_id)
    VALUES (${deposit.storeId}, ${deposit.customerId}, ${deposit.referenceType}, ${deposit.referenceId ?? null}, ${deposit.amount},
            ${deposit.method}, ${deposit.paymentReference ?? null}, 'active', 0, 0, ${deposit.amount}, ${deposit.notes ?? null},
            ${deposit.createdBy ?? null})
    RETURNING id`)
  const id = Number(rows[0]!.id)
  const tx = await insertTransaction(db, {
    storeId: deposit.storeId,
    type: 'income',
    kind: 'advance_deposit',
    amount: deposit.amount,
    method: deposit.method,
    customerId: deposit.customerId,
    advancePaymentId: id,
    reference: deposit.transactionReference ?? deposit.paymentReference,
    notes: deposit.notes,
    createdBy: deposit.createdBy,
  })
  await db.execute(sql`UPDATE advance_payments SET transaction_id = ${tx.id} WHERE id = ${id}`)
  return { id, transactionId: tx.id, reference: tx.reference }
}

/**
 * The customer's posted invoices with something due, oldest first — SPEC §9a: earliest due
 * day, then issue date, then number (tally_open_invoices, the rule's one SQL home).
 */
export async function openInvoicesOldestFirst(db: Db, customerId: number, excludeId?: number): Promise<Owed<number>[]> {
  const { rows } = await db.execute(sql`
    SELECT id, amount_due FROM tally_open_invoices(${customerId}) WHERE id <> ${excludeId ?? 0} ORDER BY seq`)
  return rows.map((row) => ({ id: Number(row.id), amount: toMinor(row.amount_due) }))
}

export async function refreshInvoice(db: Db, invoiceId: number): Promise<void> {
  await db.execute(sql`
    UPDATE invoices i SET amount_paid = f.amount_paid, amount_due = f.amount_due, status = f.status::enum_invoices_status
      FROM invoice_figures f WHERE f.id = i.id AND i.id = ${invoiceId}`)
}

/**
 * After any money operation on a customer: its invoices (in id order), its deposits, then
 * the customer's own figures, re-derived from the *_figures views in one round trip
 * (tally_refresh_customer_ledger, migration 20261121_130000_checkout_tail).
 */
export async function refreshCustomerLedger(db: Db, customerId: number, invoiceIds: number[]) {
  const ids = [...new Set(invoiceIds)]
  const { rows } = await db.execute(sql`
    SELECT pending_balance, advance_balance, unmatched_credit
      FROM tally_refresh_customer_ledger(${customerId}, ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::integer[])`)
  const row = rows[0]
  if (!row) throw new RuleError('customer not found', 'customer', 404)
  return { pendingBalance: toMinor(row.pending_balance), advanceBalance: toMinor(row.advance_balance), unmatchedCredit: toMinor(row.unmatched_credit) }
}
