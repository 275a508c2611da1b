'use client'

import { useState, type ReactNode } from 'react'

import { ShareButtons } from './ShareButtons'

type Paper = '58mm' | '80mm'
const WIDTH: Record<Paper, 32 | 48> = { '58mm': 32, '80mm': 48 }

/**
 * A bill's thermal receipt (SPEC §10): 58 mm (32 columns) or 80 mm (48 columns) paper, printed
 * by the browser at that paper size (named @page rules in app.css), or downloaded as ESC/POS
 * bytes for a receipt printer; with the share buttons of the bill.
 */
export function ReceiptView({
  bill,
  initialText,
  customer,
  shareMessage,
  title,
  children,
}: {
  bill: { id: number; number: string }
  /** The 80 mm text the checkout answered with. */
  initialText: string
  customer: { phone: string | null }
  shareMessage: string
  title?: string
  /** The screen's own actions, beside Print. */
  children?: ReactNode
}) {
  const [paper, setPaper] = useState<Paper>('80mm')
  const [texts, setTexts] = useState<Partial<Record<Paper, string>>>({ '80mm': initialText })
  const [error, setError] = useState<string | null>(null)

  async function choose(next: Paper) {
    setPaper(next)
    if (texts[next]) return
    const response = await fetch(`/api/invoices/${bill.id}/receipt?width=${WIDTH[next]}`, { credentials: 'include' })
    if (!response.ok) return setError(`The ${next} receipt could not be loaded (${response.status})`)
    const text = await response.text()
    setTexts((current) => ({ ...current, [next]: text }))
  }

  return (
    <>
      <div className="receipt-panel__actions no-print">
        {title && <h1>{title}</h1>}
        {children}
        <label className="field field--inline">
          <span>Paper</span>
          <select aria-label="Paper" value={paper} onChange={(event) => void choose(event.target.value as Paper)}>
            <option value="58mm">Receipt 58 mm (32 columns)</option>
            <option value="80mm">Receipt 80 mm (48 columns)</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
        <a className="button" href={`/api/invoices/${bill.id}/receipt?width=${WIDTH[paper]}&format=escpos`} download>
          ESC/POS
        </a>
        <a className="button" href={`/api/invoices/${bill.id}/pdf`} target="_blank" rel="noreferrer">
          PDF
        </a>
        <ShareButtons document="invoice" id={bill.id} phone={customer.phone} message={shareMessage} />
      </div>
      {error && (
        <p className="form__error no-print" role="alert">
          {error}
        </p>
      )}
      <pre className={`receipt receipt--${paper}`} data-testid="receipt" data-paper={paper}>
        {texts[paper] ?? ''}
      </pre>
    </>
  )
}
