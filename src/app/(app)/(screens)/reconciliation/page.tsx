import type { Metadata } from 'next'
import Link from 'next/link'

import { Money } from '@/components/Money'
import { ownerReport } from '@/server/ownerReport'
import { methodLabel } from '@/components/paymentMethods'
import { StatusChip } from '@/components/StatusChip'
import { StorePicker } from '@/components/StorePicker'
import { RuleError } from '@/domain/errors'
import { openScreen } from '@/server/screen'
import { reportPeriod } from '@/services/reports/period'
import { reconciliationReport } from '@/services/reports/reconciliation'

import { BalanceChart } from './BalanceChart'
import { MatchButton } from './MatchButton'
import { storeDates } from '@/components/storeDates'

export const metadata: Metadata = { title: 'Reconciliation' }

interface Params {
  store?: string
  from?: string
  to?: string
}

/** What the reconciliation report returns for each document of an invoice group. */
interface GroupDoc {
  id: number
  number: string | null
  kind: string
  status: string
  issueDate: string | null
  dueDate: string | null
  total: number
  amountPaid: number
  amountDue: number
  customer: { id: number; name: string }
}

const GROUPS = [
  { key: 'overdue', title: 'Overdue', hint: 'past their due date with money still owed' },
  { key: 'unpaid', title: 'Unpaid', hint: 'posted, nothing received yet' },
  { key: 'partial', title: 'Partly paid', hint: 'some money received' },
  { key: 'paid', title: 'Paid', hint: 'settled in full' },
] as const

const MONTHS = 3 // the report's default period, as GET /api/reports/reconciliation

function periodOf(timezone: string, params: Params): { from: string; to: string; error: string | null } {
  try {
    return { ...reportPeriod(timezone, params.from || undefined, params.to || undefined, MONTHS), error: null }
  } catch (error) {
    if (error instanceof RuleError) return { ...reportPeriod(timezone, undefined, undefined, MONTHS), error: error.message }
    throw error
  }
}

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams
  const screen = await openScreen('/reconciliation', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const period = periodOf(store.timezone, params)
  const report = await ownerReport(payload, user, store, (db, ref) => reconciliationReport(db, ref, period.from, period.to))
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { instant: day, calendar: calendarDay } = storeDates(store)

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Reconciliation</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <div className="stats" data-testid="recon-stats">
        {GROUPS.map((group) => {
          const figures = report.invoices[group.key]
          return (
            <a key={group.key} className="stat stat--link" href={`#group-${group.key}`} data-testid={`recon-stat-${group.key}`}>
              <div className="stat__label">
                {group.title} · <span data-testid={`recon-count-${group.key}`}>{figures.count}</span>
              </div>
              <div className={`stat__value ${group.key === 'overdue' && figures.amountDue > 0 ? 'stat__value--owed' : ''}`}>
                {money(group.key === 'paid' ? figures.total : figures.amountDue)}
              </div>
              <div className="muted hint">{group.key === 'paid' ? 'billed and received' : <>due of {money(figures.total)} billed</>}</div>
            </a>
          )
        })}
        <a className="stat stat--link" href="#unmatched" data-testid="recon-stat-unmatched">
          <div className="stat__label">Unmatched payments · {report.unmatched.length}</div>
          <div className="stat__value">{money(report.unmatchedTotal)}</div>
          <div className="muted hint">received, not applied to an invoice</div>
        </a>
      </div>

      <div className="panel" id="unmatched">
        <h2>Unmatched payments</h2>
        <p className="muted hint">Money received from a customer and not applied to any invoice (nor held as an advance). Match it to the invoice it was meant for.</p>
        <div className="table-wrap">
          <table className="table" data-testid="unmatched">
            <thead>
              <tr>
                <th>Date</th>
                <th>Reference</th>
                <th>Method</th>
                <th>Customer</th>
                <th className="num">Amount</th>
                <th className="num">Applied</th>
                <th className="num">Unmatched</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {report.unmatched.map((row) => (
                <tr key={row.transaction} data-testid={`unmatched-${row.transaction}`}>
                  <td>{day(row.date)}</td>
                  <td>{String(row.reference ?? '–')}</td>
                  <td>{methodLabel(String(row.method))}</td>
                  <td>
                    <Link href={`/customers/${row.customer.id}`}>{row.customer.name}</Link>
                  </td>
                  <td className="num">{money(row.amount)}</td>
                  <td className="num">{money(row.allocated)}</td>
                  <td className="num">
                    <strong>{money(row.unmatched)}</strong>
                  </td>
                  <td>
                    <MatchButton
                      store={store}
                      payment={{ transaction: row.transaction, reference: row.reference ? String(row.reference) : null, customer: row.customer, unmatched: row.unmatched }}
                    />
                  </td>
                </tr>
              ))}
              {report.unmatched.length === 0 && (
                <tr>
                  <td colSpan={8} className="muted">
                    Every payment is applied. Nothing to match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>

      {GROUPS.map((group) => {
        const figures = report.invoices[group.key]
        const docs = figures.docs as GroupDoc[]
        return (
          <details key={group.key} className="panel group" id={`group-${group.key}`} data-testid={`recon-group-${group.key}`} open={group.key !== 'paid' || docs.length <= 10}>
            <summary>
              <h2>
                {group.title}{' '}
                <span className="muted">
                  · {figures.count} · {money(figures.total)} billed · {money(figures.amountPaid)} received · {money(figures.amountDue)} due
                </span>
              </h2>
              <span className="muted hint">{group.hint}</span>
            </summary>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Number</th>
                    <th>Customer</th>
                    <th>Issued</th>
                    <th>Due</th>
                    <th className="num">Total</th>
                    <th className="num">Paid</th>
                    <th className="num">Amount due</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {docs.map((doc) => (
                    <tr key={doc.id} data-testid={`recon-invoice-${doc.id}`}>
                      <td>
                        <Link href={`/invoices/${doc.id}`}>{doc.number ?? `#${doc.id}`}</Link>
                      </td>
                      <td>
                        <Link href={`/customers/${doc.customer.id}`}>{doc.customer.name}</Link>
                      </td>
                      <td>{calendarDay(doc.issueDate)}</td>
                      <td>{calendarDay(doc.dueDate)}</td>
                      <td className="num">{money(doc.total)}</td>
                      <td className="num">{money(doc.amountPaid)}</td>
                      <td className="num">{money(doc.amountDue, true)}</td>
                      <td>
                        <StatusChip status={doc.status} />
                      </td>
                    </tr>
                  ))}
                  {docs.length === 0 && (
                    <tr>
                      <td colSpan={8} className="muted">
                        None.
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
            </div>
            {figures.truncated && (
              <p className="muted hint">
                Showing the latest {docs.length} of {figures.count}.{' '}
                <Link href={`/invoices?store=${store.id}&status=${group.key === 'unpaid' ? 'open' : group.key}`}>See them all</Link>
              </p>
            )}
          </details>
        )
      })}

      <div className="panel">
        <h2>Running balance</h2>
        <form className="toolbar" action="/reconciliation" aria-label="Period">
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
          {period.error && (
            <p className="form__error" role="alert">
              {period.error} — showing the last {MONTHS} months.
            </p>
          )}
        </form>
        <BalanceChart data={report.runningBalance} currency={store.currency} locale={store.locale} />
        <p className="muted hint">
          Cash position (all money in minus all money out, since the first entry) at the end of each day from {report.from} to {report.to}.
        </p>
      </div>
    </section>
  )
}
