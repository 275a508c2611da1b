export const PAYMENT_METHODS = ['cash', 'card', 'upi', 'wallet', 'bank_transfer', 'cheque', 'stripe', 'paypal', 'credit_card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const TRANSACTION_KINDS = ['payment', 'advance_deposit', 'advance_refund', 'expense', 'card_payment', 'reversal', 'write_off', 'advance_expiry'] as const
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

/**
 * Ledger rows that move no money (SPEC §9): a debt written off as bad debt, a deposit's
 * remaining forfeited when it expires. They carry no payment method.
 */
export const NON_CASH_KINDS = ['write_off', 'advance_expiry'] as const satisfies readonly TransactionKind[]
export const isNonCash = (kind: string) => (NON_CASH_KINDS as readonly string[]).includes(kind)

export const ADVANCE_REFERENCE_TYPES = ['appointment', 'booking', 'enquiry', 'direct'] as const

export const INVOICE_KINDS = ['bill', 'invoice', 'timesheet', 'opening'] as const
export type InvoiceKind = (typeof INVOICE_KINDS)[number]
export const ADVANCE_STATUSES = ['active', 'utilized', 'refunded', 'expired', 'reversed'] as const

export const options = (values: readonly string[]) => values.map((value) => ({ label: value.replace(/_/g, ' '), value }))
