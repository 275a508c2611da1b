import type { Metadata } from 'next'
import Link from 'next/link'

import { Money } from '@/components/Money'
import { Pager } from '@/components/Pager'
import { screenHref } from '@/components/screenHref'
import { StatusChip } from '@/components/StatusChip'
import { StorePicker } from '@/components/StorePicker'
import { INVOICE_STATUSES } from '@/domain/invoice'
import { openScreen } from '@/server/screen'

import { INVOICE_KINDS, INVOICE_SORT, invoiceFilterOf, invoiceWhere, type InvoiceParams } from './invoiceFilter'
import { storeDates } from '@/components/storeDates'

export const metadata: Metadata = { title: 'Invoices' }

const PAGE_SIZE = 25

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<InvoiceParams> }) {
  const params = await searchParams
  const screen = await openScreen('/invoices', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const filter = invoiceFilterOf(params)
  const query = { store: String(store.id), ...filter }
  const page = Math.max(1, Number(params.page) || 1)
  const list = await payload.find({
    collection: 'invoices',
    where: invoiceWhere(store, filter),
    sort: INVOICE_SORT,
    page,
    limit: PAGE_SIZE,
    depth: 1,
    populate: { customers: { name: true } },
    select: { number: true, kind: true, customer: true, issueDate: true, dueDate: true, total: true, amountPaid: true, amountDue: true, status: true, complimentary: true },
    user,
    overrideAccess: false,
  })
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { calendar: day } = storeDates(store)

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Invoices</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <nav className="chips" aria-label="Status">
        <Link className={`chip-link ${filter.status ? '' : 'chip-link--active'}`} href={screenHref('/invoices', query, { status: undefined, page: undefined })}>
          all
        </Link>
        {INVOICE_STATUSES.map((status) => (
          <Link
            key={status}
            className={`chip-link ${filter.status === status ? 'chip-link--active' : ''}`}
            aria-current={filter.status === status ? 'page' : undefined}
            href={screenHref('/invoices', query, { status, page: undefined })}
          >
            <StatusChip status={status} />
          </Link>
        ))}
      </nav>

      <form className="toolbar" action="/invoices" aria-label="Filter invoices">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>Search</span>
          <input name="q" defaultValue={filter.q ?? ''} placeholder="Number or customer" aria-label="Search invoices" />
        </label>
        <label className="field">
          <span>Status</span>
          <select name="status" defaultValue={filter.status ?? ''} aria-label="Status">
            <option value="">All</option>
            {INVOICE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Kind</span>
          <select name="kind" defaultValue={filter.kind ?? ''} aria-label="Kind">
            <option value="">All</option>
            {INVOICE_KINDS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit">
          Apply
        </button>
        <a className="button" href={screenHref('/invoices/export', query)} download>
          Export CSV
        </a>
      </form>

      <div className="table-wrap">
        <table className="table" data-testid="invoices-table">
          <thead>
            <tr>
              <th>Number</th>
              <th>Kind</th>
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
            {list.docs.map((invoice) => {
              const customer = typeof invoice.customer === 'object' ? invoice.customer : null
              return (
                <tr key={invoice.id} data-testid={`invoice-row-${invoice.id}`}>
                  <td>
                    <Link href={`/invoices/${invoice.id}`}>{invoice.number ?? `Draft #${invoice.id}`}</Link>
                  </td>
                  <td>{invoice.kind}</td>
                  <td>{customer ? <Link href={`/customers/${customer.id}`}>{customer.name}</Link> : '–'}</td>
                  <td>{day(invoice.issueDate)}</td>
                  <td>{day(invoice.dueDate)}</td>
                  <td className="num">{invoice.complimentary ? 'complimentary' : money(invoice.total ?? 0)}</td>
                  <td className="num">{money(invoice.amountPaid ?? 0)}</td>
                  <td className="num">{invoice.status === 'void' ? '–' : money(invoice.amountDue ?? 0, true)}</td>
                  <td>
                    <StatusChip status={invoice.status} />
                  </td>
                </tr>
              )
            })}
            {list.docs.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No invoices match.
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
        noun={['invoice', 'invoices']}
        locale={store.locale}
        href={(next) => screenHref('/invoices', query, { page: String(next) })}
      />
    </section>
  )
}
