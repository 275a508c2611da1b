/**
 * The references the ledger numbers by itself, per store: money in `PAY-000123`, the owner's
 * own spending `EXP-000123` (each its own counter, padded to six digits, never cut).
 * The SQL functions of checkout and collect build the PAY- form the same way.
 */
export const paymentReference = (sequence: number) => `PAY-${String(sequence).padStart(6, '0')}`
export const expenseReference = (sequence: number) => `EXP-${String(sequence).padStart(6, '0')}`

/** Kinds of transaction that are the owner's spending, numbered EXP-. */
export const isSpending = (kind: string) => kind === 'expense' || kind === 'card_payment'
