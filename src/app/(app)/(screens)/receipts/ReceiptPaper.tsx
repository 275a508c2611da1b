'use client'

import { useState, type ReactNode } from 'react'

/** A receipt as printed: paper size, Print, and the screen's own actions beside them. */
export function ReceiptPaper({ text, title, children }: { text: string; title: string; children?: ReactNode }) {
  const [paper, setPaper] = useState<'80mm' | 'a4'>('80mm')
  return (
    <>
      <div className="receipt-panel__actions no-print">
        <h1>{title}</h1>
        <label className="field field--inline">
          <span>Paper</span>
          <select value={paper} onChange={(event) => setPaper(event.target.value as '80mm' | 'a4')}>
            <option value="80mm">Receipt 80 mm</option>
            <option value="a4">A4</option>
          </select>
        </label>
        <button type="button" className="button" onClick={() => window.print()}>
          Print receipt
        </button>
        {children}
      </div>
      <pre className={`receipt receipt--${paper}`} data-testid="receipt">
        {text}
      </pre>
    </>
  )
}
