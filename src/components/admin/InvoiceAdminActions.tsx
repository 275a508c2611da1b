'use client'

import { useAuth, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import Link from 'next/link'
import { useState } from 'react'

import { OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import { formatMoney } from '@/domain/money'

import { useStoreMoney } from './storeMoney'

const TAKES_PAYMENT = new Set<string>(OPEN_INVOICE_STATUSES)
const METHODS = [
  ['cash', 'Cash'],
  ['upi', 'UPI'],
  ['card', 'Card'],
  ['bank_transfer', 'Bank transfer'],
  ['cheque', 'Cheque'],
] as const

/**
 * The invoice's ledger actions in the admin's sidebar (issue 13): what its state allows —
 * post a draft, mark paid (a payment of exactly the amount due), void (owners) — through the
 * same endpoints as the app, and links back to it. A posted invoice's money fields are locked.
 */
export function InvoiceAdminActions() {
  const { id, data } = useDocumentInfo()
  const { user } = useAuth<{ role?: string }>()
  const store = useFormFields(([fields]) => fields.store?.value)
  const { currency, locale } = useStoreMoney(store)
  const [method, setMethod] = useState('cash')
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id || !data) return null
  const status = String(data.status ?? 'draft')
  const amountDue = Number(data.amountDue ?? 0)
  const owner = user?.role === 'owner' || user?.role === 'admin'

  async function run(path: string, body: Record<string, unknown>) {
    setBusy(true)
    setMessage(null)
    const response = await fetch(`/api/invoices/${id}/${path}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': globalThis.crypto.randomUUID() },
      body: JSON.stringify(body),
    })
    const answer = await response.json().catch(() => null)
    setBusy(false)
    if (!response.ok) return setMessage(answer?.errors?.[0]?.message ?? `Refused (${response.status})`)
    // The form shows the document as the ledger now has it.
    window.location.reload()
  }

  return (
    <div className="ledger-actions" data-testid="invoice-admin-actions">
      <p className="ledger-actions__state">
        {status === 'draft' ? (
          'Draft: not owed until posted.'
        ) : (
          <>
            <strong>{String(data.number ?? '')}</strong> · {status}
            {TAKES_PAYMENT.has(status) ? ` · due ${formatMoney(amountDue, currency, locale)}` : ''}
          </>
        )}
      </p>
      {status !== 'draft' && <p className="ledger-actions__hint">Posted: customer, items, prices and dates are locked. To change them, void it and issue a new one.</p>}
      {status === 'draft' && (
        <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy} onClick={() => void run('post', {})}>
          Post invoice
        </button>
      )}
      {TAKES_PAYMENT.has(status) && amountDue > 0 && (
        <div className="ledger-actions__row">
          <select aria-label="Mark paid method" value={method} onChange={(event) => setMethod(event.target.value)}>
            {METHODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--style-primary btn--size-small" disabled={busy} onClick={() => void run('mark-paid', { method })}>
            Mark paid ({formatMoney(amountDue, currency, locale)})
          </button>
        </div>
      )}
      {owner && status !== 'draft' && status !== 'void' && (
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          disabled={busy}
          onClick={() => {
            const reason = window.prompt('Why is this invoice void? The reason stays on it.')
            if (reason?.trim()) void run('void', { reason: reason.trim() })
          }}
        >
          Void…
        </button>
      )}
      {message && (
        <p className="ledger-actions__error" role="alert">
          {message}
        </p>
      )}
      <p className="ledger-actions__links">
        {status !== 'draft' && <Link href={`/receipts/${id}`}>Receipt</Link>}
        {owner && <Link href={`/invoices/${id}`}>Open in Tally</Link>}
      </p>
    </div>
  )
}
