/**
 * SPEC §9a: money the shop already holds for a customer — deposits and payments applied to
 * no invoice — netted against what they owe. A customer whose held money covers their dues
 * is not chased: the screens offer to apply it instead.
 */
import type { Minor } from './money'

export interface HeldMoney {
  /** advanceBalance + unmatchedCredit */
  held: Minor
  /** pendingBalance − held; negative when the shop holds more than is owed */
  net: Minor
  /** Something is owed and held money could pay some of it: offer "Apply". */
  canApply: boolean
  /** Held money pays everything owed. */
  covers: boolean
}

export function heldMoney(balances: { pendingBalance: Minor; advanceBalance: Minor; unmatchedCredit: Minor }): HeldMoney {
  const held = balances.advanceBalance + balances.unmatchedCredit
  return {
    held,
    net: balances.pendingBalance - held,
    canApply: balances.pendingBalance > 0 && held > 0,
    covers: balances.pendingBalance > 0 && held >= balances.pendingBalance,
  }
}
