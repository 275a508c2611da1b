/** The methods a person picks on the owner screens (wallet = advance, only at the POS). */
export const PAYMENT_METHOD_OPTIONS = [
  ['cash', 'Cash'],
  ['upi', 'UPI'],
  ['card', 'Card'],
  ['bank_transfer', 'Bank transfer'],
  ['cheque', 'Cheque'],
] as const

const LABELS: Record<string, string> = {
  ...Object.fromEntries(PAYMENT_METHOD_OPTIONS),
  wallet: 'Advance',
  stripe: 'Stripe',
  paypal: 'PayPal',
  credit_card: 'Credit card',
}

export function methodLabel(method: string | null | undefined): string {
  if (!method) return '–'
  return LABELS[method] ?? method.replace(/_/g, ' ')
}

/** The same list in the shape FormDialog's select fields take. */
export const paymentMethodOptions = PAYMENT_METHOD_OPTIONS.map(([value, label]) => ({ value, label }))
