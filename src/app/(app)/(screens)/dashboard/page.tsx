import type { Metadata } from 'next'
import Link from 'next/link'

import { Money } from '@/components/Money'
import { ownerReport } from '@/server/ownerReport'
import { StorePicker } from '@/components/StorePicker'
import { AGING_BUCKETS } from '@/domain/aging'
import { RuleError } from '@/domain/errors'
import { openScreen } from '@/server/screen'
import { agingReport } from '@/services/reports/aging'
import { collectionSummary } from '@/services/collections'
import { dashboardReport, topOwing } from '@/services/reports/dashboard'
import { reportPeriod } from '@/services/reports/period'

import { AGING_LABELS } from './agingLabels'
import { CashFlowChart } from './CashFlowChart'

export const metadata: Metadata = { title: 'Dashboard' }

interface Params {
  store?: string
  from?: string
  to?: string
}

/** A period the reports accept, or the default (last 12 months) with the reason it was refused. */
function periodOf(timezone: string, params: Params): { from: string; to: string; error: string | null } {
  try {
    return { ...reportPeriod(timezone, params.from || undefined, params.to || undefined), error: null }
  } catch (error) {
    if (error instanceof RuleError) return { ...reportPeriod(timezone), error: error.message }
    throw error
  }
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams
  const screen = await openScreen('/dashboard', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const period = periodOf(store.timezone, params)
  const { report, top, aging, collections } = await ownerReport(payload, user, store, async (db, ref) => ({
    collections: await collectionSummary(db, ref),
    report: await dashboardReport(db, ref, period.from, period.to),
    top: await topOwing(db, ref.id),
    aging: await agingReport(db, ref, { limit: 0, page: 1 }),
  }))
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const largestBucket = Math.max(1, ...AGING_BUCKETS.map((bucket) => aging.buckets[bucket]))

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Dashboard</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <form className="toolbar" action="/dashboard" aria-label="Period">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>From</span>
          <input type="date" name="from" defaultValue={period.from} aria-label="From" />
        </label>
        <label className="field">
          <span>To</span>
          <input type="date" name="to" defaultValue={period.to} aria-label="To" />
        </label>
        <button className="button" type="submit">
          Apply
        </button>
        <Link className="button button--ghost" href={`/dashboard?store=${store.id}`}>
          Last 12 months
        </Link>
        {period.error && (
          <p className="form__error" role="alert">
            {period.error} — showing the last 12 months.
          </p>
        )}
      </form>

      <div className="stats" data-testid="dashboard-stats">
        <div className="stat">
          <div className="stat__label">Revenue</div>
          <div className="stat__value" data-testid="dashboard-revenue">
            {money(report.revenue)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Expenses</div>
          <div className="stat__value" data-testid="dashboard-expenses">
            {money(report.expenses)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Profit</div>
          <div className={`stat__value ${report.profit < 0 ? 'stat__value--owed' : ''}`} data-testid="dashboard-profit">
            {money(report.profit)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Outstanding</div>
          <div className="stat__value stat__value--owed" data-testid="dashboard-outstanding">
            {money(report.outstanding)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Advances held</div>
          <div className="stat__value" data-testid="dashboard-advances">
            {money(report.advancesHeld)}
          </div>
        </div>
        <Link className="stat stat--link" href={`/collections?store=${store.id}`} data-testid="dashboard-collected">
          <div className="stat__label">Collected this month</div>
          <div className="stat__value">{money(collections.collected)}</div>
          <div className="muted hint">
            of {money(collections.fellDue)} that fell due · DSO {collections.dso === null ? '–' : `${collections.dso} days`}
          </div>
        </Link>
        <div className="stat">
          <div className="stat__label">Customers owing</div>
          <div className="stat__value" data-testid="dashboard-owing">
            {report.customersOwing.toLocaleString(store.locale)}
          </div>
        </div>
      </div>
      <div className="stats" data-testid="dashboard-after-sale">
        <div className="stat">
          <div className="stat__label">Deposits refunded</div>
          <div className="stat__value" data-testid="dashboard-refunds">
            {money(report.refunds)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Bad debt written off</div>
          <div className="stat__value" data-testid="dashboard-bad-debt">
            {money(report.badDebt)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Deposits forfeited</div>
          <div className="stat__value" data-testid="dashboard-forfeited">
            {money(report.forfeitedDeposits)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Credit notes</div>
          <div className="stat__value" data-testid="dashboard-credit-notes">
            {money(report.creditNotes)}
          </div>
        </div>
      </div>
      <p className="muted hint">
        Revenue, expenses and profit for {report.from} – {report.to} (money received net of deposit refunds, minus expenses). Bad debt, forfeited deposits and credit notes move no
        money and are shown on their own: they are not in revenue or profit. Outstanding and advances are as of today.
      </p>

      <div className="panel">
        <h2>Cash flow by month</h2>
        <CashFlowChart data={report.cashFlow} currency={store.currency} locale={store.locale} />
        <details>
          <summary>Show as a table</summary>
          <div className="table-wrap">
            <table className="table" data-testid="cash-flow-table">
              <thead>
                <tr>
                  <th>Month</th>
                  <th className="num">Income</th>
                  <th className="num">Expenses</th>
                  <th className="num">Net</th>
                </tr>
              </thead>
              <tbody>
                {report.cashFlow.map((month) => (
                  <tr key={month.month}>
                    <td>{month.month}</td>
                    <td className="num">{money(month.income)}</td>
                    <td className="num">{money(month.expense)}</td>
                    <td className="num">{money(month.net)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </div>

      <div className="two-col">
        <div className="panel">
          <div className="panel__head">
            <h2>Aging of receivables</h2>
            <a className="button" href={`/dashboard/aging-export?store=${store.id}`} download>
              Export CSV
            </a>
          </div>
          <ul className="bars" data-testid="aging">
            {AGING_BUCKETS.map((bucket) => (
              <li key={bucket} className="bars__row">
                <span className="bars__label">{AGING_LABELS[bucket]}</span>
                <span className="bars__track" aria-hidden="true">
                  {aging.buckets[bucket] > 0 && (
                    <span
                      className={`bars__fill ${bucket === 'current' ? '' : 'bars__fill--late'}`}
                      style={{ width: `max(4px, ${(aging.buckets[bucket] * 100) / largestBucket}%)` }}
                    />
                  )}
                </span>
                <span className="bars__value num" data-testid={`aging-${bucket}`}>
                  {money(aging.buckets[bucket])}
                </span>
              </li>
            ))}
            <li className="bars__row bars__row--total">
              <span className="bars__label">Total</span>
              <span />
              <span className="bars__value num">{money(aging.total, true)}</span>
            </li>
          </ul>
        </div>

        <div className="panel">
          <h2>Top customers owing</h2>
          <table className="table" data-testid="top-owing">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Phone</th>
                <th className="num">Pending</th>
                <th className="num">Held</th>
              </tr>
            </thead>
            <tbody>
              {top.map((customer) => (
                <tr key={customer.id}>
                  <td>
                    <Link href={`/customers/${customer.id}`}>{customer.name}</Link>
                  </td>
                  <td>{customer.phone}</td>
                  <td className="num">{money(customer.pendingBalance, true)}</td>
                  <td className="num">
                    {customer.held > 0 ? money(customer.held) : '–'}
                    {customer.held >= customer.pendingBalance && <div className="hint muted">covers it: apply, do not chase</div>}
                  </td>
                </tr>
              ))}
              {top.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    Nobody owes anything.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  )
}
