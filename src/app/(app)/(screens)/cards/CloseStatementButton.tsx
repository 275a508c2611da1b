'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'

/** Closes a statement (the next period opens by itself); asks once before doing it. */
export function CloseStatementButton({ id, label }: { id: number; label: string }) {
  const router = useRouter()
  const intent = useRef(newIdempotencyKey())
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          if (!window.confirm(`Close ${label}? Charges dated in it will no longer be accepted.`)) return
          setBusy(true)
          const result = await api(`/api/credit-card-invoices/${id}/close`, { body: {}, idempotencyKey: intent.current })
          setBusy(false)
          if (!result.ok && result.status !== 409) return setError(result.message)
          router.refresh()
        }}
      >
        Close
      </button>
      {error && <span className="field__error">{error}</span>}
    </>
  )
}
