import type { Metadata } from 'next'
import Link from 'next/link'

import { hasRole, type AccessUser } from '@/access/roles'
import { Money } from '@/components/Money'
import { StorePicker } from '@/components/StorePicker'
import { storeDates } from '@/components/storeDates'
import { todayIn } from '@/domain/dates'
import { countOf } from '@/domain/plural'
import { ownerReport } from '@/server/ownerReport'
import { openScreen } from '@/server/screen'
import { collectionList, collectionSummary } from '@/services/collections'

import { CollectionActions } from './CollectionActions'

export const metadata: Metadata = { title: 'Collections' }

const CHANNEL_LABELS: Record<string, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', manual: 'WhatsApp (by hand)' }
const CONTACT_LABELS: Record<string, string> = {
  call: 'Call',
  note: 'Note',
  whatsapp: 'WhatsApp',
  email: 'Email',
  sms: 'SMS',
  promise: 'Promise',
  snooze: 'Snoozed',
  dispute: 'Disputed',
  resolve: 'Dispute resolved',
}

/**
 * SPEC §11 — the owner's morning list: who owes, oldest overdue first, with what is overdue and
 * for how long, the last contact, the promise and the next reminder, and one-click actions
 * (each confirmed in a dialog). Cashiers see the list read-only.
 */
export default async function CollectionsPage({ searchParams }: { searchParams: Promise<{ store?: string }> }) {
  const params = await searchParams
  const screen = await openScreen('/collections', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen
  const owner = hasRole(user as unknown as AccessUser, 'admin', 'owner')
  const { rows, summary } = await ownerReport(payload, user, store, async (db) => ({
    rows: await collectionList(db, store),
    summary: await collectionSummary(db, store),
  }))
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { instant, calendar } = storeDates(store)

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Collections</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <div className="stats" data-testid="collections-stats">
        <div className="stat">
          <div className="stat__label">Overdue · {countOf(rows.filter((row) => row.overdue > 0).length, 'customer')}</div>
          <div className={`stat__value ${summary.overdueTotal > 0 ? 'stat__value--owed' : ''}`} data-testid="collections-overdue">
            {money(summary.overdueTotal)}
          </div>
          <div className="muted hint">{countOf(summary.customersOwing, 'customer')} owing</div>
        </div>
        <div className="stat">
          <div className="stat__label">Collected this month</div>
          <div className="stat__value" data-testid="collections-collected">
            {money(summary.collected)}
          </div>
          <div className="muted hint">of {money(summary.fellDue)} that fell due this month</div>
        </div>
        <div className="stat">
          <div className="stat__label">DSO</div>
          <div className="stat__value" data-testid="collections-dso">
            {summary.dso === null ? '–' : `${summary.dso} days`}
          </div>
          <div className="muted hint">days of sales owed (last 90 days)</div>
        </div>
      </div>

      <div className="panel">
        <h2>Who owes, oldest overdue first</h2>
        {!owner && <p className="muted hint">Read-only: the owner records calls and promises and sends reminders here.</p>}
        <div className="table-wrap">
          <table className="table" data-testid="collections">
            <thead>
              <tr>
                <th>Customer</th>
                <th className="num">Overdue</th>
                <th className="num">Days</th>
                <th className="num">Owes</th>
                <th>Last contact</th>
                <th>Promise</th>
                <th>Next reminder</th>
                <th>Last reminder</th>
                {owner && <th aria-label="Actions" />}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.customer.id} data-testid={`collections-${row.customer.id}`}>
                  <td>
                    <Link href={`/customers/${row.customer.id}`}>{row.customer.name}</Link>
                    <div className="muted hint">{row.customer.phone}</div>
                    {row.disputed && <span className="chip chip--overdue">disputed</span>}
                    {row.remindersOff && <span className="chip chip--draft">no reminders</span>}
                    {row.snoozedUntil && <span className="chip chip--draft">snoozed to {calendar(row.snoozedUntil)}</span>}
                  </td>
                  <td className="num">{row.overdue > 0 ? money(row.overdue, true) : '–'}</td>
                  <td className="num" data-testid="days-overdue">
                    {row.daysOverdue > 0 ? row.daysOverdue : '–'}
                  </td>
                  <td className="num">
                    {money(row.pendingBalance, true)}
                    {row.held > 0 && (
                      <div className="muted hint">
                        holds {money(row.held)} · net {money(row.net)}
                      </div>
                    )}
                  </td>
                  <td>
                    {row.lastContact ? (
                      <>
                        {CONTACT_LABELS[row.lastContact.kind] ?? row.lastContact.kind} · {instant(row.lastContact.at)}
                        {row.lastContact.note && <div className="muted hint">{row.lastContact.note}</div>}
                      </>
                    ) : (
                      <span className="muted">never</span>
                    )}
                  </td>
                  <td data-testid="promise">
                    {row.promise ? (
                      <>
                        {money(row.promise.amount)} by {calendar(row.promise.date)}{' '}
                        <span className={`chip chip--${row.promise.status === 'kept' ? 'paid' : row.promise.status === 'broken' ? 'overdue' : 'open'}`}>{row.promise.status}</span>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td data-testid="next-reminder">{row.nextReminder ? `${calendar(row.nextReminder.sendOn)} · ${CHANNEL_LABELS[row.nextReminder.channel]}` : '–'}</td>
                  <td data-testid="last-reminder">
                    {row.lastReminder ? (
                      <>
                        {CHANNEL_LABELS[row.lastReminder.channel]} · {row.lastReminder.status}
                        {row.lastReminder.sentAt && <> · {instant(row.lastReminder.sentAt)}</>}
                        {row.lastReminder.status === 'failed' && row.lastReminder.reason && <div className="muted hint">{row.lastReminder.reason}</div>}
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  {owner && (
                    <td>
                      <CollectionActions store={store} row={row} today={todayIn(store.timezone)} />
                    </td>
                  )}
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={owner ? 9 : 8} className="muted">
                    Nobody owes anything. Nothing to collect.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="muted hint">Reminders go out by themselves from the store’s ladder (Admin → Reminder rules), at most once each; manual steps wait here for WhatsApp.</p>
      </div>
    </section>
  )
}
