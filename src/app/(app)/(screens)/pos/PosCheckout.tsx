'use client'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { StorePicker } from '@/components/StorePicker'
import { invoiceTotals } from '@/domain/invoice'
import { formatMoney, lineTotal, parseAmount, toAmountInput } from '@/domain/money'
import type { StoreSummary } from '@/lib/stores'

import { ApplyAdvanceAtPos } from './ApplyAdvanceAtPos'
import { CustomerSearch, type CustomerHit } from './CustomerSearch'

type Method = 'cash' | 'card' | 'upi' | 'bank_transfer' | 'cheque'
const METHODS: { value: Method; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'card', label: 'Card' },
  { value: 'upi', label: 'UPI' },
  { value: 'bank_transfer', label: 'Bank transfer' },
  { value: 'cheque', label: 'Cheque' },
]

interface Line {
  key: number
  description: string
  quantity: string
  price: string
}
interface PaymentLine {
  key: number
  method: Method
  amount: string
}
interface Receipt {
  bill: { id: number; number: string; status: string; total: number; amountDue: number; complimentary: boolean }
  customer: { pendingBalance: number; advanceBalance: number }
  receipt: { text: string }
}

let nextKey = 1
const newLine = (): Line => ({ key: nextKey++, description: '', quantity: '1', price: '' })

