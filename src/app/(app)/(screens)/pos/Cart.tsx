'use client'

import { useEffect, useId, useRef, useState } from 'react'

import { lineTotal, toAmountInput } from '@/domain/money'
import { halfRatePercent, ratePercent } from '@/domain/tax'

import { FieldError } from './FieldError'
import { newLine, type PosCheckoutState } from './usePosCheckout'

/**
 * The services of the bill. Enter in a price starts the next line (focus in its service
 * field); the totals follow every keystroke.
 */
export function Cart({ pos, focusRequest }: { pos: PosCheckoutState; focusRequest: number }) {
  const { lines, setLines, money, parse, errors, catalogue, store, totals } = pos
  const services = useRef(new Map<number, HTMLInputElement>())
  const catalogueId = useId()
  const [focusKey, setFocusKey] = useState<number | null>(null)

  useEffect(() => {
    if (focusKey === null) return
    services.current.get(focusKey)?.focus()
    setFocusKey(null)
  }, [focusKey, lines])

  // A customer was picked: the cart is next (the first line still to fill). Only a new
  // request moves focus — not a cart shown again for the next sale.
  const seenRequest = useRef(focusRequest)
  useEffect(() => {
    if (focusRequest === seenRequest.current) return
    seenRequest.current = focusRequest
    const target = lines.find((line) => !line.description.trim()) ?? lines.at(-1)
    if (target) services.current.get(target.key)?.focus()
    // Only when asked, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest])

  const update = (key: number, change: Partial<(typeof lines)[number]>) => setLines(lines.map((line) => (line.key === key ? { ...line, ...change } : line)))
  /** Typing a catalogue service's name (or picking it from the list) fills its price; other text is a typed line. */
  const describe = (key: number, description: string) => {
    const line = lines.find((candidate) => candidate.key === key)
    const entry = catalogue.find((candidate) => candidate.name === description.trim())
    if (entry) update(key, { description, service: entry.id, price: entry.id === line?.service && line.price ? line.price : toAmountInput(entry.price, store.currency) })
    else update(key, { description, service: null })
  }
  const label = store.tax.taxLabel
  const addLine = () => {
    const line = newLine()
    setLines([...lines, line])
    setFocusKey(line.key)
  }

  return (
    <div className="panel pos__cart">
      <h2>Services</h2>
      <div className="cart" role="group" aria-label="Services on this bill">
        <div className="cart__head" aria-hidden="true">
          <span>Service</span>
          <span>Qty</span>
          <span>Price</span>
          <span className="num">Amount</span>
          <span />
        </div>
        {lines.map((line, index) => {
          const price = parse(line.price)
          const amount = price !== null && Number(line.quantity) > 0 ? lineTotal(line.quantity, price) : null
          return (
            <div className="cart__line" key={line.key} data-testid={`cart-line-${index + 1}`}>
              <label className="cart__service">
                <span className="cart__label">Service</span>
                <input
                  ref={(element) => {
                    if (element) services.current.set(line.key, element)
                    else services.current.delete(line.key)
                  }}
                  aria-label={`Service ${index + 1}`}
                  value={line.description}
                  placeholder={catalogue.length > 0 ? 'Search the price list or type' : 'Haircut'}
                  autoComplete="off"
                  list={catalogue.length > 0 ? catalogueId : undefined}
                  onChange={(event) => describe(line.key, event.target.value)}
                />
                {line.service !== null && (
                  <span className="hint muted" data-testid={`cart-line-${index + 1}-catalogue`}>
                    {(() => {
                      const entry = catalogue.find((candidate) => candidate.id === line.service)
                      return entry ? `Price list · ${label} ${ratePercent(entry.taxRate)}${entry.sac ? ` · SAC ${entry.sac}` : ''}` : 'Price list'
                    })()}
                  </span>
                )}
                <FieldError errors={errors} path={`items.${index}.description`} />
              </label>
              <label className="cart__qty">
                <span className="cart__label">Qty</span>
                <input aria-label={`Quantity ${index + 1}`} inputMode="decimal" value={line.quantity} onChange={(event) => update(line.key, { quantity: event.target.value })} />
                <FieldError errors={errors} path={`items.${index}.quantity`} />
              </label>
              <label className="cart__price">
                <span className="cart__label">Price</span>
                <input
                  aria-label={`Price ${index + 1}`}
                  inputMode="decimal"
                  className="input--money"
                  value={line.price}
                  placeholder="0.00"
                  onChange={(event) => update(line.key, { price: event.target.value })}
                  onKeyDown={(event) => {
                    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return
                    event.preventDefault()
                    const next = lines[index + 1]
                    if (next) setFocusKey(next.key)
                    else addLine()
                  }}
                />
                <FieldError errors={errors} path={`items.${index}.unitPrice`} />
              </label>
              <span className="cart__amount num money">{amount === null ? <span className="muted">–</span> : money(amount)}</span>
              <button
                type="button"
                className="button button--ghost cart__remove"
                aria-label={`Delete line ${index + 1}`}
                onClick={() => setLines(lines.length > 1 ? lines.filter((l) => l.key !== line.key) : [newLine()])}
              >
                ✕
              </button>
            </div>
          )
        })}
      </div>
      {catalogue.length > 0 && (
        <datalist id={catalogueId}>
          {catalogue.map((entry) => (
            <option key={entry.id} value={entry.name}>
              {money(entry.price)}
            </option>
          ))}
        </datalist>
      )}
      <FieldError errors={errors} path="items" />
      <button type="button" className="button" onClick={addLine}>
        + Add service
      </button>
      <div className="totals">
        <div>
          <span>Subtotal</span>
          <span className="money">{money(pos.totals.subtotal)}</span>
        </div>
        <label className="field field--inline totals__discount">
          <span>Discount</span>
          <input
            aria-label="Discount"
            inputMode="decimal"
            className="input--money"
            value={pos.discount}
            placeholder="0.00"
            onChange={(event) => pos.setDiscount(event.target.value)}
          />
        </label>
        <FieldError errors={errors} path="discount" />
        {totals.treatment !== 'unregistered' && totals.taxTotal > 0 && (
          <div className="totals__tax" data-testid="bill-tax">
            <span>
              {store.tax.pricesIncludeTax ? `incl. ${label}` : label}
              {totals.byRate
                .filter((group) => group.taxRate > 0)
                .map((group) =>
                  totals.treatment === 'intra'
                    ? ` · CGST ${halfRatePercent(group.taxRate)} ${money(group.cgst)} + SGST ${halfRatePercent(group.taxRate)} ${money(group.sgst)}`
                    : totals.treatment === 'inter'
                      ? ` · IGST ${ratePercent(group.taxRate)} ${money(group.igst)}`
                      : ` · ${ratePercent(group.taxRate)} ${money(group.tax)}`,
                )
                .join('')}
            </span>
            <span className="money">{money(totals.taxTotal)}</span>
          </div>
        )}
        <div className="totals__total">
          <span>Total</span>
          <span className="money" data-testid="bill-total">
            {money(pos.totals.total)}
          </span>
        </div>
      </div>
    </div>
  )
}
