import type { Metadata } from 'next'
import Link from 'next/link'

import { DateInput } from '@/components/DateInput'
import { Money } from '@/components/Money'
import { Pager } from '@/components/Pager'
import { methodLabel, PAYMENT_METHOD_OPTIONS } from '@/components/paymentMethods'
import { screenHref } from '@/components/screenHref'
import { StorePicker } from '@/components/StorePicker'
import { TRANSACTION_KINDS } from '@/domain/ledgerKinds'
import { openScreen } from '@/server/screen'

import { LEDGER_SORT, ledgerFilterOf, ledgerQuery, ledgerWhere, type LedgerParams } from './ledgerFilter'
import { LogExpenseButton } from './LogExpenseButton'
import { LogPaymentButton } from './LogPaymentButton'

export const metadata: Metadata = { title: 'Ledger' }

const PAGE_SIZE = 50

const relation = <T extends { id: number }>(value: number | T | null | undefined): T | null => (value && typeof value === 'object' ? value : null)

export default async function LedgerPage({ searchParams }: { searchParams: Promise<LedgerParams> }) {
  const params = await searchParams
  const screen = await openScreen('/ledger', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const filter = ledgerFilterOf(params)
  const query = ledgerQuery(store, filter)
  const page = Math.max(1, Number(params.page) || 1)
  const list = await payload.find({
    collection: 'transactions',
    where: ledgerWhere(store, filter),
    sort: LEDGER_SORT,
    page,
    limit: PAGE_SIZE,
    depth: 1,
    populate: { customers: { name: true }, invoices: { number: true } },
    select: { date: true, reference: true, type: true, kind: true, method: true, amount: true, customer: true, invoice: true, notes: true },
    user,
    overrideAccess: false,
  })
  const money = (minor: number) => <Money minor={minor} currency={store.currency} locale={store.locale} />
  const when = new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: store.timezone })

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Ledger</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>
      <div className="row">
        <LogPaymentButton store={store} />
        <LogExpenseButton store={store} />
      </div>

      <form className="toolbar" action="/ledger" aria-label="Filter transactions">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>From</span>
          <DateInput name="from" label="From" locale={store.locale} defaultValue={filter.from ?? ''} />
        </label>
        <label className="field">
          <span>To</span>
          <DateInput name="to" label="To" locale={store.locale} defaultValue={filter.to ?? ''} />
        </label>
        <label className="field">
          <span>Type</span>
          <select name="type" defaultValue={filter.type ?? ''} aria-label="Type">
            <option value="">All</option>
            <option value="income">Income</option>
            <option value="expense">Expense</option>
          </select>
        </label>
        <label className="field">
          <span>Kind</span>
          <select name="kind" defaultValue={filter.kind ?? ''} aria-label="Kind">
            <option value="">All</option>
            {TRANSACTION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Method</span>
          <select name="method" defaultValue={filter.method ?? ''} aria-label="Filter method">
            <option value="">All</option>
            {PAYMENT_METHOD_OPTIONS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
            <option value="wallet">Advance</option>
          </select>
        </label>
        <label className="field">
          <span>Customer</span>
          <input name="q" defaultValue={filter.q ?? ''} placeholder="Name, phone or PAY-…" aria-label="Search customer" />
        </label>
        <label className="field">
          <span>Invoice</span>
          <input name="invoice" defaultValue={filter.invoice ?? ''} placeholder="SAL-26-…" aria-label="Invoice number filter" />
        </label>
        <button className="button" type="submit">
          Apply
        </button>
        <Link className="button button--ghost" href={`/ledger?store=${store.id}`}>
          Clear
        </Link>
        <a className="button" href={screenHref('/ledger/export', query)} download>
          Export CSV
        </a>
      </form>

      <div className="table-wrap">
        <table className="table" data-testid="ledger-table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Reference</th>
              <th>Type</th>
              <th>Kind</th>
              <th>Method</th>
              <th>Customer</th>
              <th>Notes</th>
              <th>Invoice</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {list.docs.map((tx) => {
              const customer = relation(tx.customer)
              const invoice = relation(tx.invoice)
              return (
                <tr key={tx.id} data-testid={`ledger-row-${tx.id}`}>
                  <td className="nowrap">{when.format(new Date(tx.date))}</td>
                  <td>{tx.reference ?? '–'}</td>
                  <td>
                    <span className={`chip chip--${tx.type}`}>{tx.type}</span>
                  </td>
                  <td>{tx.kind.replace(/_/g, ' ')}</td>
                  <td className="nowrap">{methodLabel(tx.method)}</td>
                  <td>{customer ? <Link href={`/customers/${customer.id}`}>{customer.name}</Link> : <span className="dash">–</span>}</td>
                  <td className="ledger__notes">{tx.notes ? tx.notes : <span className="dash">–</span>}</td>
                  <td className="nowrap">{invoice ? <Link href={`/invoices/${invoice.id}`}>{invoice.number ?? `#${invoice.id}`}</Link> : <span className="dash">–</span>}</td>
                  <td className={`num nowrap ${tx.type === 'expense' ? 'amount--out' : 'amount--in'}`}>
                    {tx.type === 'expense' ? '−' : '+'}
                    {money(tx.amount)}
                  </td>
                </tr>
              )
            })}
            {list.docs.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No transactions match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager
        totalDocs={list.totalDocs}
        page={list.page ?? page}
        totalPages={list.totalPages}
        noun={['transaction', 'transactions']}
        locale={store.locale}
        href={(next) => screenHref('/ledger', query, { page: String(next) })}
      />
    </section>
  )
}
