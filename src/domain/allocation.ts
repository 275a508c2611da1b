/**
 * How money is applied: payments to what is owed (oldest first), deposits consumed FIFO.
 * Pure functions on integers; the services persist what these decide.
 */
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
