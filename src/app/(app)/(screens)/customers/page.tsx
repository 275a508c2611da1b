import type { Metadata } from 'next'
import Link from 'next/link'
import { createLocalReq } from 'payload'

import { Money } from '@/components/Money'
import { Pager } from '@/components/Pager'
import { screenHref } from '@/components/screenHref'
import { StableRows } from '@/components/StableRows'
import { StorePicker } from '@/components/StorePicker'
import { openScreen } from '@/server/screen'
import { customerPage, customersByIds, customerStats, isCustomerSort, type CustomerSort } from '@/services/customerList'
import { sqlFor } from '@/ledger/db'

import { CollectButton } from './CollectButton'
import { HeldCell } from './HeldCell'

export const metadata: Metadata = { title: 'Customers' }

interface Params {
  store?: string
  q?: string
  sort?: string
  page?: string
  owing?: string
  /** rows acted on: they stay on this page, in place, after the figures refresh */
  keep?: string
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams
  const screen = await openScreen('/customers', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store, words } = screen
  const rental = store.kind === 'rental'

  const sort: CustomerSort = isCustomerSort(params.sort) ? params.sort : 'pending'
  const page = Number(params.page) || 1
  const filter = { store: store.id, q: params.q, owing: params.owing === '1' }
  const kept = (params.keep ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0)
    .slice(0, 50)
  const req = await createLocalReq({ user }, payload)
  const db = await sqlFor(req)
  const stats = await customerStats(db, store.id)
  const list = await customerPage(db, filter, sort, page)
  const missing = kept.filter((id) => !list.docs.some((doc) => doc.id === id))
  const extra = await customersByIds(db, store.id, missing)

  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const dash = <span className="dash">–</span>
  const query = { store: String(store.id), sort, q: params.q, owing: filter.owing ? '1' : undefined }
  const exportQuery = new URLSearchParams({ store: String(store.id), sort, ...(params.q ? { q: params.q } : {}), ...(filter.owing ? { owing: '1' } : {}) })
  const dateFormat = new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeZone: store.timezone })
  const columns = rental ? 10 : 9

  const row = (customer: (typeof list.docs)[number], moved: boolean) => {
    const pending = customer.pendingBalance ?? 0
    return (
      <tr key={customer.id} data-testid={`customer-row-${customer.id}`} className={moved ? 'row--moved' : undefined}>
        <td>
          <Link href={`/customers/${customer.id}?store=${store.id}`}>{customer.name}</Link>
          {moved && <div className="hint muted">moved in this sort order</div>}
        </td>
        <td>{customer.phone}</td>
        {rental ? (
          <>
            <td className="num">{customer.servicesCount ?? 0}</td>
            <td className="num">{customer.activeRentals ?? 0}</td>
            <td className="num">{money(customer.totalBilled ?? 0)}</td>
            <td className="num">{money(customer.totalPaid ?? 0)}</td>
          </>
        ) : (
          <>
            <td className="num">{customer.visits ?? 0}</td>
            <td className="num">{money(customer.totalPaid ?? 0)}</td>
          </>
        )}
        <td className="num" data-testid="pending-cell">
          {pending > 0 ? money(pending, true) : dash}
        </td>
        <td className="num">{(customer.advanceBalance ?? 0) > 0 ? money(customer.advanceBalance ?? 0) : dash}</td>
        <HeldCell store={store} customer={customer} />
        {!rental && <td>{customer.lastVisitAt ? dateFormat.format(new Date(customer.lastVisitAt)) : dash}</td>}
        <td>{pending > 0 && <CollectButton store={store} keepRow customer={{ id: customer.id, name: customer.name, pendingBalance: pending }} />}</td>
      </tr>
    )
  }

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>{words.customers}</h1>
        <div className="row">
          {(user.role === 'owner' || user.role === 'admin') && (
            <Link className="button" href={`/customers/import?store=${store.id}`}>
              Import balances
            </Link>
          )}
          <StorePicker stores={stores} current={store.id} />
        </div>
      </div>
      <div className="stats" data-testid="customer-stats">
        <div className="stat">
          <div className="stat__label">{words.customers}</div>
          <div className="stat__value">{stats.customers.toLocaleString(store.locale)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">{rental ? 'Outstanding' : 'Total pending'}</div>
          <div className="stat__value stat__value--owed" data-testid="total-pending">
            {money(stats.pendingTotal)}
          </div>
        </div>
        {rental ? (
          <>
            <div className="stat">
              <div className="stat__label">Active rentals</div>
              <div className="stat__value" data-testid="active-rentals">
                {stats.activeRentals}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">Revenue (billed)</div>
              <div className="stat__value" data-testid="revenue">
                {money(stats.billed)}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">Paid</div>
              <div className="stat__value">{money(stats.revenue)}</div>
            </div>
          </>
        ) : (
          <>
            <div className="stat">
              <div className="stat__label">Advances held</div>
              <div className="stat__value">{money(stats.advancesHeld)}</div>
            </div>
            <div className="stat">
              <div className="stat__label">Revenue collected</div>
              <div className="stat__value">{money(stats.revenue)}</div>
            </div>
            <div className="stat">
              <div className="stat__label">{words.customers} owing</div>
              <div className="stat__value">{stats.customersOwing}</div>
            </div>
          </>
        )}
      </div>

      <form className="toolbar" action="/customers">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>Search</span>
          <input name="q" defaultValue={params.q ?? ''} placeholder="Name, phone or email" aria-label={`Search ${words.customers.toLowerCase()}`} />
        </label>
        <label className="field">
          <span>Sort</span>
          <select name="sort" defaultValue={sort} aria-label="Sort">
            <option value="pending">{rental ? 'Outstanding' : 'Pending'} (highest first)</option>
            <option value="recent">Last visit</option>
            <option value="spent">Total paid</option>
            <option value="name">Name</option>
          </select>
        </label>
        <label className="field field--inline">
          <input type="checkbox" name="owing" value="1" defaultChecked={filter.owing} />
          <span>Only {words.customers.toLowerCase()} owing</span>
        </label>
        <button className="button" type="submit">
          Apply
        </button>
        <a className="button" href={`/customers/export?${exportQuery}`} download>
          Export CSV
        </a>
      </form>

      <div className="table-wrap">
        <table className="table" data-testid="customers-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Phone</th>
              {rental ? (
                <>
                  <th className="num">Timesheets</th>
                  <th className="num">Active rentals</th>
                  <th className="num">Revenue</th>
                  <th className="num">Paid</th>
                  <th className="num">Outstanding</th>
                </>
              ) : (
                <>
                  <th className="num">Visits</th>
                  <th className="num">Total spent</th>
                  <th className="num">Pending</th>
                </>
              )}
              <th className="num">Advance</th>
              <th className="num" title="Advance + payments applied to no invoice (SPEC §9a)">
                Held
              </th>
              {!rental && <th>Last visit</th>}
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            <StableRows
              listKey={screenHref('/customers', { ...query, page: String(page), keep: params.keep })}
              rows={[
                ...list.docs.map((customer) => ({ key: String(customer.id), node: row(customer, false) })),
                ...extra.map((customer) => ({ key: String(customer.id), node: row(customer, true) })),
              ]}
            />
            {list.docs.length === 0 && extra.length === 0 && (
              <tr>
                <td colSpan={columns} className="muted">
                  No {words.customers.toLowerCase()} match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager
        totalDocs={list.totalDocs}
        totalIsAtLeast={list.totalIsAtLeast}
        hasNextPage={list.hasNextPage}
        page={list.page}
        totalPages={list.totalPages ?? list.page + 1}
        noun={[words.customer, `${words.customer}s`]}
        locale={store.locale}
        href={(next) => screenHref('/customers', query, { page: String(next) })}
      />
    </section>
  )
}
