import type { Metadata } from 'next'
import Link from 'next/link'

import { Money } from '@/components/Money'
import { screenHref } from '@/components/screenHref'
import { StatusChip } from '@/components/StatusChip'
import { StorePicker } from '@/components/StorePicker'
import { dayOnly } from '@/domain/dates'
import { countOf } from '@/domain/plural'
import { openScreen } from '@/server/screen'

import { NewTimesheet } from './NewTimesheet'
import { monthOf, timesheetWhere, type TimesheetParams } from './timesheetFilter'

export const metadata: Metadata = { title: 'Timesheets' }

const relation = <T extends { id: number }>(value: number | T | null | undefined): T | null => (value && typeof value === 'object' ? value : null)

/** A rental business's timesheets (issue 13): by month and asset, and a new one with its amount computed. */
export default async function TimesheetsPage({ searchParams }: { searchParams: Promise<TimesheetParams> }) {
  const params = await searchParams
  const screen = await openScreen('/timesheets', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store, words } = screen
  const range = monthOf(store.timezone, params.month)
  const assetId = Number(params.asset) || undefined
  const assets = await payload.find({ collection: 'assets', where: { store: { equals: store.id } }, sort: 'name', limit: 200, depth: 0, user, overrideAccess: false })
  const list = await payload.find({
    collection: 'invoices',
    where: timesheetWhere(store.id, range, assetId),
    sort: ['periodStart', 'id'],
    limit: 500,
    depth: 1,
    populate: { customers: { name: true }, assets: { name: true, registration: true } },
    user,
    overrideAccess: false,
  })
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const day = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(store.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${dayOnly(iso)}T12:00:00Z`)) : '…'
  const monthName = new Intl.DateTimeFormat(store.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${range.first}T12:00:00Z`))
  const query = { store: String(store.id), month: range.month, asset: assetId ? String(assetId) : undefined }
  const sum = (pick: (doc: (typeof list.docs)[number]) => number) => list.docs.reduce((total, doc) => total + pick(doc), 0)
  const hours = list.docs.reduce((total, doc) => total + Number(doc.hours ?? 0), 0)

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Timesheets</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <NewTimesheet
        store={store}
        assets={assets.docs.map((asset) => ({ id: asset.id, name: asset.name, registration: asset.registration ?? null, rate: asset.rate }))}
        initialCustomerId={Number(params.customer) || null}
        clientWord={words.customer}
      />

      <div className="panel">
        <div className="panel__head">
          <h2>
            {monthName}
            {assetId ? ` · ${assets.docs.find((asset) => asset.id === assetId)?.name ?? ''}` : ''}
          </h2>
          <nav className="row" aria-label="Month">
            <Link className="button" href={screenHref('/timesheets', query, { month: range.previous })}>
              ‹ Previous month
            </Link>
            <Link className="button" href={screenHref('/timesheets', query, { month: range.next })}>
              Next month ›
            </Link>
          </nav>
        </div>
        <form className="toolbar" action="/timesheets" aria-label="Filter timesheets">
          <input type="hidden" name="store" value={store.id} />
          <label className="field">
            <span>Month</span>
            <input type="month" name="month" defaultValue={range.month} aria-label="Month" />
          </label>
          <label className="field">
            <span>Asset</span>
            <select name="asset" defaultValue={assetId ? String(assetId) : ''} aria-label="Asset filter">
              <option value="">All assets</option>
              {assets.docs.map((asset) => (
                <option key={asset.id} value={asset.id}>
                  {asset.name}
                </option>
              ))}
            </select>
          </label>
          <button className="button" type="submit">
            Show
          </button>
        </form>
        <div className="table-wrap">
          <table className="table" data-testid="timesheets-table">
            <thead>
              <tr>
                <th>Number</th>
                <th>{words.customer === 'client' ? 'Client' : 'Customer'}</th>
                <th>Asset</th>
                <th>Period</th>
                <th className="num">Hours</th>
                <th className="num">Rate / h</th>
                <th className="num">Amount</th>
                <th className="num">Due</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {list.docs.map((sheet) => {
                const customer = relation(sheet.customer)
                const asset = relation(sheet.asset)
                return (
                  <tr key={sheet.id} data-testid={`timesheet-${sheet.id}`}>
                    <td className="nowrap">
                      <Link href={`/invoices/${sheet.id}`}>{sheet.number ?? `Draft #${sheet.id}`}</Link>
                    </td>
                    <td>{customer ? <Link href={`/customers/${customer.id}`}>{customer.name}</Link> : <span className="dash">–</span>}</td>
                    <td>{asset ? asset.name : <span className="dash">–</span>}</td>
                    <td className="nowrap">
                      {day(sheet.periodStart)} – {sheet.periodEnd ? day(sheet.periodEnd) : 'ongoing'}
                    </td>
                    <td className="num">{sheet.hours != null ? Number(sheet.hours).toLocaleString(store.locale) : <span className="dash">–</span>}</td>
                    <td className="num">{sheet.rate != null ? money(sheet.rate) : <span className="dash">–</span>}</td>
                    <td className="num">{money(sheet.total ?? 0)}</td>
                    <td className="num">{(sheet.amountDue ?? 0) > 0 ? money(sheet.amountDue ?? 0, true) : <span className="dash">–</span>}</td>
                    <td>
                      <StatusChip status={sheet.status} />
                    </td>
                  </tr>
                )
              })}
              {list.docs.length === 0 && (
                <tr>
                  <td colSpan={9} className="muted">
                    No timesheets in {monthName}.
                  </td>
                </tr>
              )}
            </tbody>
            {list.docs.length > 0 && (
              <tfoot>
                <tr>
                  <th colSpan={4}>{countOf(list.docs.length, 'timesheet', 'timesheets', store.locale)}</th>
                  <td className="num">{hours.toLocaleString(store.locale)}</td>
                  <td />
                  <td className="num">{money(sum((doc) => doc.total ?? 0))}</td>
                  <td className="num">
                    {money(
                      sum((doc) => doc.amountDue ?? 0),
                      true,
                    )}
                  </td>
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      </div>
    </section>
  )
}
