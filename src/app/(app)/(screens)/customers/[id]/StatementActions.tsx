'use client'

import { useState } from 'react'

import { EmailButton } from '@/components/documents/EmailButton'
import { ShareButtons } from '@/components/documents/ShareButtons'

/** The statement for a period: PDF, share (the link shows the statement to date), email. */
export function StatementActions({
  customer,
  shareMessage,
  emailOn,
  canEmail,
}: {
  customer: { id: number; phone: string | null; email: string | null }
  shareMessage: string
  emailOn: boolean
  canEmail: boolean
}) {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) }
  const query = new URLSearchParams(range).toString()
  return (
    <div className="row" data-testid="statement-actions">
      <strong>Statement</strong>
      <label className="field field--inline">
        <span>From</span>
        <input type="date" aria-label="Statement from" value={from} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label className="field field--inline">
        <span>To</span>
        <input type="date" aria-label="Statement to" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <a className="button" href={`/api/customers/${customer.id}/statement.pdf${query ? `?${query}` : ''}`} target="_blank" rel="noreferrer">
        Statement PDF
      </a>
      <ShareButtons document="statement" id={customer.id} phone={customer.phone} message={shareMessage} />
      {canEmail && <EmailButton path={`/api/customers/${customer.id}/statement/email`} emailOn={emailOn} customerEmail={customer.email} body={range} />}
    </div>
  )
}
