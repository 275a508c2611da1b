export const PAYMENT_METHODS = ['cash', 'card', 'upi', 'wallet', 'bank_transfer', 'cheque', 'stripe', 'paypal', 'credit_card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

export const TRANSACTION_KINDS = ['payment', 'advance_deposit', 'advance_refund', 'expense', 'card_payment', 'reversal', 'write_off'] as const
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]

export const ADVANCE_REFERENCE_TYPES = ['appointment', 'booking', 'enquiry', 'direct'] as const
export const ADVANCE_STATUSES = ['active', 'utilized', 'refunded', 'expired', 'reversed'] as const

export const options = (values: readonly string[]) => values.map((value) => ({ label: value.replace(/_/g, ' '), value }))
