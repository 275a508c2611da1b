/**
 * Receipts printed again later (issue 13): any bill's, and a collection's. Read from the
 * ledger as it stands, so a reprint shows what the bill has been paid since and whether it
 * was voided. Another store's id is 404, like an unknown one.
 */
import type { PayloadRequest } from 'payload'

import { dayOnly, todayIn } from '@/domain/dates'
import { paymentReceiptText, receiptText } from '@/domain/receipt'

import { sql, toMinor, type Db } from '@/ledger/db'
import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { advanceTax, placeOfSupply, taxTreatment } from '@/domain/tax'
import { receiptVoucher } from '@/domain/taxDocument'

import { invoiceTax, invoiceTaxDocument } from './invoiceTax'

const STORE_COLUMNS = sql`s.name AS store_name, s.currency, s.locale, s.timezone, s.tax_label`

export async function billReceipt(db: Db, req: PayloadRequest, invoiceId: number) {
  const { rows } = await db.execute(sql`
    SELECT i.id, i.store_id, i.number, i.kind, i.status, i.issue_date, i.complimentary, i.complimentary_reason, i.subtotal, i.discount,
           i.total, i.amount_due, i.notes, c.id AS customer_id, c.name AS customer_name, c.phone, c.pending_balance, c.advance_balance, ${STORE_COLUMNS}
      FROM invoices i JOIN customers c ON c.id = i.customer_id JOIN stores s ON s.id = i.store_id
     WHERE i.id = ${invoiceId} AND i.status <> 'draft'`)
  const bill = rows[0]
  if (!bill || !mayUseStore(req, Number(bill.store_id))) throw notFound('id')
  const timezone = String(bill.timezone)
  const { rows: items } = await db.execute(sql`
    SELECT description, quantity, unit_price FROM invoices_items WHERE _parent_id = ${invoiceId} ORDER BY _order`)
  // The money taken with the bill (its own payments) and where each went.
  const { rows: payments } = await db.execute(sql`
    SELECT t.id, t.method::text AS method, t.amount, t.reference,
           coalesce((SELECT sum(a.amount) FROM allocations a WHERE a.transaction_id = t.id AND a.invoice_id <> ${invoiceId}), 0) AS elsewhere
      FROM transactions t
     WHERE t.invoice_id = ${invoiceId} AND t.kind = 'payment'
       AND NOT EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id)
     ORDER BY t.id`)
  const { rows: advance } = await db.execute(sql`
    SELECT coalesce(sum(amount), 0) AS used FROM advance_utilizations WHERE invoice_id = ${invoiceId}`)
  const { rows: kept } = await db.execute(sql`
    SELECT coalesce(sum(amount), 0) AS kept FROM advance_payments
     WHERE customer_id = ${Number(bill.customer_id)} AND reference_type = 'direct' AND reference_id = ${String(bill.number)}`)
  const tax = await invoiceTax(db, invoiceId)
  const store = { name: String(bill.store_name), currency: String(bill.currency), locale: String(bill.locale), taxLabel: String(bill.tax_label ?? 'GST') }
  const text = receiptText({
    store,
    tax: tax ? invoiceTaxDocument(tax, store) : null,
    bill: {
      number: String(bill.number),
      // a calendar day (stored at noon UTC): printed as it is, not moved through the zone
      issueDate: dayOnly(bill.issue_date) ?? '',
      complimentary: Boolean(bill.complimentary),
      complimentaryReason: bill.complimentary_reason ? String(bill.complimentary_reason) : null,
      subtotal: toMinor(bill.subtotal),
      discount: toMinor(bill.discount),
      total: toMinor(bill.total),
      amountDue: toMinor(bill.amount_due),
    },
    customer: { name: String(bill.customer_name), phone: String(bill.phone) },
    items: items.map((item) => ({ description: String(item.description), quantity: Number(item.quantity), unitPrice: toMinor(item.unit_price) })),
    payments: payments.map((payment) => ({ method: String(payment.method), amount: toMinor(payment.amount), reference: String(payment.reference) })),
    advanceUsed: toMinor(advance[0]!.used),
    appliedToPending: payments.reduce((total, payment) => total + toMinor(payment.elsewhere), 0),
    keptAsAdvance: toMinor(kept[0]!.kept),
    pendingBalance: toMinor(bill.pending_balance),
    advanceBalance: toMinor(bill.advance_balance),
    notes: bill.notes ? String(bill.notes) : null,
    reprint: { at: todayIn(timezone), void: bill.status === 'void' },
  })
  return { id: Number(bill.id), number: String(bill.number), customerId: Number(bill.customer_id), storeId: Number(bill.store_id), text }
}

