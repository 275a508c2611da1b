import type { Metadata } from 'next'
import Link from 'next/link'
import { createLocalReq } from 'payload'

import { Forbidden } from '@/components/Forbidden'
import { Money } from '@/components/Money'
import { StorePicker } from '@/components/StorePicker'
import { payloadInstance } from '@/lib/payload'
import { userForScreen } from '@/lib/session'
import { pickStore, storesFor } from '@/lib/stores'
import { CUSTOMER_SORTS, customerStats, customerWhere, type CustomerSort } from '@/services/customerList'
import { sqlFor } from '@/services/db'

import { CollectButton } from './CollectButton'
import { HeldCell } from './HeldCell'

export const metadata: Metadata = { title: 'Customers' }

const PAGE_SIZE = 25

interface Params {
  store?: string
  q?: string
  sort?: string
  page?: string
  owing?: string
}

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  const params = await searchParams
  const payload = await payloadInstance()
  const stores = await storesFor(payload, user)
  const store = pickStore(stores, params.store)
  if (!store) return <section className="panel">You are not assigned to a store yet.</section>

  const sort: CustomerSort = params.sort && params.sort in CUSTOMER_SORTS ? (params.sort as CustomerSort) : 'pending'
  const page = Math.max(1, Number(params.page) || 1)
  const filter = { store: store.id, q: params.q, owing: params.owing === '1' }
  const req = await createLocalReq({ user }, payload)
  const [stats, list] = await Promise.all([
    customerStats(await sqlFor(req), store.id),
    payload.find({
      collection: 'customers',
      where: customerWhere(filter),
      sort: [CUSTOMER_SORTS[sort], 'id'],
      page,
      limit: PAGE_SIZE,
      depth: 0,
      user,
      overrideAccess: false,
      select: { name: true, phone: true, visits: true, totalPaid: true, pendingBalance: true, advanceBalance: true, unmatchedCredit: true, lastVisitAt: true },
    }),
  ])
  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const link = (changes: Partial<Params>) => {
    const next = new URLSearchParams({ store: String(store.id), sort, ...(params.q ? { q: params.q } : {}), ...(filter.owing ? { owing: '1' } : {}) })
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key)
      else next.set(key, value)
    }
    return `/customers?${next}`
  }
  const exportQuery = new URLSearchParams({ store: String(store.id), sort, ...(params.q ? { q: params.q } : {}), ...(filter.owing ? { owing: '1' } : {}) })
  const dateFormat = new Intl.DateTimeFormat(store.locale, { dateStyle: 'medium', timeZone: store.timezone })

  return (
    <section className="sections">
      <div className="pos__header">
        <h1>Customers</h1>
        <StorePicker stores={stores} current={store.id} />
      </div>
      <div className="stats" data-testid="customer-stats">
        <div className="stat">
          <div className="stat__label">Customers</div>
          <div className="stat__value">{stats.customers.toLocaleString(store.locale)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Total pending</div>
          <div className="stat__value stat__value--owed" data-testid="total-pending">
            {money(stats.pendingTotal)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Advances held</div>
          <div className="stat__value">{money(stats.advancesHeld)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Revenue collected</div>
          <div className="stat__value">{money(stats.revenue)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Customers owing</div>
          <div className="stat__value">{stats.customersOwing}</div>
        </div>
      </div>

      <form className="toolbar" action="/customers">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>Search</span>
          <input name="q" defaultValue={params.q ?? ''} placeholder="Name, phone or email" aria-label="Search customers" />
        </label>
        <label className="field">
          <span>Sort</span>
          <select name="sort" defaultValue={sort} aria-label="Sort">
            <option value="pending">Pending (highest first)</option>
            <option value="recent">Last visit</option>
            <option value="spent">Total spent</option>
            <option value="name">Name</option>
          </select>
        </label>
        <label className="field field--inline">
          <input type="checkbox" name="owing" value="1" defaultChecked={filter.owing} />
          <span>Only customers owing</span>
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
              <th className="num">Visits</th>
              <th className="num">Total spent</th>
              <th className="num">Pending</th>
              <th className="num">Advance</th>
              <th className="num" title="Advance + payments applied to no invoice (SPEC §9a)">Held</th>
              <th>Last visit</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {list.docs.map((customer) => (
              <tr key={customer.id} data-testid={`customer-row-${customer.id}`}>
                <td>
                  <Link href={`/customers/${customer.id}?store=${store.id}`}>{customer.name}</Link>
                </td>
                <td>{customer.phone}</td>
                <td className="num">{customer.visits ?? 0}</td>
                <td className="num">{money(customer.totalPaid ?? 0)}</td>
                <td className="num" data-testid="pending-cell">
                  {(customer.pendingBalance ?? 0) > 0 ? money(customer.pendingBalance ?? 0, true) : '–'}
                </td>
                <td className="num">{(customer.advanceBalance ?? 0) > 0 ? money(customer.advanceBalance ?? 0) : '–'}</td>
                <HeldCell store={store} customer={customer} />
                <td>{customer.lastVisitAt ? dateFormat.format(new Date(customer.lastVisitAt)) : '–'}</td>
                <td>
                  {(customer.pendingBalance ?? 0) > 0 && (
                    <CollectButton store={store} customer={{ id: customer.id, name: customer.name, pendingBalance: customer.pendingBalance ?? 0 }} />
                  )}
                </td>
              </tr>
            ))}
            {list.docs.length === 0 && (
              <tr>
                <td colSpan={9} className="muted">
                  No customers match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span className="muted">
          {list.totalDocs.toLocaleString(store.locale)} customers · page {list.page} of {Math.max(1, list.totalPages)}
        </span>
        {list.hasPrevPage && (
          <Link className="button" href={link({ page: String(page - 1) })}>
            Previous
          </Link>
        )}
        {list.hasNextPage && (
          <Link className="button" href={link({ page: String(page + 1) })}>
            Next
          </Link>
        )}
      </div>
    </section>
  )
}
