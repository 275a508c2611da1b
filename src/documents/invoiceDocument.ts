/**
 * Everything an invoice or bill document shows (PDF, share page, email), read on the
 * request's connection. No access control here: the caller has decided who may see it.
 */
import { dayOnly } from '@/domain/dates'
import { lineTotal, type Minor } from '@/domain/money'
import type { TaxDocument } from '@/domain/taxDocument'
import { invoiceTax, invoiceTaxDocument } from '@/services/invoiceTax'

import { sql, toMinor, type Db } from '@/ledger/db'

import { storeProfile, type StoreProfile } from './storeProfile'

export interface InvoiceDocument {
  store: StoreProfile
  customer: { id: number; name: string; phone: string | null; email: string | null; address: string | null }
  invoice: {
    id: number
    number: string
    kind: string
    status: string
    issueDate: string | null
    dueDate: string | null
    periodStart: string | null
    periodEnd: string | null
    complimentary: boolean
    subtotal: Minor
    discount: Minor
    total: Minor
    amountPaid: Minor
    amountDue: Minor
    notes: string | null
    items: { description: string; quantity: number; unitPrice: Minor; amount: Minor; sac: string | null; taxRate: number }[]
  }
  /** SPEC §12: TAX INVOICE (GSTINs, the tax summary by rate) or BILL OF SUPPLY; null outside GST when not registered. */
  tax: TaxDocument | null
  /** Money applied to it: payments (allocations) and deposits used, net of reversals. */
  payments: { date: string; reference: string | null; method: string; amount: Minor }[]
}

export async function invoiceDocument(db: Db, invoiceId: number): Promise<InvoiceDocument | null> {
  const { rows } = await db.execute(sql`
    SELECT i.id, i.store_id, i.number, i.kind, i.status, i.issue_date, i.due_date, i.period_start, i.period_end, i.complimentary,
           i.subtotal, i.discount, i.total, i.amount_paid, i.amount_due, i.notes,
           c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone, c.email AS customer_email, c.address AS customer_address
      FROM invoices i JOIN customers c ON c.id = i.customer_id
     WHERE i.id = ${invoiceId} AND i.status <> 'draft'`)
  const row = rows[0]
  if (!row) return null
  const store = await storeProfile(db, Number(row.store_id))
  if (!store) return null
  // One after another: they share the request's connection.
  const items = await db.execute(sql`SELECT description, quantity, unit_price, sac, tax_rate FROM invoices_items WHERE _parent_id = ${invoiceId} ORDER BY _order`)
  const tax = await invoiceTax(db, invoiceId)
  const payments = await db.execute(sql`
      SELECT date, reference, method, amount FROM (
        SELECT t.date, t.reference, t.method::text AS method, sum(a.amount) AS amount, t.id
          FROM allocations a JOIN transactions t ON t.id = a.transaction_id
         WHERE a.invoice_id = ${invoiceId} GROUP BY t.id
        UNION ALL
        SELECT min(u.created_at), 'advance', 'advance', sum(u.amount), u.advance_payment_id
          FROM advance_utilizations u WHERE u.invoice_id = ${invoiceId} GROUP BY u.advance_payment_id
      ) applied WHERE amount <> 0 ORDER BY date, id`)
  return {
    store,
    customer: {
      id: Number(row.customer_id),
      name: String(row.customer_name),
      phone: row.customer_phone ? String(row.customer_phone) : null,
      email: row.customer_email ? String(row.customer_email) : null,
      address: row.customer_address ? String(row.customer_address) : null,
    },
    invoice: {
      id: Number(row.id),
      number: String(row.number),
      kind: String(row.kind),
      status: String(row.status),
      issueDate: dayOnly(row.issue_date),
      dueDate: dayOnly(row.due_date),
      periodStart: dayOnly(row.period_start),
      periodEnd: dayOnly(row.period_end),
      complimentary: Boolean(row.complimentary),
      subtotal: toMinor(row.subtotal),
      discount: toMinor(row.discount),
      total: toMinor(row.total),
      amountPaid: toMinor(row.amount_paid),
      amountDue: toMinor(row.amount_due),
      notes: row.notes ? String(row.notes) : null,
      items: items.rows.map((item) => {
        const quantity = Number(item.quantity)
        const unitPrice = toMinor(item.unit_price)
        const sac = item.sac ? String(item.sac) : null
        return { description: String(item.description), quantity, unitPrice, amount: lineTotal(quantity, unitPrice), sac, taxRate: Number(item.tax_rate ?? 0) }
      }),
    },
    tax: tax ? invoiceTaxDocument(tax, store) : null,
    payments: payments.rows.map((payment) => ({
      date: new Date(String(payment.date)).toISOString(),
      reference: payment.reference ? String(payment.reference) : null,
      method: String(payment.method),
      amount: toMinor(payment.amount),
    })),
  }
}

/** "Bill" for POS bills, "Invoice" for the rest (a timesheet is invoiced too). */
export function documentTitle(kind: string): string {
  return kind === 'bill' ? 'Bill' : 'Invoice'
}
