'use client'

import type { RefObject } from 'react'

import { toAmountInput } from '@/domain/money'

import { ComplimentaryButton } from './ComplimentaryButton'
import { FieldError } from './FieldError'
import { OverrideCreditButton } from './OverrideCreditButton'
import { METHODS, type Method, type PosCheckoutState } from './usePosCheckout'

/**
 * Charge-first payment (issue 13): the primary action charges the whole amount due by the
 * chosen method — cash tendered gives the change — and says what will happen before it does.
 * Paying later and complimentary bills are the secondary actions.
 */
export function PaymentPanel({
  pos,
  primaryRef,
  approvalNeeded,
  canOverrideCredit,
}: {
  pos: PosCheckoutState
  primaryRef: RefObject<HTMLButtonElement | null>
  approvalNeeded: boolean
  /** An owner may let a sale go above the customer's credit limit (SPEC §9). */
  canOverrideCredit: boolean
}) {
  const { money, store, customer, payments, setPayments, errors, preview } = pos
  const update = (key: number, change: Partial<(typeof payments)[number]>) => setPayments(payments.map((payment) => (payment.key === key ? { ...payment, ...change } : payment)))
  const held = customer?.advanceBalance ?? 0
  const hasBill = pos.totals.total > 0 || pos.totals.subtotal > 0

  return (
    <div className="panel pos__payment">
      <h2>Payment</h2>
      {customer && held > 0 && (
        <div className="field">
          <label htmlFor="use-advance">Use advance (held {money(held)})</label>
          <div className="row">
            <input
              id="use-advance"
              aria-label="Use advance"
              inputMode="decimal"
              className="input--money"
              value={pos.useAdvance}
              placeholder="0.00"
              onChange={(event) => pos.setUseAdvance(event.target.value)}
            />
            <button type="button" className="button" onClick={() => pos.setUseAdvance(toAmountInput(Math.min(held, pos.totals.total), store.currency))}>
              Use max
            </button>
          </div>
          <FieldError errors={errors} path="useAdvance" />
        </div>
      )}

      {payments.map((payment, index) => {
        const charged = pos.amountOf(payment)
        const tendered = payment.method === 'cash' ? pos.parse(payment.tendered) : null
        return (
          <div className="pay-line" key={payment.key} data-testid={`payment-line-${index + 1}`}>
            <div className="methods" role="radiogroup" aria-label={`Payment method ${index + 1}`}>
              {METHODS.map((method) => (
                <label key={method.value} className={payment.method === method.value ? 'method method--on' : 'method'}>
                  <input
                    type="radio"
                    name={`method-${payment.key}`}
                    value={method.value}
                    checked={payment.method === method.value}
                    onChange={() => update(payment.key, { method: method.value as Method })}
                  />
                  {method.label}
                </label>
              ))}
            </div>
            <div className="pay-line__amounts">
              <label className="field">
                <span>{payments.length > 1 ? `Amount ${index + 1}` : 'Amount'}</span>
                <input
                  aria-label={`Payment amount ${index + 1}`}
                  inputMode="decimal"
                  className="input--money"
                  value={payment.amount ?? toAmountInput(charged, store.currency)}
                  onChange={(event) => update(payment.key, { amount: event.target.value })}
                  onFocus={(event) => event.target.select()}
                />
              </label>
              {payment.method === 'cash' && (
                <label className="field">
                  <span>Cash tendered</span>
                  <input
                    aria-label={`Cash tendered ${index + 1}`}
                    inputMode="decimal"
                    className="input--money"
                    value={payment.tendered}
                    placeholder="optional"
                    onChange={(event) => update(payment.key, { tendered: event.target.value })}
                  />
                </label>
              )}
              {payments.length > 1 && (
                <button
                  type="button"
                  className="button button--ghost"
                  aria-label={`Remove payment ${index + 1}`}
                  onClick={() => setPayments(payments.filter((p) => p.key !== payment.key))}
                >
                  ✕
                </button>
              )}
            </div>
            {payment.amount !== null && index === 0 && (
              <button type="button" className="button button--link" onClick={() => update(payment.key, { amount: null })}>
                Charge the full amount
              </button>
            )}
            {tendered !== null && tendered > charged && (
              <p className="change" data-testid="change-due">
                Change due {money(tendered - charged)}
              </p>
            )}
            <FieldError errors={errors} path={`payments.${index}.amount`} />
            <FieldError errors={errors} path={`payments.${index}.tendered`} />
          </div>
        )
      })}
      <div className="row">
        <button type="button" className="button" onClick={pos.addPayment}>
          + Split payment
        </button>
        {pos.pending > 0 && payments.length === 1 && (
          <button type="button" className="button" onClick={() => update(payments[0]!.key, { amount: toAmountInput(pos.dueNow + pos.pending, store.currency) })}>
            + Earlier dues {money(pos.pending)}
          </button>
        )}
      </div>
      <FieldError errors={errors} path="payments" />

      {(preview.excess > 0 || preview.keptAsAdvance > 0 || pos.keepExcess) && (
        <label className="field field--inline">
          <input type="checkbox" checked={pos.keepExcess} onChange={(event) => pos.setKeepExcess(event.target.checked)} />
          <span>Keep what is paid beyond everything owed as an advance</span>
        </label>
      )}

      {customer && hasBill && <Preview pos={pos} />}

      <label className="field">
        <span>Notes</span>
        <textarea aria-label="Notes" rows={2} value={pos.notes} onChange={(event) => pos.setNotes(event.target.value)} />
      </label>
      {(pos.credit.primary ?? pos.credit.payLater) && (
        <p className="form__error" data-testid="credit-warning">
          {pos.credit.primary ?? `Complete bill (no payment) would be refused — ${pos.credit.payLater}`}
        </p>
      )}
      <FieldError errors={errors} path="creditLimit" />
      <OverrideCreditButton pos={pos} canOverride={canOverrideCredit} />
      {pos.message && (
        <p className="form__error" role="alert" data-testid="checkout-error">
          {pos.message}
        </p>
      )}
      <div className="pos__actions">
        <button
          ref={primaryRef}
          type="button"
          className="button button--primary button--big"
          data-testid="primary-action"
          disabled={pos.busy}
          onClick={() => void pos.complete({ mode: 'charge' })}
        >
          {pos.busy ? 'Saving…' : pos.primary.label}
        </button>
        <p className="muted hint">Shortcut: Ctrl+Enter</p>
        <div className="pos__later" role="group" aria-label="Pay later">
          {pos.primary.label !== 'Complete bill (no payment)' && (
            <button type="button" className="button" disabled={pos.busy} onClick={() => void pos.complete({ mode: 'no-payment' })}>
              Complete bill (no payment)
            </button>
          )}
          <ComplimentaryButton pos={pos} approvalNeeded={approvalNeeded} />
        </div>
      </div>
    </div>
  )
}

