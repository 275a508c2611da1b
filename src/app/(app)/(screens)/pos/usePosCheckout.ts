'use client'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import type { CustomerHit } from '@/components/CustomerSearch'
import { taxedBillOf } from '@/domain/billLines'
import { previewCheckout, type CheckoutPreview } from '@/domain/checkout'
import { availableCredit, breaksCreditLimit } from '@/domain/credit'
import { formatMoney, parseAmount } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'

export type Method = 'cash' | 'card' | 'upi' | 'bank_transfer' | 'cheque'
export const METHODS: { value: Method; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'upi', label: 'UPI' },
  { value: 'card', label: 'Card' },
  { value: 'bank_transfer', label: 'Bank' },
  { value: 'cheque', label: 'Cheque' },
]

export interface Line {
  key: number
  description: string
  quantity: string
  price: string
  /** The catalogue service picked for this line (its rate applies), or null for typed text. */
  service: number | null
}

/** An active service of the store's catalogue, as the POS offers it (SPEC §12). */
export interface CatalogueEntry {
  id: number
  name: string
  sac: string | null
  price: number
  taxRate: number
}

export interface PaymentLine {
  key: number
  method: Method
  /** What is charged on this line; null follows the rest of the bill (the default). */
  amount: string | null
  /** Cash handed over (cash lines); the change is given back. */
  tendered: string
}

export interface CheckoutResult {
  bill: {
    id: number
    number: string
    status: string
    total: number
    amountPaid: number
    amountDue: number
    complimentary: boolean
    /** Why an owner let this bill take the customer above the credit limit (SPEC §9), else null. */
    creditOverrideReason?: string | null
    taxTotal: number
    cgst: number
    sgst: number
    igst: number
  }
  appliedToPending: number
  advanceUsed: number
  keptAsAdvance: number
  changeDue: number
  customer: { id: number; name: string; phone: string | null; pendingBalance: number; advanceBalance: number }
  transactions: { id: number; reference: string; method: string; amount: number }[]
  receipt: { text: string }
}

export type Completion = { mode: 'charge' } | { mode: 'no-payment' } | { mode: 'complimentary'; reason: string; approval?: { email: string; password: string } }

let nextKey = 1
export const newLine = (): Line => ({ key: nextKey++, description: '', quantity: '1', price: '', service: null })
const newPayment = (method: Method = 'cash'): PaymentLine => ({ key: nextKey++, method, amount: null, tendered: '' })

/**
 * The POS checkout's state and rules: the cart, the payment lines (the first follows the
 * amount due, so "Charge ₹X" is the whole bill unless the cashier types less), cash
 * tendered and change, the preview of what Complete will do, and the one request that does
 * it (one Idempotency-Key per intent).
 */
