/** Invoice totals and status (SPEC §2), pure. */
import { lineTotal, MAX_MINOR, sum, type Minor } from './money'

export interface LineItem {
  description: string
  quantity: number
  unitPrice: Minor
}

export const INVOICE_STATUSES = ['draft', 'open', 'partial', 'paid', 'overdue', 'void', 'written_off'] as const
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

/**
 * SPEC §1 bounds every amount at 10^12 minor units: each line's quantity × unit price and the
 * subtotal too, not only the prices typed in (1,000 × 10^12 would be a 10^15 bill). The field
 * at fault per problem, dotted like the request (`items.0.unitPrice`); empty when within. A
 * line without a price yet (it takes its catalogue service's, SPEC §12) is bounded once priced.
 */
export function invoiceBoundErrors(items: readonly { quantity: number; unitPrice?: Minor | null }[]): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = []
  let subtotal = 0
  items.forEach((item, index) => {
    if (item.unitPrice === undefined || item.unitPrice === null) return
    const line = lineTotal(item.quantity, item.unitPrice)
    if (line > MAX_MINOR) errors.push({ path: `items.${index}.unitPrice`, message: `quantity × unitPrice exceeds ${MAX_MINOR} minor units` })
    subtotal += line
  })
  if (errors.length === 0 && subtotal > MAX_MINOR) errors.push({ path: 'items', message: `the subtotal exceeds ${MAX_MINOR} minor units` })
  return errors
}

export interface StatusInput {
  posted: boolean
  voided: boolean
  total: Minor
  amountPaid: Minor
  /** Σ credit notes on it (SPEC §9). */
  creditedAmount?: Minor
  /** What was written off as bad debt (SPEC §9). */
  writtenOff?: Minor
  /** ISO dates (yyyy-mm-dd) in the store's time zone. */
  dueDate?: string | null
  today: string
}

/** SPEC §9: amountDue = total − amountPaid − creditedAmount − writtenOff (0 once void). */
export function amountDue({ voided, total, amountPaid, creditedAmount = 0, writtenOff = 0 }: Omit<StatusInput, 'posted' | 'today'>): Minor {
  return voided ? 0 : total - amountPaid - creditedAmount - writtenOff
}

export function invoiceStatus(input: StatusInput): InvoiceStatus {
  const { posted, voided, amountPaid, writtenOff = 0, dueDate, today } = input
  if (voided) return 'void'
  if (!posted) return 'draft'
  const due = amountDue(input)
  if (due <= 0) return writtenOff > 0 ? 'written_off' : 'paid'
  if (dueDate && dueDate < today) return 'overdue'
  return amountPaid > 0 ? 'partial' : 'open'
}