/** The receipt of money received from a customer (a collection, a logged payment, a deposit). */
export async function paymentReceipt(db: Db, req: PayloadRequest, transactionId: number) {
  const { rows } = await db.execute(sql`
    SELECT t.id, t.store_id, t.date, t.method::text AS method, t.amount, t.reference, t.kind::text AS kind,
           EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id) AS reversed,
           c.id AS customer_id, c.name AS customer_name, c.phone, c.pending_balance, ${STORE_COLUMNS}
      FROM transactions t JOIN customers c ON c.id = t.customer_id JOIN stores s ON s.id = t.store_id
     WHERE t.id = ${transactionId} AND t.type = 'income' AND t.kind IN ('payment', 'advance_deposit')`)
  const payment = rows[0]
  if (!payment || !mayUseStore(req, Number(payment.store_id))) throw notFound('id')
  const { rows: applied } = await db.execute(sql`
    SELECT i.number, sum(a.amount) AS amount FROM allocations a JOIN invoices i ON i.id = a.invoice_id
     WHERE a.transaction_id = ${transactionId} GROUP BY i.id, i.number HAVING sum(a.amount) > 0 ORDER BY min(a.id)`)
  const { rows: deposit } = await db.execute(sql`
    SELECT coalesce(sum(a.amount), 0) AS kept, coalesce(max(a.tax_rate), 0) AS tax_rate, s.gstin AS store_gstin, s.state_code AS store_state,
           c.gstin AS customer_gstin, c.state_code AS customer_state
      FROM stores s JOIN customers c ON c.id = ${Number(payment.customer_id)}
      LEFT JOIN advance_payments a ON a.transaction_id = ${transactionId}
     WHERE s.id = ${Number(payment.store_id)}
     GROUP BY s.gstin, s.state_code, c.gstin, c.state_code`)
  const timezone = String(payment.timezone)
  // A deposit at a registered store is a receipt voucher: the tax inside it (SPEC §12).
  const held = deposit[0]!
  const storeTax = { currency: String(payment.currency), gstin: (held.store_gstin as string | null) ?? null, stateCode: (held.store_state as string | null) ?? null }
  const customerTax = { gstin: (held.customer_gstin as string | null) ?? null, stateCode: (held.customer_state as string | null) ?? null }
  const treatment = taxTreatment(storeTax, customerTax)
  const voucher = receiptVoucher(
    {
      currency: storeTax.currency,
      taxLabel: String(payment.tax_label ?? 'GST'),
      treatment,
      supplierGstin: storeTax.gstin,
      customerGstin: customerTax.gstin,
      placeOfSupply: treatment === 'intra' || treatment === 'inter' ? placeOfSupply(storeTax, customerTax) : null,
    },
    advanceTax(toMinor(held.kept), Number(held.tax_rate), treatment),
  )
  const text = paymentReceiptText({
    tax: voucher,
    store: { name: String(payment.store_name), currency: String(payment.currency), locale: String(payment.locale) },
    payment: {
      reference: String(payment.reference),
      date: todayIn(timezone, new Date(String(payment.date))),
      method: String(payment.method),
      amount: toMinor(payment.amount),
      reversed: Boolean(payment.reversed),
    },
    customer: { name: String(payment.customer_name), phone: String(payment.phone) },
    applied: applied.map((line) => ({ number: String(line.number), amount: toMinor(line.amount) })),
    keptAsAdvance: toMinor(deposit[0]!.kept),
    pendingBalance: toMinor(payment.pending_balance),
  })
  return { id: Number(payment.id), reference: String(payment.reference), customerId: Number(payment.customer_id), text }
}
