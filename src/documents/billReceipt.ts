/**
 * The receipt of a posted bill, rebuilt from the ledger rows its checkout wrote (SPEC §10):
 * the payments, deposits and advance uses that share the bill's posting instant (one
 * database transaction has one `now()`), so a reprint prints what the sale printed. What
 * changed since (later payments, a void) is added at the bottom, and the customer's
 * balances are today's.
 */
import { dayOnly } from '@/domain/dates'
import type { ReceiptInput } from '@/domain/receipt'

import { sql, toMinor, type Db } from '@/ledger/db'
import { invoiceTax, invoiceTaxDocument } from '@/services/invoiceTax'

import { storeProfile } from './storeProfile'

export interface BillReceipt {
  storeId: number
  input: ReceiptInput
}

export async function billReceipt(db: Db, invoiceId: number): Promise<BillReceipt | null> {
  const { rows } = await db.execute(sql`
    SELECT i.id, i.store_id, i.customer_id, i.number, i.issue_date, i.posted_at, i.status, i.complimentary, i.subtotal, i.discount,
           i.total, i.amount_due, i.notes, c.name AS customer_name, c.phone AS customer_phone,
           c.pending_balance, c.advance_balance
      FROM invoices i JOIN customers c ON c.id = i.customer_id
     WHERE i.id = ${invoiceId} AND i.status <> 'draft' AND i.posted_at IS NOT NULL`)
  const bill = rows[0]
  if (!bill) return null
  const store = await storeProfile(db, Number(bill.store_id))
  if (!store) return null

  // One after another: they share the request's connection.
  const items = await db.execute(sql`SELECT description, quantity, unit_price FROM invoices_items WHERE _parent_id = ${invoiceId} ORDER BY _order`)
  // Money taken at the sale: its payments (applied to this bill and older ones) and the excess kept as a deposit.
  const sale = await db.execute(sql`
      SELECT t.id, t.kind, t.method, t.amount, t.reference,
             coalesce((SELECT sum(a.amount) FROM allocations a
                        WHERE a.transaction_id = t.id AND a.reversal_of_id IS NULL AND a.invoice_id = ${invoiceId}), 0) AS to_bill,
             coalesce((SELECT sum(a.amount) FROM allocations a
                        WHERE a.transaction_id = t.id AND a.reversal_of_id IS NULL AND a.invoice_id <> ${invoiceId}), 0) AS to_others
        FROM transactions t
       WHERE t.customer_id = ${bill.customer_id} AND t.type = 'income' AND t.reversal_of_id IS NULL
         AND t.date = ${bill.posted_at}::timestamptz
         AND (t.invoice_id = ${invoiceId}
              OR (t.kind = 'advance_deposit' AND t.advance_payment_id IN (
                    SELECT id FROM advance_payments WHERE customer_id = ${bill.customer_id} AND reference_type = 'direct' AND reference_id = ${bill.number})))
       ORDER BY t.id`)
  const uses = await db.execute(sql`
      SELECT coalesce(sum(amount), 0) AS used FROM advance_utilizations
       WHERE invoice_id = ${invoiceId} AND reversal_of_id IS NULL AND created_at = ${bill.posted_at}::timestamptz`)

  const payments = sale.rows.map((row) => ({ method: String(row.method), amount: toMinor(row.amount), reference: row.reference ? String(row.reference) : null }))
  const paidToBill = sale.rows.reduce((total, row) => total + toMinor(row.to_bill), 0)
  const appliedToPending = sale.rows.reduce((total, row) => total + toMinor(row.to_others), 0)
  const keptAsAdvance = sale.rows.filter((row) => row.kind === 'advance_deposit').reduce((total, row) => total + toMinor(row.amount), 0)
  const advanceUsed = toMinor(uses.rows[0]?.used)
  const tax = await invoiceTax(db, invoiceId)
  const total = toMinor(bill.total)
  const complimentary = Boolean(bill.complimentary)
  const amountDueAtSale = complimentary ? 0 : Math.max(0, total - paidToBill - advanceUsed)
  const amountDueNow = toMinor(bill.amount_due)
  const voided = bill.status === 'void'

  return {
    storeId: store.id,
    input: {
      store,
      tax: tax ? invoiceTaxDocument(tax, store) : null,
      bill: {
        number: String(bill.number),
        issueDate: dayOnly(bill.issue_date) ?? '',
        complimentary,
        subtotal: toMinor(bill.subtotal),
        discount: toMinor(bill.discount),
        total,
        amountDue: amountDueAtSale,
      },
      customer: { name: String(bill.customer_name), phone: bill.customer_phone ? String(bill.customer_phone) : null },
      items: items.rows.map((row) => ({ description: String(row.description), quantity: Number(row.quantity), unitPrice: toMinor(row.unit_price) })),
      payments,
      advanceUsed,
      appliedToPending,
      keptAsAdvance,
      pendingBalance: toMinor(bill.pending_balance),
      advanceBalance: toMinor(bill.advance_balance),
      notes: bill.notes ? String(bill.notes) : null,
      since: voided || amountDueNow !== amountDueAtSale ? { paid: Math.max(0, amountDueAtSale - amountDueNow), amountDue: amountDueNow, voided } : null,
    },
  }
}
