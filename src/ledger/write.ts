/**
 * Ledger rows are only ever inserted (a database trigger refuses UPDATE and DELETE); their
 * derived fields are then recomputed from them (refresh.ts). Every statement runs on the
 * operation's transaction (`db` from sqlFor).
 */
import { randomBytes } from 'node:crypto'

import { storedDay } from '@/domain/dates'
import type { BillLine, TaxedBillOf } from '@/domain/billLines'
import type { PaymentMethod, TransactionKind } from '@/domain/ledgerKinds'
import type { Minor } from '@/domain/money'
import { PAYMENT_REFERENCE, referenceFormatOf, type ReferenceFormat } from '@/domain/references'

import { sql, type Db } from './db'

/** The next reference of a format (src/domain/references.ts) in a store: tally_next_reference. */
export async function nextReference(db: Db, storeId: number, format: ReferenceFormat): Promise<string> {
  const { rows } = await db.execute(sql`SELECT tally_next_reference(${storeId}, ${JSON.stringify(format)}::jsonb) AS reference`)
  return String(rows[0]!.reference)
}

/** A reference typed by a person, or — in the same statement — the store's next number of `format`. */
const referenceOr = (storeId: number, given: string | null | undefined, format: ReferenceFormat = PAYMENT_REFERENCE) =>
  sql`coalesce(${given?.trim() || null}::varchar, tally_next_reference(${storeId}, ${JSON.stringify(format)}::jsonb))`

