/** The printable receipt of a checkout (SPEC §3 rules 3 and 4), as plain text. */
import { formatMoney, lineTotal, type Minor } from './money'

export interface ReceiptInput {
  store: { name: string; currency: string; locale: string }
  bill: { number: string; issueDate: string; complimentary: boolean; complimentaryReason?: string | null; subtotal: Minor; discount: Minor; total: Minor; amountDue: Minor }
  customer: { name: string; phone?: string | null }
  items: { description: string; quantity: number; unitPrice: Minor }[]
  payments: { method: string; amount: Minor; reference?: string | null; tendered?: Minor | null }[]
  advanceUsed: Minor
  appliedToPending: Minor
  keptAsAdvance: Minor
  pendingBalance: Minor
  advanceBalance: Minor
  notes?: string | null
  /**
   * Tax documents (SPEC §12, src/domain/taxDocument.ts): `heading` under the store's name
   * (`TAX INVOICE` / `BILL OF SUPPLY`), `headerLines` after it (GSTINs, place of supply),
   * `summary` rows right after TOTAL (the tax summary by rate).
   */
  tax?: { heading: string; headerLines?: string[]; summary?: { label: string; amount: Minor }[] } | null
  /** A copy printed later: when, and whether the bill has been voided since. */
  reprint?: { at: string; void: boolean } | null
}

const WIDTH = 40

const METHOD_NAMES: Record<string, string> = { cash: 'Cash', upi: 'UPI', card: 'Card', bank_transfer: 'Bank transfer', cheque: 'Cheque', wallet: 'Advance' }
const methodName = (method: string) => METHOD_NAMES[method] ?? method.replace(/_/g, ' ')

function row(left: string, right: string): string {
  const space = Math.max(1, WIDTH - left.length - right.length)
  return `${left}${' '.repeat(space)}${right}`
}

export function receiptText(input: ReceiptInput): string {
  const money = (minor: Minor) => formatMoney(minor, input.store.currency, input.store.locale)
  const rule = '-'.repeat(WIDTH)
  const lines = [
    input.store.name,
    ...(input.tax ? [input.tax.heading, ...(input.tax.headerLines ?? [])] : []),
    `Bill ${input.bill.number}   ${input.bill.issueDate}`,
    ...(input.reprint ? [`REPRINT ${input.reprint.at}${input.reprint.void ? ' · VOID' : ''}`] : []),
    `Customer: ${input.customer.name}${input.customer.phone ? ` (${input.customer.phone})` : ''}`,
    rule,
    ...input.items.flatMap((item) => [
      item.description,
      row(`  ${item.quantity} × ${money(item.unitPrice)}`, money(lineTotal(item.quantity, item.unitPrice))),
    ]),
    rule,
  ]
  if (input.bill.complimentary) {
    lines.push(row('List price', money(input.bill.subtotal)), row('TOTAL', money(0)), '', 'COMPLIMENTARY SERVICE')
    if (input.bill.complimentaryReason) lines.push(`Reason: ${input.bill.complimentaryReason}`)
  } else {
    if (input.bill.discount > 0) lines.push(row('Subtotal', money(input.bill.subtotal)), row('Discount', `-${money(input.bill.discount)}`))
    lines.push(row('TOTAL', money(input.bill.total)))
    for (const summary of input.tax?.summary ?? []) lines.push(row(summary.label, money(summary.amount)))
    if (input.advanceUsed > 0) lines.push(row('Paid from advance', money(input.advanceUsed)))
    for (const payment of input.payments) {
      lines.push(row(`Paid (${methodName(payment.method)})${payment.reference ? ` ${payment.reference}` : ''}`, money(payment.amount)))
      if (payment.tendered && payment.tendered > payment.amount) {
        lines.push(row('Cash tendered', money(payment.tendered)), row('Change', money(payment.tendered - payment.amount)))
      }
    }
    if (input.appliedToPending > 0) lines.push(row('Applied to earlier bills', money(input.appliedToPending)))
    if (input.keptAsAdvance > 0) lines.push(row('Kept as advance', money(input.keptAsAdvance)))
    lines.push('')
    const paidSomething = input.advanceUsed > 0 || input.payments.some((payment) => payment.amount > 0)
    if (input.bill.amountDue > 0) {
      lines.push(paidSomething ? `PENDING BALANCE: ${money(input.bill.amountDue)}` : `FULL AMOUNT PENDING: ${money(input.bill.amountDue)}`)
    } else {
      lines.push('PAID IN FULL')
    }
  }
  if (input.pendingBalance > 0) lines.push(`Total pending (all bills): ${money(input.pendingBalance)}`)
  if (input.advanceBalance > 0) lines.push(`Advance held: ${money(input.advanceBalance)}`)
  if (input.notes) lines.push('', `Notes: ${input.notes}`)
  lines.push('', 'Thank you!')
  return lines.join('\n')
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