export function usePosCheckout(store: StoreSummary, initialCustomerId: number | null, catalogue: CatalogueEntry[] = []) {
  const money = useCallback((minor: number) => formatMoney(minor, store.currency, store.locale), [store])
  const parse = useCallback((text: string) => (text.trim() === '' ? 0 : parseAmount(text, store.currency)), [store])

  const [customer, setCustomer] = useState<CustomerHit | null>(null)
  const [lines, setLines] = useState<Line[]>([newLine()])
  const [discount, setDiscount] = useState('')
  const [payments, setPayments] = useState<PaymentLine[]>([newPayment()])
  const [useAdvance, setUseAdvance] = useState('')
  const [keepExcess, setKeepExcess] = useState(false)
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<CheckoutResult | null>(null)
  /** The completion last refused for the credit limit: an owner's override sends it again. */
  const [creditRefused, setCreditRefused] = useState<Completion | null>(null)
  const intent = useRef<string | null>(null)

  useEffect(() => {
    if (!initialCustomerId) return
    void api<CustomerHit>(`/api/customers/${initialCustomerId}?depth=0`).then((result) => {
      if (result.ok) setCustomer(result.body)
    })
  }, [initialCustomerId])

  const items = useMemo(
    () =>
      lines
        .filter((line) => line.description.trim() || line.price.trim())
        .map((line) => ({
          description: line.description.trim(),
          quantity: Number(line.quantity),
          unitPrice: parse(line.price),
          ...(line.service !== null ? { service: line.service } : {}),
        })),
    [lines, parse],
  )
  const validItems = items.length > 0 && items.every((item) => item.description && item.unitPrice !== null && item.quantity > 0)
  const discountMinor = parse(discount)
  // SPEC §12: the same tax the server will work out — the service's rate, else the store's default.
  const rateOf = useCallback((service: number | undefined) => catalogue.find((entry) => entry.id === service)?.taxRate ?? store.tax.defaultTaxRate, [catalogue, store])
  const taxed = validItems
    ? taxedBillOf(
        items.map((item) => ({
          description: item.description,
          quantity: item.quantity,
          unitPrice: item.unitPrice!,
          service: item.service ?? null,
          sac: null,
          taxRate: rateOf(item.service),
        })),
        Math.min(discountMinor ?? 0, Number.MAX_SAFE_INTEGER),
        false,
        { store: { currency: store.currency, ...store.tax }, customer: { gstin: customer?.gstin ?? null, stateCode: customer?.stateCode ?? null } },
      )
    : null
  const totals =
    taxed && (discountMinor ?? 0) <= taxed.subtotal
      ? taxed
      : { subtotal: taxed?.subtotal ?? 0, discount: 0, total: taxed?.subtotal ?? 0, taxTotal: 0, cgst: 0, sgst: 0, igst: 0, byRate: [], treatment: 'unregistered' as const }
  const advanceMinor = parse(useAdvance)
  const advanceNow = Math.min(advanceMinor ?? 0, totals.total)
  const pending = customer?.pendingBalance ?? 0
  const dueNow = Math.max(0, totals.total - advanceNow)

  // The first line without an amount of its own takes the rest of what is due now.
  const explicit = payments.reduce((total, payment) => total + (payment.amount === null ? 0 : (parse(payment.amount) ?? 0)), 0)
  const autoKey = payments.find((payment) => payment.amount === null)?.key
  const amountOf = (payment: PaymentLine) => (payment.amount === null ? (payment.key === autoKey ? Math.max(0, dueNow - explicit) : 0) : (parse(payment.amount) ?? 0))
  const preview: CheckoutPreview = previewCheckout({
    billTotal: totals.total,
    useAdvance: advanceNow,
    pending,
    keepExcessAsAdvance: keepExcess,
    payments: payments.map((payment) => ({ method: payment.method, amount: amountOf(payment), tendered: payment.method === 'cash' ? parse(payment.tendered) : null })),
  })

  // SPEC §9 credit control, said before Complete: the server decides the same way on the locked customer.
  const creditLimit = customer?.creditLimit ?? null
  const available = availableCredit(creditLimit, pending)
  const creditWarning = (owedAfter: number): string | null =>
    customer && creditLimit !== null && items.length > 0 && breaksCreditLimit(creditLimit, pending, owedAfter)
      ? `${creditLimit === 0 ? `Cash only: ${customer.name} may not owe anything` : `Credit limit exceeded: ${customer.name} may owe ${money(available ?? 0)} more (limit ${money(creditLimit)})`}; this would leave ${money(owedAfter)} owing. Take ${money(owedAfter - Math.max(creditLimit, pending))} more now.`
      : null
  const overLimit = (owedAfter: number) => (creditLimit === null ? 0 : Math.max(0, owedAfter - Math.max(creditLimit, pending)))
  const credit = {
    limit: creditLimit,
    available,
    /** why the primary action would be refused, or null */
    primary: creditWarning(preview.newOwed),
    /** why "Complete bill (no payment)" would be refused, or null */
    payLater: creditWarning(pending + dueNow),
  }
  // What an owner's override completes: the completion just refused, else the one the warning is about.
  const overrideCompletion: Completion | null = creditRefused ?? (credit.primary ? { mode: 'charge' } : credit.payLater ? { mode: 'no-payment' } : null)
  const override = overrideCompletion
    ? {
        completion: overrideCompletion,
        /** how far above the limit the customer would owe */
        over: overLimit(overrideCompletion.mode === 'charge' ? preview.newOwed : pending + dueNow),
        owedAfter: overrideCompletion.mode === 'charge' ? preview.newOwed : pending + dueNow,
      }
    : null

  // A new intent (idempotency key) whenever what would be sent changes.
  useEffect(() => {
    intent.current = null
    setCreditRefused(null)
  }, [items, payments, discount, useAdvance, customer, keepExcess, notes])

  const primary =
    items.length === 0
      ? { label: 'Charge', mode: 'charge' as const }
      : preview.paidNow === 0 && dueNow > 0
        ? { label: 'Complete bill (no payment)', mode: 'charge' as const }
        : preview.billDue > 0
          ? { label: `Complete bill (pending ${money(preview.billDue)})`, mode: 'charge' as const }
          : preview.paidNow === 0
            ? { label: advanceNow > 0 ? 'Complete (paid from advance)' : 'Complete', mode: 'charge' as const }
            : { label: `Charge ${money(preview.paidNow)}`, mode: 'charge' as const }

  function localErrors(completion: Completion): Record<string, string> {
    const found: Record<string, string> = {}
    if (!customer) found.customer = 'Choose or create a customer first'
    if (items.length === 0) found.items = 'Add at least one service'
    lines.forEach((line, index) => {
      if (!(line.description.trim() || line.price.trim())) return
      if (!line.description.trim()) found[`items.${index}.description`] = 'Describe the service'
      if (parse(line.price) === null) found[`items.${index}.unitPrice`] = 'Enter a price like 600 or 600.50'
      if (!(Number(line.quantity) > 0)) found[`items.${index}.quantity`] = 'Quantity must be more than 0'
    })
    if (discountMinor === null) found.discount = 'Enter an amount like 50'
    else if (discountMinor > totals.subtotal && validItems) found.discount = `At most the subtotal, ${money(totals.subtotal)}`
    if (completion.mode !== 'charge') return found
    payments.forEach((payment, index) => {
      if (payment.amount !== null && parse(payment.amount) === null) found[`payments.${index}.amount`] = 'Enter an amount like 400'
      if (payment.method === 'cash' && parse(payment.tendered) === null) found[`payments.${index}.tendered`] = 'Enter the cash tendered, like 500'
      else if (payment.method === 'cash' && payment.tendered.trim() && (parse(payment.tendered) ?? 0) < amountOf(payment)) {
        found[`payments.${index}.tendered`] = `Less than the ${money(amountOf(payment))} charged`
      }
    })
    if (advanceMinor === null) found.useAdvance = 'Enter an amount'
    else if (advanceMinor > (customer?.advanceBalance ?? 0)) found.useAdvance = `Only ${money(customer?.advanceBalance ?? 0)} is held`
    if (preview.excess > 0) found.payments = `${money(preview.excess)} more than everything owed: lower the amount, or keep it as an advance`
    return found
  }

  /** Sends the checkout; resolves with whether it was saved and, if not, the first reason why. */
  async function complete(completion: Completion, overrideReason?: string): Promise<{ ok: boolean; message: string | null }> {
    if (busy) return { ok: false, message: null }
    const found = localErrors(completion)
    setErrors(found)
    setMessage(null)
    if (Object.keys(found).length > 0 || !customer) return { ok: false, message: Object.values(found)[0] ?? null }
    // An override is a new intent: the refused request is not replayed.
    if (overrideReason !== undefined) intent.current = null
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const charge = completion.mode === 'charge'
    const result = await api<CheckoutResult>('/api/pos/checkout', {
      idempotencyKey: intent.current,
      body: {
        store: store.id,
        customer: customer.id,
        items,
        discount: discountMinor ?? 0,
        complimentary: completion.mode === 'complimentary',
        ...(completion.mode === 'complimentary' ? { complimentaryReason: completion.reason, ...(completion.approval ? { approval: completion.approval } : {}) } : {}),
        payments: charge ? preview.payments : [],
        useAdvance: charge ? advanceNow : 0,
        keepExcessAsAdvance: charge && keepExcess,
        notes: notes.trim() || undefined,
        ...(overrideReason !== undefined ? { overrideCreditLimit: { reason: overrideReason } } : {}),
      },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      // A refusal about one field is shown next to it, not twice.
      setMessage(Object.values(result.fieldErrors).includes(result.message ?? '') ? null : result.message)
      if (result.fieldErrors.creditLimit) setCreditRefused(completion)
      return { ok: false, message: result.message }
    }
    setCreditRefused(null)
    setDone(result.body)
    setCustomer({ ...customer, pendingBalance: result.body.customer.pendingBalance, advanceBalance: result.body.customer.advanceBalance })
    return { ok: true, message: null }
  }

  function newSale() {
    setDone(null)
    setCustomer(null)
    setLines([newLine()])
    setDiscount('')
    setPayments([newPayment()])
    setUseAdvance('')
    setKeepExcess(false)
    setNotes('')
    setErrors({})
    setMessage(null)
    setCreditRefused(null)
  }

  return {
    store,
    money,
    parse,
    customer,
    setCustomer,
    lines,
    setLines,
    catalogue,
    discount,
    setDiscount,
    payments,
    setPayments,
    addPayment: () => setPayments((list) => [...list, newPayment(list.some((payment) => payment.method === 'upi') ? 'card' : 'upi')]),
    amountOf,
    useAdvance,
    setUseAdvance,
    advanceNow,
    keepExcess,
    setKeepExcess,
    notes,
    setNotes,
    totals,
    dueNow,
    pending,
    preview,
    primary,
    credit,
    override,
    errors,
    message,
    busy,
    done,
    complete,
    newSale,
  }
}

export type PosCheckoutState = ReturnType<typeof usePosCheckout>
