/**
 * The numbers and references Tally gives by itself — the one home of their formats. Each
 * comes from its own gap-free counter per store (ledger_counters) and is zero-padded to a
 * minimum width, never cut: `SAL-26-0042` (a bill or invoice, per prefix and year),
 * `PAY-000123` (money in), `EXP-000123` (the owner's own spending), `CN-26-0001` (a credit
 * note, SPEC §9), `OB-26-0001` (an opening balance brought from a paper ledger), and the
 * rows of SPEC §9 that are not money received: `RFD-000123` (a deposit paid back),
 * `WO-000123` (a debt written off), `FFT-000123` (a deposit forfeited on expiry). The SQL functions that number rows receive these formats as parameters
 * (tally_next_reference, tally_format_reference); they never spell one out.
 */
import type { Minor } from './money'

export interface ReferenceFormat {
  /** The ledger_counters row it counts with (per store). */
  counter: string
  prefix: string
  /** Minimum width of the number; a longer number is kept whole. */
  digits: number
}

const twoDigitYear = (year: number) => String(year % 100).padStart(2, '0')

/** Money received: `PAY-000123`. */
export const PAYMENT_REFERENCE: ReferenceFormat = { counter: 'payment', prefix: 'PAY-', digits: 6 }

/** The owner's expenses and card payments, numbered apart from the money coming in: `EXP-000123`. */
export const EXPENSE_REFERENCE: ReferenceFormat = { counter: 'expense', prefix: 'EXP-', digits: 6 }

/** A deposit paid back to the customer (SPEC §9 refund): `RFD-000123`. */
export const REFUND_REFERENCE: ReferenceFormat = { counter: 'refund', prefix: 'RFD-', digits: 6 }

/** What is still due on an invoice, written off as bad debt: `WO-000123`. */
export const WRITE_OFF_REFERENCE: ReferenceFormat = { counter: 'write-off', prefix: 'WO-', digits: 6 }

/** A deposit's remaining, forfeited when it expires: `FFT-000123`. */
export const FORFEIT_REFERENCE: ReferenceFormat = { counter: 'forfeit', prefix: 'FFT-', digits: 6 }

/** Kinds of transaction that are the owner's spending, numbered EXP-. */
export const isSpending = (kind: string) => kind === 'expense' || kind === 'card_payment'

const FORMAT_OF_KIND: Record<string, ReferenceFormat> = {
  advance_refund: REFUND_REFERENCE,
  write_off: WRITE_OFF_REFERENCE,
  advance_expiry: FORFEIT_REFERENCE,
}

/** The format a transaction of `kind` is numbered with when no reference is given. */
export const referenceFormatOf = (kind: string): ReferenceFormat => FORMAT_OF_KIND[kind] ?? (isSpending(kind) ? EXPENSE_REFERENCE : PAYMENT_REFERENCE)

/** A store's bill-number prefix: 2–8 capital letters or digits, starting with a letter (`SAL`). */
export const isInvoicePrefix = (value: unknown): value is string => typeof value === 'string' && /^[A-Z][A-Z0-9]{1,7}$/.test(value)

/** A posted bill or invoice: `SAL-26-0042` (the store's prefix, the year of its issue day). */
export function invoiceNumbering(storePrefix: string, year: number): ReferenceFormat {
  return { counter: `invoice:${year}`, prefix: `${storePrefix}-${twoDigitYear(year)}-`, digits: 4 }
}

/** A credit note: `CN-26-0001`. */
export function creditNoteNumbering(year: number): ReferenceFormat {
  return { counter: `credit-note:${year}`, prefix: `CN-${twoDigitYear(year)}-`, digits: 4 }
}

/** An opening balance brought in from a paper ledger: `OB-26-0001` (apart from the store's bill numbers). */
export function openingNumbering(year: number): ReferenceFormat {
  return { counter: `opening:${year}`, prefix: `OB-${twoDigitYear(year)}-`, digits: 4 }
}

/** The `value`th reference of a format. tally_format_reference is the same in SQL (held equal by a test). */
export function formatReference(format: Pick<ReferenceFormat, 'prefix' | 'digits'>, value: number): string {
  return `${format.prefix}${String(value).padStart(format.digits, '0')}`
}

export const invoiceNumber = (storePrefix: string, year: number, sequence: number) => formatReference(invoiceNumbering(storePrefix, year), sequence)
export const paymentReference = (sequence: number) => formatReference(PAYMENT_REFERENCE, sequence)
export const expenseReference = (sequence: number) => formatReference(EXPENSE_REFERENCE, sequence)

/**
 * A reference typed by a person must not look like one Tally numbers itself: it would take
 * a number the counter hands out later (a store's references are unique).
 */
export function looksNumbered(reference: string): boolean {
  const typed = reference.trim().toUpperCase()
  return [PAYMENT_REFERENCE, EXPENSE_REFERENCE, REFUND_REFERENCE, WRITE_OFF_REFERENCE, FORFEIT_REFERENCE].some(
    (format) => typed.startsWith(format.prefix) && /^\d+$/.test(typed.slice(format.prefix.length)),
  )
}

/**
 * The references of one payment line's rows (checkout, collect). The payment — the money
 * applied to invoices — carries the reference typed, if any; the deposit of an excess
 * carries it only when there is no payment, and is otherwise numbered. `null`: numbered
 * (the next PAY-); `undefined`: the line has no such row.
 */
export function lineReferences(line: { applied: Minor; kept: Minor; given: string | null }): {
  payment: string | null | undefined
  deposit: string | null | undefined
} {
  return {
    payment: line.applied > 0 ? line.given : undefined,
    deposit: line.kept > 0 ? (line.applied > 0 ? null : line.given) : undefined,
  }
}

/** How many references the lines leave to the counter (the block the posting takes at once). */
export function numberedReferences(lines: readonly { payment: string | null | undefined; deposit: string | null | undefined }[]): number {
  return lines.reduce((count, line) => count + (line.payment === null ? 1 : 0) + (line.deposit === null ? 1 : 0), 0)
}