/** "What will happen": the money of the primary action, line by line, before it is done. */
function Preview({ pos }: { pos: PosCheckoutState }) {
  const { preview, money } = pos
  const lines: { text: string; tone?: 'owed' | 'ok' | 'change' }[] = []
  if (pos.advanceNow > 0) lines.push({ text: `${money(pos.advanceNow)} paid from the advance` })
  if (preview.toBill > 0) lines.push({ text: `${money(preview.toBill)} pays this bill` })
  if (preview.billDue > 0) lines.push({ text: `${money(preview.billDue)} of this bill stays pending`, tone: 'owed' })
  if (preview.toEarlier > 0) lines.push({ text: `${money(preview.toEarlier)} goes to earlier bills` })
  if (preview.keptAsAdvance > 0) lines.push({ text: `${money(preview.keptAsAdvance)} kept as advance` })
  if (preview.changeDue > 0) lines.push({ text: `Change due ${money(preview.changeDue)}`, tone: 'change' })
  if (preview.excess > 0) lines.push({ text: `${money(preview.excess)} is more than everything owed: not change (not cash) — lower it, or keep it as an advance`, tone: 'owed' })
  lines.push({ text: `New total owed ${money(preview.newOwed)}`, tone: preview.newOwed > 0 ? 'owed' : 'ok' })
  return (
    <div className="preview" data-testid="checkout-preview" aria-live="polite">
      <h3>What will happen</h3>
      <ul>
        {lines.map((line) => (
          <li key={line.text} className={line.tone ? `preview--${line.tone}` : undefined}>
            {line.text}
          </li>
        ))}
      </ul>
    </div>
  )
}
