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
}

const WIDTH = 40

function row(left: string, right: string): string {
  const space = Math.max(1, WIDTH - left.length - right.length)
  return `${left}${' '.repeat(space)}${right}`
}

export function receiptText(input: ReceiptInput): string {
  const money = (minor: Minor) => formatMoney(minor, input.store.currency, input.store.locale)
  const rule = '-'.repeat(WIDTH)
  const lines = [
    input.store.name,
    `Bill ${input.bill.number}   ${input.bill.issueDate}`,
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
    if (input.advanceUsed > 0) lines.push(row('Paid from advance', money(input.advanceUsed)))
    for (const payment of input.payments) {
      lines.push(row(`Paid (${payment.method})${payment.reference ? ` ${payment.reference}` : ''}`, money(payment.amount)))
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
