/**
 * Ledger rows are only ever inserted (a database trigger refuses UPDATE and DELETE); their
 * derived fields are then recomputed from them (refresh.ts). Every statement runs on the
 * operation's transaction (`db` from sqlFor).
 */
import { randomBytes } from 'node:crypto'

import { invoiceNumber, type LineItem } from '@/domain/invoice'
import type { PaymentMethod, TransactionKind } from '@/domain/ledgerKinds'
import type { Minor } from '@/domain/money'

import { sql, type Db } from './db'

/** Next value of a per-store counter; the row lock makes it gap-free and race-free. */
export async function nextCounter(db: Db, storeId: number, name: string): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO ledger_counters (store_id, name, last_value) VALUES (${storeId}, ${name}, 1)
    ON CONFLICT (store_id, name) DO UPDATE SET last_value = ledger_counters.last_value + 1
    RETURNING last_value`)
  return Number(rows[0]!.last_value)
}

export async function nextPaymentReference(db: Db, storeId: number): Promise<string> {
  return `PAY-${String(await nextCounter(db, storeId, 'payment')).padStart(6, '0')}`
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
  const reference = tx.reference?.trim() || (await nextPaymentReference(db, tx.storeId))
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

export async function insertAllocation(db: Db, storeId: number, transactionId: number, invoiceId: number, amount: Minor, reversalOfId?: number) {
  await db.execute(sql`
    INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id)
    VALUES (${storeId}, ${transactionId}, ${invoiceId}, ${amount}, ${reversalOfId ?? null})`)
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

export interface NewInvoice {
  storeId: number
  customerId: number
  kind: 'bill' | 'invoice' | 'timesheet'
  items: LineItem[]
  subtotal: number
  discount: number
  total: number
  complimentary: boolean
  issueDate?: string | null
  dueDate?: string | null
  notes?: string | null
  createdBy?: number | string | null
}

/**
 * A draft invoice with its items, written straight into Payload's tables (invoices +
 * invoices_items, whose row ids Payload keeps as 24-hex strings). The demo seed writes
 * invoices with given dates through it; the POS writes its bill in tally_checkout_post.
 */
export async function insertInvoice(db: Db, invoice: NewInvoice): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, status,
                          subtotal, total, amount_paid, amount_due, notes, created_by_id)
    VALUES (${invoice.storeId}, ${invoice.customerId}, ${invoice.kind}, coalesce(${invoice.issueDate ?? null}::timestamptz, now()),
            ${invoice.dueDate ?? null}::timestamptz, ${invoice.discount}, ${invoice.complimentary}, 'draft',
            ${invoice.subtotal}, ${invoice.total}, 0, ${invoice.total}, ${invoice.notes ?? null}, ${invoice.createdBy ?? null})
    RETURNING id`)
  const id = Number(rows[0]!.id)
  if (invoice.items.length > 0) {
    await db.execute(sql`
      INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price)
      VALUES ${sql.join(
        invoice.items.map((item, order) => sql`(${order + 1}, ${id}, ${randomBytes(12).toString('hex')}, ${item.description}, ${item.quantity}, ${item.unitPrice})`),
        sql`, `,
      )}`)
  }
  return id
}
