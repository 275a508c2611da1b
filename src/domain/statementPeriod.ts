/**
 * A customer statement for a period of the store's days (SPEC §10): the lines dated in it,
 * the balance before it (opening) and after it (closing = opening + debits − credits).
 */
import { addDays, dayStartIn, todayIn } from './dates'
import type { Minor } from './money'

export interface StatementRange {
  /** First day (yyyy-mm-dd, the store's calendar); none = from the first entry. */
  from?: string | null
  /** Last day, inclusive; none = today in the store. */
  to?: string | null
}

export interface BalanceLine {
  /** ISO instant */
  date: string
  debit: Minor
  credit: Minor
  balance: Minor
}

export function statementPeriod<L extends BalanceLine>(lines: L[], timeZone: string, range: StatementRange, now: Date = new Date()) {
  const from = range.from ?? null
  const to = range.to ?? todayIn(timeZone, now)
  const start = from ? Date.parse(dayStartIn(from, timeZone)) : -Infinity
  const end = Date.parse(dayStartIn(addDays(to, 1), timeZone))
  let openingBalance = 0
  const inPeriod: L[] = []
  const totals = { debits: 0, credits: 0 }
  for (const line of lines) {
    const at = Date.parse(line.date)
    if (at < start) openingBalance = line.balance
    else if (at < end) {
      inPeriod.push(line)
      totals.debits += line.debit
      totals.credits += line.credit
    }
  }
  return { from, to, openingBalance, lines: inPeriod, totals, closingBalance: openingBalance + totals.debits - totals.credits }
}
