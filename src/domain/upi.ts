/** UPI payment links (NPCI's `upi://pay` deep link), pure. */
import { toAmountInput, type Minor } from './money'

/** A UPI id (VPA): `name@bank`, e.g. glowsalon@okaxis. */
export function isUpiId(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{1,255}@[A-Za-z][A-Za-z0-9]{1,63}$/.test(value)
}

export interface UpiPayment {
  /** payee address (the store's UPI id) */
  upiId: string
  /** payee name */
  name: string
  amount: Minor
  currency: string
  /** transaction note: the bill number or statement reference */
  note: string
}

/**
 * `upi://pay?pa=…&pn=…&am=600.00&cu=INR&tn=…`. UPI moves rupees only: null for any other
 * currency, and for nothing to pay.
 */
export function upiPayUrl(payment: UpiPayment): string | null {
  if (payment.currency !== 'INR' || payment.amount <= 0) return null
  const query = [
    ['pa', payment.upiId],
    ['pn', payment.name],
    ['am', toAmountInput(payment.amount, payment.currency)],
    ['cu', payment.currency],
    ['tn', payment.note],
  ]
    .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
    .join('&')
  return `upi://pay?${query}`
}

/** The reference a statement goes by (UPI note, email subject): STMT-<customer>-<yyyymmdd of its last day>. */
export function statementReference(customerId: number, to: string): string {
  return `STMT-${customerId}-${to.replace(/-/g, '')}`
}

/** A wa.me link: the phone's digits (E.164 without +) and the message. */
export function whatsAppUrl(phone: string | null | undefined, text: string): string {
  const digits = (phone ?? '').replace(/\D/g, '')
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`
}
