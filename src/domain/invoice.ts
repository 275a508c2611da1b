/** Invoice totals and status (SPEC §2), pure. */
import { lineTotal, sum, type Minor } from './money'

export interface LineItem {
  description: string
  quantity: number
  unitPrice: Minor
}

export const INVOICE_STATUSES = ['draft', 'open', 'partial', 'paid', 'overdue', 'void'] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

/**
 * The statuses of an invoice that still takes money — the one home of this list. SQL that
 * must restate it (tally_open_invoices, the partial index invoices_customer_open_idx) is
 * held equal to it by src/ledger/rules.test.ts; other queries receive it as a parameter.
 */
export const OPEN_INVOICE_STATUSES = ['open', 'partial', 'overdue'] as const satisfies readonly InvoiceStatus[]
export type OpenInvoiceStatus = (typeof OPEN_INVOICE_STATUSES)[number]

export const isOpenStatus = (status: string): status is OpenInvoiceStatus => (OPEN_INVOICE_STATUSES as readonly string[]).includes(status)

export interface Totals {
  /** Σ line totals before discount: the list price, kept for reports even when complimentary. */
  subtotal: Minor
  discount: Minor
  total: Minor
}

export function invoiceTotals(items: readonly LineItem[], discount: Minor, complimentary: boolean): Totals {
  const subtotal = sum(items.map((item) => lineTotal(item.quantity, item.unitPrice)))
  if (complimentary) return { subtotal, discount: 0, total: 0 }
  return { subtotal, discount, total: subtotal - discount }
}

export interface StatusInput {
  posted: boolean
  voided: boolean
  total: Minor
  amountPaid: Minor
  /** ISO dates (yyyy-mm-dd) in the store's time zone. */
  dueDate?: string | null
  today: string
}

export function invoiceStatus({ posted, voided, total, amountPaid, dueDate, today }: StatusInput): InvoiceStatus {
  if (voided) return 'void'
  if (!posted) return 'draft'
  const due = total - amountPaid
  if (due <= 0) return 'paid'
  if (dueDate && dueDate < today) return 'overdue'
  return amountPaid > 0 ? 'partial' : 'open'
}
