'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, useTransition } from 'react'

import { api, newIdempotencyKey } from '@/components/apiClient'
import { useToast } from '@/components/Toasts'
import { addDays } from '@/domain/billingPeriods'

/**
 * Closes a statement (the next period opens by itself), after saying what will happen:
 * closing before the end date ends the statement yesterday and keeps today's charges for the
 * next one; a period that has not started cannot be closed (the server refuses it too).
 */
export function CloseStatementButton({ id, label, startDate, endDate, today }: { id: number; label: string; startDate: string; endDate: string; today: string }) {
  const router = useRouter()
  const toast = useToast()
  const intent = useRef(newIdempotencyKey())
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [, startRefresh] = useTransition()
  const notStarted = today < startDate
  const early = !notStarted && today <= endDate
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy || notStarted}
        title={notStarted ? `This period starts on ${startDate}` : undefined}
        onClick={async () => {
          const question = early
            ? `Close ${label} early? It will end yesterday (${addDays(today, -1)}); charges from today (${today}) go to the next statement, which runs to ${endDate}.`
            : `Close ${label}? Charges dated in it will no longer be accepted.`
          if (!window.confirm(question)) return
          setBusy(true)
          const result = await api<{ closed: { label: string }; next: { label: string } }>(`/api/credit-card-invoices/${id}/close`, { body: {}, idempotencyKey: intent.current })
          setBusy(false)
          if (!result.ok && result.status !== 409) return setError(result.message)
          if (result.ok) toast({ text: `Closed ${result.body.closed.label}; ${result.body.next.label} is open` })
          startRefresh(() => router.refresh())
        }}
      >
        {notStarted ? 'Not started' : 'Close'}
      </button>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}
