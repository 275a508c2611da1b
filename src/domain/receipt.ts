/**
 * The printable receipt of a POS bill (SPEC §3 rules 3 and 4, §10) for thermal printers:
 * 32 columns (58 mm paper) or 48 columns (80 mm). The layout is written once as a
 * ReceiptLine document (`receiptline`), which lays out the columns and renders it as plain
 * text (browser printing) or as ESC/POS bytes (a receipt printer).
 */
import { transform } from 'receiptline'

import { formatMoney, lineTotal, type Minor } from './money'

export const RECEIPT_WIDTHS = [32, 48] as const
export type ReceiptWidth = (typeof RECEIPT_WIDTHS)[number]
export const RECEIPT_FORMATS = ['text', 'escpos'] as const
export type ReceiptFormat = (typeof RECEIPT_FORMATS)[number]

export interface ReceiptInput {
  store: { name: string; currency: string; locale: string; address?: string | null; phone?: string | null }
  bill: { number: string; issueDate: string; complimentary: boolean; complimentaryReason?: string | null; subtotal: Minor; discount: Minor; total: Minor; amountDue: Minor }
  customer: { name: string; phone?: string | null }
  items: { description: string; quantity: number; unitPrice: Minor }[]
  /**
   * Money taken at the sale, one line per ledger row (reference = PAY-000123 or the one given);
   * `tendered`: the cash handed over for a cash line (the change is tendered − amount).
   */
  payments: { method: string; amount: Minor; reference?: string | null; tendered?: Minor | null }[]
  advanceUsed: Minor
  appliedToPending: Minor
  keptAsAdvance: Minor
  pendingBalance: Minor
  advanceBalance: Minor
  notes?: string | null
  /**
   * Tax documents (SPEC §12, src/domain/taxDocument.ts): `heading` is printed under the store's
   * lines (`TAX INVOICE` / `BILL OF SUPPLY`), `headerLines` after it (GSTINs, place of supply),
   * `summary` rows right after TOTAL (the tax summary by rate).
   */
  tax?: { heading: string; headerLines?: string[]; summary?: { label: string; amount: Minor }[] } | null
  /** On a reprint: what was paid on this bill after the sale and what it owes now. */
  since?: { paid: Minor; amountDue: Minor; voided: boolean } | null
  /** A copy printed later: when, and whether the bill has been voided since. */
  reprint?: { at: string; void: boolean } | null
}

const METHOD_NAMES: Record<string, string> = { cash: 'Cash', upi: 'UPI', card: 'Card', bank_transfer: 'Bank transfer', cheque: 'Cheque', wallet: 'Advance' }
const methodName = (method: string) => METHOD_NAMES[method] ?? method.replace(/_/g, ' ')

/** The closing line of SPEC §3 rules 3 and 4 (exactly one per receipt). */
export function closingLine(input: ReceiptInput, money: (minor: Minor) => string): string {
  if (input.bill.complimentary) return 'COMPLIMENTARY SERVICE'
  if (input.bill.amountDue === 0) return 'PAID IN FULL'
  const paidSomething = input.advanceUsed > 0 || input.payments.some((payment) => payment.amount > 0)
  return paidSomething ? `PENDING BALANCE: ${money(input.bill.amountDue)}` : `FULL AMOUNT PENDING: ${money(input.bill.amountDue)}`
}

