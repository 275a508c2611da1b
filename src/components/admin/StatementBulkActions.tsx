'use client'

import { useSelection } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

/**
 * Bulk actions above the card statements list in /admin: close the selected statements (each
 * through POST /api/credit-card-invoices/:id/close, so the next period opens; asks first, and
 * reports each refusal, e.g. a period that has not started) or recalculate their figures.
 */
export function StatementBulkActions() {
  const { getSelectedIds, count } = useSelection()
  const router = useRouter()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function run(kind: 'close' | 'recalculate') {
    const ids = getSelectedIds()
    if (ids.length === 0) return setMessage('Select statements first.')
    // Closing is final for the period's charges: say what happens before doing it.
    if (
      kind === 'close' &&
      !window.confirm(
        `Close ${ids.length} statement${ids.length === 1 ? '' : 's'}? Charges dated in ${ids.length === 1 ? 'it' : 'them'} will no longer be accepted. ` +
          'A period still running ends yesterday and its rest opens as the next statement; a period that has not started is not closed.',
      )
    ) {
      return
    }
    setBusy(true)
    let done = 0
    const failures: string[] = []
    if (kind === 'recalculate') {
      const response = await fetch('/api/credit-card-invoices/recalculate', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ids }),
      })
      const body = await response.json().catch(() => ({}))
      if (response.ok) done = body.recalculated ?? ids.length
      else failures.push(body?.errors?.[0]?.message ?? `HTTP ${response.status}`)
    } else {
      for (const id of ids) {
        const response = await fetch(`/api/credit-card-invoices/${id}/close`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
        if (response.ok) done += 1
        else failures.push(`#${id}: ${((await response.json().catch(() => ({}))) as { errors?: { message: string }[] }).errors?.[0]?.message ?? response.status}`)
      }
    }
    setBusy(false)
    setMessage(`${kind === 'close' ? 'Closed' : 'Recalculated'} ${done} of ${ids.length}.${failures.length ? ` ${failures.join('; ')}` : ''}`)
    router.refresh()
  }

  return (
    <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'center', margin: '0 0 1rem' }}>
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={busy || count === 0} onClick={() => void run('close')}>
        Close selected
      </button>
      <button type="button" className="btn btn--style-secondary btn--size-small" disabled={busy || count === 0} onClick={() => void run('recalculate')}>
        Recalculate
      </button>
      {message && <span role="status">{message}</span>}
    </div>
  )
}