export interface NewTransaction {
  storeId: number
  type: 'income' | 'expense'
  kind: TransactionKind
  amount: Minor
  /** null only for rows that move no money (NON_CASH_KINDS: a write-off, a forfeit). */
  method: PaymentMethod | null
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

/** A ledger row; without a reference it is numbered (referenceFormatOf: PAY-, EXP-, RFD-, WO-, FFT-…) in the same statement. */
export async function insertTransaction(db: Db, tx: NewTransaction): Promise<{ id: number; reference: string; date: string }> {
  const { rows } = await db.execute(sql`
    INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, invoice_id, advance_payment_id,
                              reversal_of_id, credit_card_id, credit_card_invoice_id, payment_status_id, reference, notes, created_by_id)
    VALUES (${tx.storeId}, coalesce(${tx.date ?? null}::timestamptz, now()), ${tx.type}, ${tx.kind}, ${tx.amount}, ${tx.method},
            ${tx.customerId ?? null}, ${tx.invoiceId ?? null}, ${tx.advancePaymentId ?? null}, ${tx.reversalOfId ?? null},
            ${tx.creditCardId ?? null}, ${tx.creditCardInvoiceId ?? null}, ${tx.paymentStatusId ?? null},
            ${referenceOr(tx.storeId, tx.reference, referenceFormatOf(tx.kind))}, ${tx.notes ?? null}, ${tx.createdBy ?? null})
    RETURNING id, reference, date`)
  return { id: Number(rows[0]!.id), reference: String(rows[0]!.reference), date: new Date(String(rows[0]!.date)).toISOString() }
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
  /** The reference typed for the money; also its transaction's (else numbered PAY-…). */
  paymentReference?: string | null
  notes?: string | null
  createdBy?: number | string | null
}

/** A deposit, the income transaction that brought the money and their link: tally_insert_deposit. */
export async function insertDeposit(db: Db, deposit: NewDeposit): Promise<{ id: number; transactionId: number; reference: string }> {
  const { rows } = await db.execute(sql`
    SELECT deposit_id, transaction_id, reference
      FROM tally_insert_deposit(${deposit.storeId}, ${deposit.customerId}, ${deposit.amount}, ${deposit.method}, ${deposit.referenceType},
                                ${deposit.referenceId ?? null}, ${deposit.paymentReference ?? null},
                                ${referenceOr(deposit.storeId, deposit.paymentReference)}, ${deposit.notes ?? null}, ${deposit.createdBy ?? null}, NULL)`)
  const row = rows[0]!
  return { id: Number(row.deposit_id), transactionId: Number(row.transaction_id), reference: String(row.reference) }
}

export interface NewInvoice {
  storeId: number
  customerId: number
  kind: 'bill' | 'invoice' | 'timesheet'
  /** A rental timesheet's asset, period (store days) and hours × rate. */
  rental?: { assetId: number; periodStart: string; periodEnd: string | null; hours: number; rate: Minor }
  items: BillLine[]
  /** Its totals and tax (taxedBillOf, src/domain/billLines.ts), line by line as `items`. */
  taxed: TaxedBillOf
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
  const { taxed } = invoice
  const { rows } = await db.execute(sql`
    INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, status,
                          subtotal, total, amount_paid, amount_due, notes, created_by_id, asset_id, period_start, period_end, hours, rate,
                          tax_treatment, prices_include_tax, supplier_gstin, customer_gstin, place_of_supply, tax_total, cgst, sgst, igst)
    VALUES (${invoice.storeId}, ${invoice.customerId}, ${invoice.kind}, coalesce(${invoice.issueDate ?? null}::timestamptz, now()),
            ${invoice.dueDate ?? null}::timestamptz, ${taxed.discount}, ${invoice.complimentary}, 'draft',
            ${taxed.subtotal}, ${taxed.total}, 0, ${taxed.total}, ${invoice.notes ?? null}, ${invoice.createdBy ?? null},
            ${invoice.rental?.assetId ?? null}, ${invoice.rental ? storedDay(invoice.rental.periodStart) : null}::timestamptz,
            ${invoice.rental?.periodEnd ? storedDay(invoice.rental.periodEnd) : null}::timestamptz, ${invoice.rental?.hours ?? null},
            ${invoice.rental?.rate ?? null}, ${taxed.treatment}, ${taxed.pricesIncludeTax}, ${taxed.supplierGstin}, ${taxed.customerGstin},
            ${taxed.placeOfSupply}, ${taxed.taxTotal}, ${taxed.cgst}, ${taxed.sgst}, ${taxed.igst})
    RETURNING id`)
  const id = Number(rows[0]!.id)
  if (invoice.items.length > 0) {
    await db.execute(sql`
      INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price, service_id, sac, tax_rate, taxable, tax)
      VALUES ${sql.join(
        invoice.items.map((item, order) => {
          const line = taxed.lines[order]!
          return sql`(${order + 1}, ${id}, ${randomBytes(12).toString('hex')}, ${item.description}, ${item.quantity}, ${item.unitPrice},
                      ${item.service}, ${item.sac}, ${line.taxRate}, ${line.taxable}, ${line.tax})`
        }),
        sql`, `,
      )}`)
  }
  return id
}

/** Posting: the invoice's number, status open and what it owes (figures follow in refresh). */
export async function markPosted(db: Db, invoiceId: number, number: string): Promise<void> {
  await db.execute(sql`
    UPDATE invoices SET number = ${number}, status = 'open', posted_at = now(), issue_date = coalesce(issue_date, now()),
                        amount_paid = 0, amount_due = total
     WHERE id = ${invoiceId}`)
}

/** Voiding: the invoice no longer counts as owed (its ledger rows are reversed by the caller). */
export async function markVoid(db: Db, invoiceId: number, reason: string | null | undefined): Promise<void> {
  await db.execute(sql`
    UPDATE invoices SET status = 'void', voided_at = now(), void_reason = coalesce(${reason ?? null}, void_reason) WHERE id = ${invoiceId}`)
}

// ---------------------------------------------------------------- card statements, payables

export interface NewStatement {
  storeId: number
  cardId: number
  label: string
  cardholder: string
  last4: string
  /** yyyy-mm-dd store days. */
  startDate: string
  endDate: string
  dueDate: string
  billingPeriodDays: number
}

/** An open statement with nothing in it yet. */
export async function insertStatement(db: Db, statement: NewStatement): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO credit_card_invoices (store_id, credit_card_id, label, cardholder, last4, start_date, end_date, due_date,
                                      is_closed, total_amount, purchases_count, billing_period_days, amount_paid, amount_due, status)
    VALUES (${statement.storeId}, ${statement.cardId}, ${statement.label}, ${statement.cardholder}, ${statement.last4},
            ${storedDay(statement.startDate)}::timestamptz, ${storedDay(statement.endDate)}::timestamptz,
            ${storedDay(statement.dueDate)}::timestamptz, false, 0, 0, ${statement.billingPeriodDays}, 0, 0, 'open')
    RETURNING id`)
  return Number(rows[0]!.id)
}

/** Closing early: the statement ends sooner (the rest of its period becomes the next one). */
export async function cutStatement(db: Db, statementId: number, cut: { endDate: string; dueDate: string; label: string; billingPeriodDays: number }): Promise<void> {
  await db.execute(sql`
    UPDATE credit_card_invoices
       SET end_date = ${storedDay(cut.endDate)}::timestamptz, due_date = ${storedDay(cut.dueDate)}::timestamptz,
           label = ${cut.label}, billing_period_days = ${cut.billingPeriodDays}
     WHERE id = ${statementId}`)
}

export async function markStatementClosed(db: Db, statementId: number): Promise<void> {
  await db.execute(sql`UPDATE credit_card_invoices SET is_closed = true, closed_at = now() WHERE id = ${statementId}`)
}

/** The payable a closed statement becomes, in the month it is due (once: ON CONFLICT). */
export async function insertStatementPayable(db: Db, payable: { storeId: number; cardId: number; statementId: number; name: string; dueDate: string }): Promise<void> {
  await db.execute(sql`
    INSERT INTO payment_statuses (store_id, name, payment_type, month_year, due_date, expected_amount, currency, credit_card_invoice_id, amount_paid, status)
    SELECT ${payable.storeId}, ${payable.name}, 'credit_card', ${payable.dueDate.slice(0, 7)}, ${storedDay(payable.dueDate)}::timestamptz, 0,
           cc.currency, ${payable.statementId}, 0, 'pending'
      FROM credit_cards cc WHERE cc.id = ${payable.cardId}
    ON CONFLICT DO NOTHING`)
}

// ---------------------------------------------------------------- customers, bookings

export interface NewCustomer {
  storeId: number
  name: string
  /** E.164, unique per store. */
  phone: string
  email?: string | null
  gender?: 'female' | 'male' | 'other' | null
  address?: string | null
  notes?: string | null
  gstin?: string | null
  stateCode?: string | null
}

/** Inserts the customer unless the store has the phone already (then null: a concurrent create won). */
export async function insertCustomer(db: Db, customer: NewCustomer): Promise<Record<string, unknown> | null> {
  const { rows } = await db.execute(sql`
    INSERT INTO customers (store_id, name, phone, email, gender, address, notes, gstin, state_code)
    VALUES (${customer.storeId}, ${customer.name}, ${customer.phone}, ${customer.email ?? null}, ${customer.gender ?? null},
            ${customer.address ?? null}, ${customer.notes ?? null}, ${customer.gstin ?? null}, ${customer.stateCode ?? null})
    ON CONFLICT (store_id, phone) DO NOTHING
    RETURNING id, store_id, name, phone, email, pending_balance, advance_balance, visits`)
  return rows[0] ?? null
}

/** Moves a customer to the trash (hidden, restorable; every ledger row kept) or back. */
export async function setCustomerTrashed(db: Db, customerId: number, trashed: boolean): Promise<void> {
  await db.execute(sql`UPDATE customers SET deleted_at = ${trashed ? sql`now()` : sql`NULL`} WHERE id = ${customerId}`)
}

export async function linkBookingDeposit(db: Db, bookingId: number, depositId: number): Promise<void> {
  await db.execute(sql`UPDATE bookings SET advance_payment_id = ${depositId} WHERE id = ${bookingId}`)
}

// ---------------------------------------------------------------- after the sale (SPEC §9)

export interface NewCreditNote {
  storeId: number
  customerId: number
  invoiceId: number
  /** CN-26-0001 (creditNoteNumbering), taken by the caller. */
  number: string
  amount: Minor
  reason: string
  createdBy?: number | string | null
}

/** A credit note row (append-only, like the other ledger rows); the invoice's figures follow in refresh. */
export async function insertCreditNote(db: Db, note: NewCreditNote): Promise<{ id: number; date: string }> {
  const { rows } = await db.execute(sql`
    INSERT INTO credit_notes (store_id, customer_id, invoice_id, number, amount, reason, date, created_by_id)
    VALUES (${note.storeId}, ${note.customerId}, ${note.invoiceId}, ${note.number}, ${note.amount}, ${note.reason}, now(), ${note.createdBy ?? null})
    RETURNING id, date`)
  return { id: Number(rows[0]!.id), date: new Date(String(rows[0]!.date)).toISOString() }
}

/** Keeps why an owner let an invoice go above the customer's credit limit (and who). */
export async function markCreditOverride(db: Db, invoiceId: number, reason: string, by: number | string | null | undefined): Promise<void> {
  await db.execute(sql`UPDATE invoices SET credit_override_reason = ${reason}, credit_override_by_id = ${by ?? null} WHERE id = ${invoiceId}`)
}
