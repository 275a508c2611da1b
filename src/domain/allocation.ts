/**
 * How money is applied: payments to what is owed (oldest first), deposits consumed FIFO.
 * Pure functions on integers; the services persist what these decide.
 */
import { dayOnly } from './dates'
import type { Minor } from './money'

export interface Owed<Id> {
  id: Id
  amount: Minor
}

export interface Applied<Id> {
  id: Id
  amount: Minor
}

/**
 * Applies `amount` to `owed` in the given order (callers pass oldest first), never more
 * than each one owes. Returns what went where and what was left over.
 */
export function applyInOrder<Id>(amount: Minor, owed: readonly Owed<Id>[]): { applied: Applied<Id>[]; leftover: Minor } {
  const applied: Applied<Id>[] = []
  let left = amount
  for (const item of owed) {
    if (left === 0) break
    const take = Math.min(left, item.amount)
    if (take > 0) {
      applied.push({ id: item.id, amount: take })
      left -= take
    }
  }
  return { applied, leftover: left }
}

export interface Split<P, T> {
  payment: P
  target: T
  amount: Minor
}

/**
 * Pours several payments (in order) into several targets (in order): the first payment
 * fills the first target, spills into the next, and so on. Every split is > 0, the splits
 * of a payment add up to at most the payment, those of a target to at most its amount.
 */
export function pour<P, T>(payments: readonly { key: P; amount: Minor }[], targets: readonly { key: T; amount: Minor }[]): Split<P, T>[] {
  const splits: Split<P, T>[] = []
  let t = 0
  let targetLeft = targets[0]?.amount ?? 0
  for (const payment of payments) {
    let paymentLeft = payment.amount
    while (paymentLeft > 0 && t < targets.length) {
      if (targetLeft === 0) {
        t += 1
        targetLeft = targets[t]?.amount ?? 0
        continue
      }
      const take = Math.min(paymentLeft, targetLeft)
      splits.push({ payment: payment.key, target: targets[t]!.key, amount: take })
      paymentLeft -= take
      targetLeft -= take
    }
  }
  return splits
}

/**
 * Something owed, with what decides how old it is. SPEC §9a: "oldest first" means the
 * earliest due date — a bill without terms is due on its issue day —, ties by issue date,
 * then by number. Deposits are not ordered by this: they stay FIFO by deposit date.
 */
export interface Receivable<Id> extends Owed<Id> {
  /** yyyy-mm-dd: the due date, or the issue date when there is none (dueDayOf). */
  dueDay: string
  /** When it was issued: its issue date as stored (a calendar day at noon UTC). */
  issuedAt: string
  /** The store's number (e.g. SAL-26-0042); posted documents always have one. */
  number: string | null
}

/**
 * The day a document is due: its due date, else the day it was issued. Both are calendar
 * days of the store (stored as noon UTC, see domain/dates), so no zone is involved.
 */
export function dueDayOf(dueDate: string | null | undefined, issueDate: string): string {
  return (dueDate && dayOnly(dueDate)) || dayOnly(issueDate)!
}

/** Numbers of one store and year share their prefix: the shorter one is the smaller (…-9999 < …-10000). */
function compareNumbers(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : 1
}

/** Oldest first (SPEC §9a); the last tie-break is the id, so the order is total. */
export function compareOldestFirst<Id extends number | string>(a: Receivable<Id>, b: Receivable<Id>): number {
  if (a.dueDay !== b.dueDay) return a.dueDay < b.dueDay ? -1 : 1
  const issued = Date.parse(a.issuedAt) - Date.parse(b.issuedAt)
  if (issued !== 0) return issued
  const byNumber = compareNumbers(a.number, b.number)
  if (byNumber !== 0) return byNumber
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1
}

export function oldestFirst<Id extends number | string, T extends Receivable<Id>>(items: readonly T[]): T[] {
  return [...items].sort(compareOldestFirst)
}

export interface HeldCreditsPlan<PaymentId, DepositId, InvoiceId> {
  /** New allocations: unmatched payment → invoice. */
  allocations: Split<PaymentId, InvoiceId>[]
  /** New utilizations: deposit → invoice. */
  utilizations: Split<DepositId, InvoiceId>[]
}

/**
 * Money the shop already holds, applied to what is owed (autoApplyCredits): unmatched
 * payments first (oldest payment first), then deposits (FIFO), into the invoices in the
 * order given (oldest first). Never more than an invoice owes or a credit holds.
 */
export function planHeldCredits<P, D, I>(input: {
  unmatched: readonly { key: P; amount: Minor }[]
  deposits: readonly { key: D; amount: Minor }[]
  invoices: readonly { key: I; amount: Minor }[]
}): HeldCreditsPlan<P, D, I> {
  const allocations = pour(input.unmatched, input.invoices)
  const left = input.invoices.map((invoice) => ({
    key: invoice.key,
    amount: invoice.amount - allocations.filter((split) => split.target === invoice.key).reduce((total, split) => total + split.amount, 0),
  }))
  return { allocations, utilizations: pour(input.deposits, left) }
}
