'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState } from 'react'

import { api } from '@/components/apiClient'
import { FormDialog } from '@/components/FormDialog'
import { useToast } from '@/components/Toasts'
import { formatMoney } from '@/domain/money'
import type { StoreSummary } from '@/server/stores'
import type { CollectionRow } from '@/services/collections'

/** The one-click actions of a row of the collections list; each asks for confirmation first. */
export function CollectionActions({ store, row, today }: { store: StoreSummary; row: CollectionRow; today: string }) {
  const name = row.customer.name
  const base = `/api/customers/${row.customer.id}`
  const common = { currency: store.currency, locale: store.locale, buttonClass: 'button button--ghost' }
  return (
    <div className="row" data-testid="collection-actions">
      <WhatsAppReminder store={store} row={row} today={today} />
      <FormDialog
        {...common}
        title={`Record a call with ${name}`}
        buttonLabel="Call"
        submitLabel="Record call"
        endpoint={`${base}/contacts`}
        extra={{ kind: 'call' }}
        fields={[{ name: 'note', label: 'What was said', kind: 'text', required: true }]}
        confirm={{ text: `Call with ${name} recorded` }}
      />
      <FormDialog
        {...common}
        title={`Promise to pay from ${name}`}
        buttonLabel="Promise"
        submitLabel="Record promise"
        endpoint={`${base}/promises`}
        fields={[
          { name: 'amount', label: 'Amount promised', kind: 'money', required: true, initial: String(row.net > 0 ? row.net / 100 : row.pendingBalance / 100) },
          { name: 'date', label: 'Will pay by', kind: 'date', required: true },
          { name: 'note', label: 'Note', kind: 'text' },
        ]}
        confirm={{ text: `Promise of {amount} from ${name} recorded` }}
      />
      {row.customer.email && (
        <FormDialog
          {...common}
          title={`Email a reminder to ${name} (${row.customer.email})?`}
          buttonLabel="Email"
          submitLabel="Send email"
          endpoint={`${base}/remind`}
          extra={{ channel: 'email' }}
          fields={[]}
          confirm={{ text: `Reminder emailed to ${name}` }}
        />
      )}
      <FormDialog
        {...common}
        title={`Send an SMS reminder to ${name} (${row.customer.phone})?`}
        buttonLabel="SMS"
        submitLabel="Send SMS"
        endpoint={`${base}/remind`}
        extra={{ channel: 'sms' }}
        fields={[]}
        confirm={{ text: `SMS reminder to ${name} handed to the provider` }}
      />
      <FormDialog
        {...common}
        title={`Snooze reminders to ${name}`}
        buttonLabel="Snooze"
        submitLabel="Snooze"
        endpoint={`${base}/contacts`}
        extra={{ kind: 'snooze' }}
        fields={[
          { name: 'until', label: 'Until', kind: 'date', required: true },
          { name: 'note', label: 'Why', kind: 'text' },
        ]}
        confirm={{ text: `Reminders to ${name} snoozed` }}
      />
      {row.disputed ? (
        <FormDialog
          {...common}
          title={`Mark the dispute with ${name} resolved? Reminders start again.`}
          buttonLabel="Resolve"
          submitLabel="Resolve dispute"
          endpoint={`${base}/contacts`}
          extra={{ kind: 'resolve' }}
          fields={[{ name: 'note', label: 'How it was settled', kind: 'text' }]}
          confirm={{ text: `Dispute with ${name} resolved` }}
        />
      ) : (
        <FormDialog
          {...common}
          title={`Mark ${name}'s dues disputed? Reminders wait until it is resolved.`}
          buttonLabel="Dispute"
          submitLabel="Mark disputed"
          endpoint={`${base}/contacts`}
          extra={{ kind: 'dispute' }}
          fields={[{ name: 'note', label: 'What is disputed', kind: 'text', required: true }]}
          confirm={{ text: `${name}'s dues marked disputed` }}
        />
      )}
    </div>
  )
}

/**
 * "WhatsApp": shows the message (the amount and a statement link), opens wa.me with it once
 * confirmed, and records the share — as the due manual reminder when there is one, else as a
 * contact.
 */
function WhatsAppReminder({ store, row, today }: { store: StoreSummary; row: CollectionRow; today: string }) {
  const router = useRouter()
  const toast = useToast()
  const dialog = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const owed = formatMoney(row.net > 0 ? row.net : row.pendingBalance, store.currency, store.locale)
  const manual = row.nextReminder?.channel === 'manual' && row.nextReminder.sendOn <= today ? row.nextReminder : null

  async function open() {
    setError(null)
    setText('')
    dialog.current?.showModal()
    const link = await api('/api/share-links', { body: { document: 'statement', id: row.customer.id } })
    if (!link.ok) return setError(link.message)
    setText(`Hello ${row.customer.name}, ${owed} is due at ${store.name}. Your statement: ${link.body.url}`)
  }

  async function share() {
    setBusy(true)
    window.open(`https://wa.me/${row.customer.phone.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`, '_blank', 'noopener')
    const recorded = manual
      ? await api(`/api/reminders/${manual.id}/sent`, { body: {} })
      : await api(`/api/customers/${row.customer.id}/contacts`, { body: { kind: 'whatsapp', note: 'Reminder shared on WhatsApp' } })
    setBusy(false)
    if (!recorded.ok) return setError(recorded.message)
    toast({ text: `WhatsApp reminder to ${row.customer.name} recorded`, reference: null, receipt: null })
    dialog.current?.close()
    router.refresh()
  }

  return (
    <>
      <button type="button" className="button button--primary" onClick={() => void open()}>
        WhatsApp{manual ? ' (due)' : ''}
      </button>
      <dialog ref={dialog} aria-label={`WhatsApp reminder to ${row.customer.name}`} className="dialog--wide">
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            void share()
          }}
        >
          <h2>Share a reminder with {row.customer.name} on WhatsApp?</h2>
          {!text && !error && <p className="muted">Making a statement link…</p>}
          {text && (
            <p className="panel" data-testid="whatsapp-text" style={{ overflowWrap: 'anywhere' }}>
              {text}
            </p>
          )}
          {error && (
            <p className="form__error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="button button--primary" disabled={busy || !text}>
              Open WhatsApp and record
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
