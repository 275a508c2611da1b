'use client'

import { useEffect, useState } from 'react'

import { api } from '@/components/apiClient'
import { storeDates } from '@/components/storeDates'
import { formatMoney } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'
import type { PromiseView } from '@/services/promises'

interface LastReminder {
  channel: string
  status: string
  sentAt?: string | null
  updatedAt: string
}

const CHANNELS: Record<string, string> = { email: 'email', sms: 'SMS', whatsapp: 'WhatsApp', manual: 'WhatsApp' }

/**
 * SPEC §11 at the counter: inside the yellow pending alert, the customer's latest promise to
 * pay and the last reminder sent, so the cashier can mention them.
 */
export function CollectionNote({ store, customerId }: { store: StoreSummary; customerId: number }) {
  const [promise, setPromise] = useState<PromiseView | null>(null)
  const [reminder, setReminder] = useState<LastReminder | null>(null)
  useEffect(() => {
    let live = true
    void (async () => {
      const [promises, reminders] = await Promise.all([
        api<{ promises: PromiseView[] }>(`/api/customers/${customerId}/promises`),
        api<{ docs: LastReminder[] }>(`/api/reminders?where[customer][equals]=${customerId}&where[status][in]=sent,failed&sort=-updatedAt&limit=1&depth=0`),
      ])
      if (!live) return
      setPromise(promises.ok ? (promises.body.promises[0] ?? null) : null)
      setReminder(reminders.ok ? (reminders.body.docs[0] ?? null) : null)
    })()
    return () => {
      live = false
    }
  }, [customerId])
  if (!promise && !reminder) return null
  const { instant, calendar } = storeDates(store)
  return (
    <div className="muted hint" data-testid="collection-note">
      {promise && (
        <div>
          Promised {formatMoney(promise.amount, store.currency, store.locale)} by {calendar(promise.date)} — {promise.status}
          {promise.status === 'open' && promise.paid > 0 ? ` (${formatMoney(promise.paid, store.currency, store.locale)} paid)` : ''}
        </div>
      )}
      {reminder && (
        <div>
          Last reminder: {CHANNELS[reminder.channel] ?? reminder.channel} {reminder.status === 'sent' ? `sent ${instant(reminder.sentAt ?? reminder.updatedAt)}` : 'failed'}
        </div>
      )}
    </div>
  )
}
