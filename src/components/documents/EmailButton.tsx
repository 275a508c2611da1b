'use client'

import { useState } from 'react'

import { api } from '@/components/apiClient'

/**
 * Emails a statement or invoice PDF to the customer (owners; SPEC §10). With no SMTP_URL on
 * the server email is off, and the button says so instead of failing.
 */
export function EmailButton({ path, emailOn, customerEmail, body }: { path: string; emailOn: boolean; customerEmail: string | null; body?: Record<string, unknown> }) {
  const [open, setOpen] = useState(false)
  const [email, setEmail] = useState(customerEmail ?? '')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  if (!emailOn) {
    return (
      <button type="button" className="button" disabled title="Set SMTP_URL on the server to send email" data-testid="email-off">
        Email (off: no SMTP_URL)
      </button>
    )
  }

  async function send() {
    setBusy(true)
    setError(null)
    const result = await api<{ to: string }>(path, { body: { ...body, ...(email.trim() ? { email: email.trim() } : {}) } })
    setBusy(false)
    if (!result.ok) return setError(result.fieldErrors.email ?? result.message)
    setMessage(`Sent to ${result.body.to}`)
    setOpen(false)
  }

  return (
    <span className="share">
      {open ? (
        <>
          <input aria-label="Email to" type="email" value={email} placeholder="customer@example.com" onChange={(event) => setEmail(event.target.value)} />
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void send()}>
            {busy ? 'Sending…' : 'Send PDF'}
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Email PDF
        </button>
      )}
      {message && (
        <span className="muted hint" role="status">
          {message}
        </span>
      )}
      {error && (
        <span className="form__error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