/** Splits text into lines of at most `width` characters at spaces (a longer word is cut). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
    let line = ''
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while ([...word].length > width) {
        if (line) lines.push(line)
        line = ''
        const chars = [...word]
        lines.push(chars.slice(0, width).join(''))
        word = chars.slice(width).join('')
      }
      if (!word) continue
      const candidate = line ? `${line} ${word}` : word
      if ([...candidate].length <= width) line = candidate
      else {
        lines.push(line)
        line = word
      }
    }
    if (line) lines.push(line)
  }
  return lines
}

/** ReceiptLine gives meaning to these characters; in our text they are just characters. */
function escape(text: string): string {
  return text.replace(/[\\{|}\-=_"`^~]/g, '\\$&')
}

const length = (text: string) => [...text].length

/** ESC/POS code pages have no ₹: printers get "Rs." (the way Indian receipts print it), and x for ×. */
function forPrinter(text: string): string {
  return text.replace(/₹\s?/g, 'Rs.').replace(/×/g, 'x')
}

/** The receipt as a ReceiptLine document for a paper `width` columns wide. */
export function receiptDocument(input: ReceiptInput, width: ReceiptWidth, format: ReceiptFormat = 'text'): string {
  const glyphs = format === 'escpos' ? forPrinter : (text: string) => text
  const money = (minor: Minor) => glyphs(formatMoney(minor, input.store.currency, input.store.locale))
  const out: string[] = []
  const centered = (text: string, bold = false) => {
    for (const line of wrapWords(glyphs(text), width)) out.push(bold ? `"${escape(line)}"` : escape(line))
  }
  const left = (text: string) => {
    for (const line of wrapWords(glyphs(text), width)) out.push(`|${escape(line)}`)
  }
  /** label … amount rows, the label wrapped beside a right-aligned amount column. */
  const amountRows = (rows: { label: string; amount: string; bold?: boolean }[]) => {
    if (rows.length === 0) return
    const amountWidth = Math.max(...rows.map((row) => length(row.amount)))
    out.push(`{width:*,${amountWidth}}`)
    for (const row of rows) {
      const [first = '', ...rest] = wrapWords(glyphs(row.label), width - amountWidth - 1)
      const mark = row.bold ? '"' : ''
      out.push(`${mark}${escape(first)}${mark} | ${mark}${escape(row.amount)}${mark}`)
      for (const line of rest) out.push(`${escape(line)} |`)
    }
    out.push('{width:auto}')
  }

  // The store, the tax heading (issue 17), the bill and the customer.
  centered(input.store.name, true)
  if (input.store.address) centered(input.store.address)
  if (input.store.phone) centered(`Ph: ${input.store.phone}`)
  if (input.tax) {
    centered(input.tax.heading, true)
    for (const line of input.tax.headerLines ?? []) centered(line)
  }
  if (input.since?.voided && !input.reprint) centered('VOID', true)
  out.push('-')
  const billLabel = `Bill ${input.bill.number}`
  if (length(billLabel) + 1 + length(input.bill.issueDate) <= width) {
    out.push(`{width:*,${length(input.bill.issueDate)}}`, `${escape(billLabel)} | ${escape(input.bill.issueDate)}`, '{width:auto}')
  } else {
    left(billLabel)
    left(input.bill.issueDate)
  }
  if (input.reprint) left(`REPRINT ${input.reprint.at}${input.reprint.void ? ' · VOID' : ''}`)
  left(`Customer: ${input.customer.name}${input.customer.phone ? ` (${input.customer.phone})` : ''}`)
  out.push('-')

  // Items: name (wrapped at words) | quantity | amount, both right-aligned; a unit price line when quantity ≠ 1.
  const rows = input.items.map((item) => ({
    name: glyphs(item.description),
    quantity: String(item.quantity),
    unit: item.quantity === 1 ? null : `@ ${money(item.unitPrice)}`,
    amount: money(lineTotal(item.quantity, item.unitPrice)),
  }))
  const quantityWidth = Math.max(3, ...rows.map((row) => length(row.quantity)))
  const amountWidth = Math.max(6, ...rows.map((row) => length(row.amount)))
  const nameWidth = width - quantityWidth - amountWidth - 2
  out.push(`{width:*,${quantityWidth},${amountWidth}}`, 'Item | Qty| Amount')
  for (const row of rows) {
    const [first = '', ...rest] = wrapWords(row.name, nameWidth)
    out.push(`${escape(first)} | ${escape(row.quantity)}| ${escape(row.amount)}`)
    for (const line of rest) out.push(`${escape(line)} ||`)
    if (row.unit) for (const line of wrapWords(row.unit, nameWidth - 2)) out.push(`~~${escape(line)} ||`)
  }
  out.push('{width:auto}', '-')

  // Totals and the money taken.
  const totals: { label: string; amount: string; bold?: boolean }[] = []
  if (input.bill.complimentary) {
    totals.push({ label: 'List price', amount: money(input.bill.subtotal) }, { label: 'TOTAL', amount: money(0), bold: true })
  } else {
    if (input.bill.discount > 0) {
      totals.push({ label: 'Subtotal', amount: money(input.bill.subtotal) }, { label: 'Discount', amount: `-${money(input.bill.discount)}` })
    }
    totals.push({ label: 'TOTAL', amount: money(input.bill.total), bold: true })
    for (const row of input.tax?.summary ?? []) totals.push({ label: row.label, amount: money(row.amount) })
    if (input.advanceUsed > 0) totals.push({ label: 'Paid from advance', amount: money(input.advanceUsed) })
    for (const payment of input.payments) {
      totals.push({ label: `Paid (${methodName(payment.method)})${payment.reference ? ` ${payment.reference}` : ''}`, amount: money(payment.amount) })
      if (payment.tendered && payment.tendered > payment.amount) {
        totals.push({ label: 'Cash tendered', amount: money(payment.tendered) }, { label: 'Change', amount: money(payment.tendered - payment.amount) })
      }
    }
    if (input.appliedToPending > 0) totals.push({ label: 'Applied to earlier bills', amount: money(input.appliedToPending) })
    if (input.keptAsAdvance > 0) totals.push({ label: 'Kept as advance', amount: money(input.keptAsAdvance) })
  }
  amountRows(totals)
  out.push('')
  centered(
    closingLine(input, (minor) => formatMoney(minor, input.store.currency, input.store.locale)),
    true,
  )
  if (input.bill.complimentary && input.bill.complimentaryReason) left(`Reason: ${input.bill.complimentaryReason}`)

  const after: { label: string; amount: string }[] = []
  if (input.since && !input.since.voided && input.since.paid > 0) {
    after.push({ label: 'Paid on this bill since', amount: money(input.since.paid) }, { label: 'Due on this bill now', amount: money(input.since.amountDue) })
  }
  if (input.pendingBalance > 0) after.push({ label: 'Pending (all bills)', amount: money(input.pendingBalance) })
  if (input.advanceBalance > 0) after.push({ label: 'Advance held', amount: money(input.advanceBalance) })
  if (after.length > 0) {
    out.push('')
    amountRows(after)
  }
  if (input.notes) {
    out.push('')
    left(`Notes: ${input.notes}`)
  }
  out.push('', 'Thank you!')
  return out.join('\n')
}

/** The receipt as plain text, `width` characters a line (for `<pre>` and browser printing). */
export function receiptText(input: ReceiptInput, width: ReceiptWidth = 48): string {
  const text = transform(receiptDocument(input, width, 'text'), { cpl: width, encoding: 'multilingual', command: 'text', cutting: false })
  const lines = text.split('\n').map((line) => line.trimEnd())
  while (lines.length > 0 && lines.at(-1) === '') lines.pop()
  return lines.join('\n')
}

/** The receipt as ESC/POS commands for a thermal printer (initialise … text … cut). */
export function receiptEscPos(input: ReceiptInput, width: ReceiptWidth = 48): Uint8Array<ArrayBuffer> {
  const commands = transform(receiptDocument(input, width, 'escpos'), { cpl: width, encoding: 'multilingual', command: 'escpos', cutting: true })
  // receiptline returns one character per byte.
  return Uint8Array.from(Buffer.from(commands, 'latin1'))
}

// Receipts of money collected without a bill (issue 13): 40 columns, as printed until now.
const WIDTH = 40

function row(left: string, right: string): string {
  const space = Math.max(1, WIDTH - left.length - right.length)
  return `${left}${' '.repeat(space)}${right}`
}

export interface PaymentReceiptInput {
  store: { name: string; currency: string; locale: string }
  payment: { reference: string; date: string; method: string; amount: Minor; reversed: boolean }
  customer: { name: string; phone?: string | null }
  /** The bills the money paid, oldest first. */
  applied: { number: string; amount: Minor }[]
  keptAsAdvance: Minor
  pendingBalance: Minor
  /** A deposit at a registered store: the receipt voucher's heading and the tax inside the advance (SPEC §12). */
  tax?: { heading: string; headerLines?: string[]; summary?: { label: string; amount: Minor }[] } | null
}

/** The printable receipt of money collected without a bill (SPEC §3 rule 5). */
export function paymentReceiptText(input: PaymentReceiptInput): string {
  const money = (minor: Minor) => formatMoney(minor, input.store.currency, input.store.locale)
  const rule = '-'.repeat(WIDTH)
  const applied = input.applied.reduce((total, line) => total + line.amount, 0)
  const lines = [
    input.store.name,
    ...(input.tax ? [input.tax.heading, ...(input.tax.headerLines ?? [])] : []),
    `Payment ${input.payment.reference}   ${input.payment.date}`,
    `Customer: ${input.customer.name}${input.customer.phone ? ` (${input.customer.phone})` : ''}`,
    rule,
    row(`Received (${methodName(input.payment.method)})`, money(input.payment.amount)),
  ]
  if (input.applied.length > 0) lines.push('Paid towards:', ...input.applied.map((line) => row(`  ${line.number}`, money(line.amount))))
  if (input.keptAsAdvance > 0) lines.push(row('Kept as advance', money(input.keptAsAdvance)))
  for (const summary of input.tax?.summary ?? []) lines.push(row(`  ${summary.label}`, money(summary.amount)))
  const unmatched = input.payment.amount - applied - input.keptAsAdvance
  if (unmatched > 0) lines.push(row('Not yet applied', money(unmatched)))
  lines.push(rule)
  if (input.payment.reversed) lines.push('REVERSED')
  lines.push(input.pendingBalance > 0 ? `Still pending (all bills): ${money(input.pendingBalance)}` : 'NOTHING PENDING', '', 'Thank you!')
  return lines.join('\n')
}