export function PosCheckout({ store, stores, initialCustomerId }: { store: StoreSummary; stores: StoreSummary[]; initialCustomerId: number | null }) {
  const money = useCallback((minor: number) => formatMoney(minor, store.currency, store.locale), [store])
  const parse = useCallback((text: string) => (text.trim() === '' ? 0 : parseAmount(text, store.currency)), [store])

  const [customer, setCustomer] = useState<CustomerHit | null>(null)
  const [lines, setLines] = useState<Line[]>([newLine()])
  const [discount, setDiscount] = useState('')
  const [payments, setPayments] = useState<PaymentLine[]>([{ key: nextKey++, method: 'cash', amount: '' }])
  const [useAdvance, setUseAdvance] = useState('')
  const [keepExcess, setKeepExcess] = useState(false)
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Receipt | null>(null)
  const [paper, setPaper] = useState<'80mm' | 'a4'>('80mm')
  const intent = useRef<string | null>(null)

  useEffect(() => {
    if (!initialCustomerId) return
    void api(`/api/customers/${initialCustomerId}?depth=0`).then((result) => {
      if (result.ok) setCustomer(result.body as CustomerHit)
    })
  }, [initialCustomerId])

  // A new intent (idempotency key) whenever what would be sent changes.
  const parsed = useMemo(() => {
    const items = lines
      .filter((line) => line.description.trim() || line.price.trim())
      .map((line) => ({ description: line.description.trim(), quantity: Number(line.quantity), unitPrice: parse(line.price) }))
    const paid = payments.map((payment) => ({ ...payment, minor: parse(payment.amount) }))
    return { items, paid, discount: parse(discount), useAdvance: parse(useAdvance) }
  }, [lines, payments, discount, useAdvance, parse])
  useEffect(() => {
    intent.current = null
  }, [parsed, customer, keepExcess, notes])

  const validItems = parsed.items.every((item) => item.description && item.unitPrice !== null && item.quantity > 0)
  const totals = validItems
    ? invoiceTotals(parsed.items as { description: string; quantity: number; unitPrice: number }[], parsed.discount ?? 0, false)
    : { subtotal: 0, discount: 0, total: 0 }
  const paidNow = parsed.paid.reduce((sum, payment) => sum + (payment.minor ?? 0), 0)
  const advanceNow = parsed.useAdvance ?? 0
  const covered = paidNow + advanceNow
  const remaining = Math.max(0, totals.total - covered)
  const overpaid = Math.max(0, covered - totals.total - (customer?.pendingBalance ?? 0))
  const primaryLabel = covered === 0 ? 'Complete bill (no payment)' : remaining > 0 ? `Complete bill (pending ${money(remaining)})` : 'Complete'

  function localErrors(): Record<string, string> {
    const found: Record<string, string> = {}
    if (!customer) found.customer = 'Choose or create a customer first'
    if (parsed.items.length === 0) found.items = 'Add at least one item'
    lines.forEach((line, index) => {
      if (!(line.description.trim() || line.price.trim())) return
      if (!line.description.trim()) found[`items.${index}.description`] = 'Describe the service'
      if (parse(line.price) === null) found[`items.${index}.unitPrice`] = 'Enter a price like 600 or 600.50'
      if (!(Number(line.quantity) > 0)) found[`items.${index}.quantity`] = 'Quantity must be more than 0'
    })
    if (parsed.discount === null) found.discount = 'Enter an amount like 50'
    payments.forEach((payment, index) => {
      if (parse(payment.amount) === null) found[`payments.${index}.amount`] = 'Enter an amount like 400'
    })
    if (parsed.useAdvance === null) found.useAdvance = 'Enter an amount'
    else if (advanceNow > (customer?.advanceBalance ?? 0)) found.useAdvance = `Only ${money(customer?.advanceBalance ?? 0)} is held`
    return found
  }

  async function complete(complimentary: boolean) {
    if (busy) return
    const found = localErrors()
    setErrors(found)
    setMessage(null)
    if (Object.keys(found).length > 0 || !customer) return
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api<Receipt>('/api/pos/checkout', {
      idempotencyKey: intent.current,
      body: {
        store: store.id,
        customer: customer.id,
        items: parsed.items,
        discount: parsed.discount ?? 0,
        complimentary,
        payments: complimentary ? [] : parsed.paid.filter((payment) => (payment.minor ?? 0) > 0).map((payment) => ({ method: payment.method, amount: payment.minor })),
        useAdvance: complimentary ? 0 : advanceNow,
        keepExcessAsAdvance: keepExcess,
        notes: notes.trim() || undefined,
      },
    })
    setBusy(false)
    if (!result.ok) {
      setErrors(result.fieldErrors)
      setMessage(result.message)
      return
    }
    setDone(result.body)
    setCustomer({ ...customer, pendingBalance: result.body.customer.pendingBalance, advanceBalance: result.body.customer.advanceBalance })
  }

  function newSale() {
    setDone(null)
    setCustomer(null)
    setLines([newLine()])
    setDiscount('')
    setPayments([{ key: nextKey++, method: 'cash', amount: '' }])
    setUseAdvance('')
    setKeepExcess(false)
    setNotes('')
    setErrors({})
    setMessage(null)
  }

  if (done) {
    return (
      <section className="pos pos--done">
        <div className="panel receipt-panel">
          <div className="receipt-panel__actions no-print">
            <h1>Bill {done.bill.number}</h1>
            <label className="field field--inline">
              <span>Paper</span>
              <select value={paper} onChange={(event) => setPaper(event.target.value as '80mm' | 'a4')}>
                <option value="80mm">Receipt 80 mm</option>
                <option value="a4">A4</option>
              </select>
            </label>
            <button type="button" className="button" onClick={() => window.print()}>
              Print
            </button>
            <button type="button" className="button button--primary" onClick={newSale} autoFocus>
              New sale
            </button>
          </div>
          <pre className={`receipt receipt--${paper}`} data-testid="receipt">
            {done.receipt.text}
          </pre>
        </div>
      </section>
    )
  }

  const fieldError = (path: string) => errors[path] && <span className="field__error" role="alert">{errors[path]}</span>

  return (
    <section className="pos" onKeyDown={(event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault()
        void complete(false)
      }
    }}>
      <div className="pos__header">
        <h1>POS checkout</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <div className="pos__grid">
        <div className="panel pos__customer">
          <h2>Customer</h2>
          {customer ? (
            <div className="customer-card" data-testid="selected-customer">
              <div>
                <strong>{customer.name}</strong> <span className="muted">{customer.phone}</span>
              </div>
              <div className="muted">
                {customer.visits ?? 0} visits · advance held {money(customer.advanceBalance ?? 0)}
              </div>
              <button type="button" className="button button--ghost" onClick={() => setCustomer(null)}>
                Change customer
              </button>
              {(customer.pendingBalance ?? 0) > 0 && (
                <CollectNow store={store} customer={customer} money={money} onCollected={(pendingBalance) => setCustomer({ ...customer, pendingBalance })} />
              )}
              <ApplyAdvanceAtPos store={store} customer={customer} onApplied={(balances) => setCustomer({ ...customer, ...balances })} />
            </div>
          ) : (
            <CustomerSearch store={store} money={money} onSelect={setCustomer} />
          )}
          {fieldError('customer')}
        </div>

        <div className="panel pos__cart">
          <h2>Services</h2>
          <table className="cart">
            <thead>
              <tr>
                <th>Service</th>
                <th>Qty</th>
                <th>Price</th>
                <th className="num">Amount</th>
                <th aria-label="Remove" />
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => {
                const price = parse(line.price)
                const amount = price !== null && Number(line.quantity) > 0 ? lineTotal(line.quantity, price) : null
                return (
                  <tr key={line.key}>
                    <td>
                      <input
                        aria-label={`Service ${index + 1}`}
                        value={line.description}
                        placeholder="Haircut"
                        onChange={(event) => setLines(lines.map((l) => (l.key === line.key ? { ...l, description: event.target.value } : l)))}
                      />
                      {fieldError(`items.${index}.description`)}
                    </td>
                    <td>
                      <input
                        aria-label={`Quantity ${index + 1}`}
                        inputMode="decimal"
                        className="input--narrow"
                        value={line.quantity}
                        onChange={(event) => setLines(lines.map((l) => (l.key === line.key ? { ...l, quantity: event.target.value } : l)))}
                      />
                      {fieldError(`items.${index}.quantity`)}
                    </td>
                    <td>
                      <input
                        aria-label={`Price ${index + 1}`}
                        inputMode="decimal"
                        className="input--money"
                        value={line.price}
                        placeholder="0.00"
                        onChange={(event) => setLines(lines.map((l) => (l.key === line.key ? { ...l, price: event.target.value } : l)))}
                        onKeyDown={(event) => {
                          if (event.key === 'Enter' && !event.ctrlKey && index === lines.length - 1) {
                            event.preventDefault()
                            setLines([...lines, newLine()])
                          }
                        }}
                      />
                      {fieldError(`items.${index}.unitPrice`)}
                    </td>
                    <td className="num">{amount === null ? '–' : money(amount)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--ghost"
                        aria-label={`Delete line ${index + 1}`}
                        onClick={() => setLines(lines.length > 1 ? lines.filter((l) => l.key !== line.key) : [newLine()])}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {fieldError('items')}
          <button type="button" className="button" onClick={() => setLines([...lines, newLine()])}>
            + Add service
          </button>
          <div className="totals">
            <div>
              <span>Subtotal</span>
              <span>{money(totals.subtotal)}</span>
            </div>
            <label className="field field--inline">
              <span>Discount</span>
              <input aria-label="Discount" inputMode="decimal" className="input--money" value={discount} onChange={(event) => setDiscount(event.target.value)} />
            </label>
            {fieldError('discount')}
            <div className="totals__total">
              <span>Total</span>
              <span data-testid="bill-total">{money(totals.total)}</span>
            </div>
          </div>
        </div>

        <div className="panel pos__payment">
          <h2>Payment</h2>
          {customer && (customer.advanceBalance ?? 0) > 0 && (
            <label className="field">
              <span>Use advance (held {money(customer.advanceBalance ?? 0)})</span>
              <div className="row">
                <input aria-label="Use advance" inputMode="decimal" className="input--money" value={useAdvance} onChange={(event) => setUseAdvance(event.target.value)} />
                <button
                  type="button"
                  className="button"
                  onClick={() => setUseAdvance(toAmountInput(Math.min(customer.advanceBalance ?? 0, totals.total), store.currency))}
                >
                  Use max
                </button>
              </div>
              {fieldError('useAdvance')}
            </label>
          )}
          {payments.map((payment, index) => (
            <div className="row payment-line" key={payment.key}>
              <select
                aria-label={`Payment method ${index + 1}`}
                value={payment.method}
                onChange={(event) => setPayments(payments.map((p) => (p.key === payment.key ? { ...p, method: event.target.value as Method } : p)))}
              >
                {METHODS.map((method) => (
                  <option key={method.value} value={method.value}>
                    {method.label}
                  </option>
                ))}
              </select>
              <input
                aria-label={`Payment amount ${index + 1}`}
                inputMode="decimal"
                className="input--money"
                placeholder="0.00"
                value={payment.amount}
                onChange={(event) => setPayments(payments.map((p) => (p.key === payment.key ? { ...p, amount: event.target.value } : p)))}
              />
              {payments.length > 1 && (
                <button type="button" className="button button--ghost" aria-label={`Remove payment ${index + 1}`} onClick={() => setPayments(payments.filter((p) => p.key !== payment.key))}>
                  ✕
                </button>
              )}
              {fieldError(`payments.${index}.amount`)}
            </div>
          ))}
          {fieldError('payments')}
          <button type="button" className="button" onClick={() => setPayments([...payments, { key: nextKey++, method: 'upi', amount: '' }])}>
            + Split payment
          </button>
          <div className="totals">
            <div>
              <span>Paid now</span>
              <span>{money(covered)}</span>
            </div>
            <div className={remaining > 0 ? 'totals__pending' : ''}>
              <span>Left pending</span>
              <span data-testid="left-pending">{money(remaining)}</span>
            </div>
          </div>
          {overpaid > 0 && (
            <label className="field field--inline">
              <input type="checkbox" checked={keepExcess} onChange={(event) => setKeepExcess(event.target.checked)} />
              <span>Keep the extra {money(overpaid)} as an advance</span>
            </label>
          )}
          <label className="field">
            <span>Notes</span>
            <textarea aria-label="Notes" rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
          </label>
          {message && (
            <p className="form__error" role="alert" data-testid="checkout-error">
              {message}
            </p>
          )}
          <div className="pos__actions">
            <button type="button" className="button button--primary button--big" disabled={busy} onClick={() => void complete(false)}>
              {busy ? 'Saving…' : primaryLabel}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void complete(true)}>
              Complimentary
            </button>
          </div>
          <p className="muted hint">Ctrl+Enter completes the bill.</p>
        </div>
      </div>
    </section>
  )
}

function CollectNow({
  store,
  customer,
  money,
  onCollected,
}: {
  store: StoreSummary
  customer: CustomerHit
  money: (minor: number) => string
  onCollected: (pendingBalance: number) => void
}) {
  const pending = customer.pendingBalance ?? 0
  const [open, setOpen] = useState(false)
  const [amount, setAmount] = useState(toAmountInput(pending, store.currency))
  const [method, setMethod] = useState<Method>('cash')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const intent = useRef<string | null>(null)
  useEffect(() => {
    intent.current = null
  }, [amount, method])

  async function collect() {
    const minor = parseAmount(amount, store.currency)
    if (!minor) return setError('Enter an amount like 600')
    intent.current ??= newIdempotencyKey()
    setBusy(true)
    const result = await api(`/api/customers/${customer.id}/collect`, { idempotencyKey: intent.current, body: { amount: minor, method } })
    setBusy(false)
    if (!result.ok) return setError(result.message)
    setError(null)
    setOpen(false)
    onCollected(result.body.remainingBalance)
  }

  return (
    <div className="alert alert--pending" role="status" data-testid="pending-alert">
      <div>
        Pending balance: <strong className="money--owed">{money(pending)}</strong>
      </div>
      {open ? (
        <div className="row">
          <input aria-label="Collect amount" inputMode="decimal" className="input--money" value={amount} onChange={(event) => setAmount(event.target.value)} />
          <select aria-label="Collect method" value={method} onChange={(event) => setMethod(event.target.value as Method)}>
            {METHODS.map((item) => (
              <option key={item.value} value={item.value}>
                {item.label}
              </option>
            ))}
          </select>
          <button type="button" className="button button--ok" disabled={busy} onClick={() => void collect()}>
            Collect
          </button>
        </div>
      ) : (
        <button type="button" className="button button--ok" onClick={() => setOpen(true)}>
          Collect now
        </button>
      )}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
