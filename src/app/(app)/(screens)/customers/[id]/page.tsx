import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq, NotFound } from 'payload'

import { Forbidden } from '@/components/Forbidden'
import { Money } from '@/components/Money'
import { payloadInstance } from '@/lib/payload'
import { userForScreen } from '@/lib/session'
import { customerPayments } from '@/services/customerPayments'
import { customerStatement } from '@/services/customerStatement'
import { inTransaction, sql, toMinor } from '@/services/db'

import { ApplyAdvanceButton } from '@/components/ApplyAdvanceButton'
import { UnapplyButton } from '@/components/UnapplyButton'

import { CollectButton } from '../CollectButton'
import { HeldMoney } from './HeldMoney'
import { TakeAdvanceButton } from './TakeAdvanceButton'
import { storeDates } from '@/components/storeDates'

export const metadata: Metadata = { title: 'Customer' }

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  const id = Number((await params).id)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  const payload = await payloadInstance()
  const customer = await payload.findByID({ collection: 'customers', id, depth: 1, user, overrideAccess: false, disableErrors: true })
  if (!customer || typeof customer.store !== 'object') notFound()
  const store = customer.store
  const req = await createLocalReq({ user }, payload)
  const data = await inTransaction(req, async (db) => {
    const [statement, payments, deposits] = await Promise.all([
      customerStatement(db, req, id),
      customerPayments(db, req, id, { includeReversed: true }),
      db.execute(sql`
        SELECT a.id, a.created_at, a.amount, a.method, a.status, a.remaining_amount, a.reference_type,
               coalesce(json_agg(json_build_object('invoice', i.number, 'amount', u.amount, 'at', u.created_at) ORDER BY u.id)
                        FILTER (WHERE u.id IS NOT NULL), '[]') AS uses
          FROM advance_payments a
          LEFT JOIN advance_utilizations u ON u.advance_payment_id = a.id
          LEFT JOIN invoices i ON i.id = u.invoice_id
         WHERE a.customer_id = ${id}
         GROUP BY a.id ORDER BY a.created_at, a.id`),
    ])
    return { statement, payments, deposits: deposits.rows }
  }).catch((error: unknown) => {
    if (error instanceof NotFound) notFound()
    throw error
  })

  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { instant: date, calendar: calendarDay } = storeDates(store)
  const summary = { id: store.id, name: store.name, currency: store.currency, locale: store.locale, timezone: store.timezone }
  const pending = customer.pendingBalance ?? 0
  const advance = customer.advanceBalance ?? 0
  const owner = user.role === 'owner' || user.role === 'admin'

  return (
    <section className="sections">
      <div className="pos__header">
        <div>
          <p className="muted">
            <Link href={`/customers?store=${store.id}`}>Customers</Link> / {store.name}
          </p>
          <h1>{customer.name}</h1>
          <p className="muted">
            {customer.phone}
            {customer.email ? ` · ${customer.email}` : ''} · {customer.visits ?? 0} visits
          </p>
        </div>
        <div className="row">
          <Link className="button button--primary" href={`/pos?store=${store.id}&customer=${customer.id}`}>
            New bill
          </Link>
          <TakeAdvanceButton store={summary} customer={{ id: customer.id, name: customer.name }} />
          {pending > 0 && <CollectButton store={summary} customer={{ id: customer.id, name: customer.name, pendingBalance: pending }} />}
        </div>
      </div>
      <div className="stats">
        <div className="stat">
          <div className="stat__label">Pending</div>
          <div className={`stat__value ${pending > 0 ? 'stat__value--owed' : ''}`} data-testid="customer-pending">
            {money(pending)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Advance held</div>
          <div className="stat__value" data-testid="customer-advance">
            {money(customer.advanceBalance ?? 0)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Total billed</div>
          <div className="stat__value">{money(customer.totalBilled ?? 0)}</div>
        </div>
        <div className="stat">
          <div className="stat__label">Total paid</div>
          <div className="stat__value">{money(customer.totalPaid ?? 0)}</div>
        </div>
      </div>

      <HeldMoney store={summary} balances={{ pendingBalance: pending, advanceBalance: advance, unmatchedCredit: customer.unmatchedCredit ?? 0 }} canMatch={owner} />

      <div className="panel">
        <h2>Statement</h2>
        <div className="table-wrap">
          <table className="table" data-testid="statement">
            <thead>
              <tr>
                <th>Date</th>
                <th>Entry</th>
                <th>Reference</th>
                <th className="num">Billed</th>
                <th className="num">Paid</th>
                <th className="num">Balance</th>
              </tr>
            </thead>
            <tbody>
              {data.statement.lines.map((line, index) => (
                <tr key={index}>
                  <td>{date(line.date)}</td>
                  <td>{line.type === 'invoice' ? `${line.detail}` : line.type === 'payment' ? `payment (${line.detail})` : 'paid from advance'}</td>
                  <td>{String(line.reference ?? '')}</td>
                  <td className="num">{line.debit ? money(line.debit) : ''}</td>
                  <td className="num">{line.credit ? money(line.credit) : ''}</td>
                  <td className="num">{money(line.balance, true)}</td>
                </tr>
              ))}
              {data.statement.lines.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No bills yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>

      <div className="two-col">
        <div className="panel">
          <h2>Open bills</h2>
          <table className="table">
            <thead>
              <tr>
                <th>Number</th>
                <th>Issued</th>
                <th className="num">Total</th>
                <th className="num">Due</th>
                <th>Status</th>
                {advance > 0 && <th aria-label="Apply advance" />}
              </tr>
            </thead>
            <tbody>
              {data.statement.openInvoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>{String(invoice.number)}</td>
                  <td>{calendarDay(invoice.issueDate)}</td>
                  <td className="num">{money(invoice.total)}</td>
                  <td className="num">{money(invoice.amountDue, true)}</td>
                  <td>{String(invoice.status)}</td>
                  {advance > 0 && (
                    <td>
                      <ApplyAdvanceButton store={summary} invoice={{ id: invoice.id, number: invoice.number as string | null, amountDue: invoice.amountDue }} advanceBalance={advance} />
                    </td>
                  )}
                </tr>
              ))}
              {data.statement.openInvoices.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    Nothing owed.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div className="panel">
          <h2>Payments</h2>
          <table className="table">
            <thead>
              <tr>
                <th>Date</th>
                <th>Reference</th>
                <th>Method</th>
                <th className="num">Amount</th>
                <th>Applied to</th>
              </tr>
            </thead>
            <tbody>
              {data.payments.map((payment) => (
                <tr key={payment.id} className={payment.reversed ? 'muted' : undefined}>
                  <td>{date(payment.date)}</td>
                  <td>
                    {String(payment.reference ?? '')}
                    {payment.reversed && <div className="chip chip--void">reversed</div>}
                  </td>
                  <td>{String(payment.method)}</td>
                  <td className="num">{money(payment.amount)}</td>
                  <td>
                    {payment.kind === 'advance_deposit'
                      ? 'held as deposit'
                      : payment.allocations.map((allocation) => (
                          <div key={allocation.id}>
                            {allocation.number ?? `#${allocation.invoice}`} {money(allocation.amount)}
                            {allocation.reason && <span className="muted hint"> ({allocation.reason})</span>}
                            {owner && !payment.reversed && allocation.amount > 0 && !allocation.unapplied && (
                              <UnapplyButton
                                store={summary}
                                allocation={{ id: allocation.id, amount: allocation.amount, invoice: allocation.number, payment: payment.reference as string | null }}
                              />
                            )}
                          </div>
                        ))}
                    {payment.unmatched > 0 && <div className="muted">unmatched {money(payment.unmatched)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <h2>Deposits</h2>
        <table className="table" data-testid="deposits">
          <thead>
            <tr>
              <th>Taken</th>
              <th>For</th>
              <th className="num">Amount</th>
              <th className="num">Remaining</th>
              <th>Status</th>
              <th>Used on</th>
            </tr>
          </thead>
          <tbody>
            {data.deposits.map((deposit) => (
              <tr key={Number(deposit.id)}>
                <td>{date(String(deposit.created_at))}</td>
                <td>{String(deposit.reference_type)}</td>
                <td className="num">{money(toMinor(deposit.amount))}</td>
                <td className="num">{money(toMinor(deposit.remaining_amount))}</td>
                <td>{String(deposit.status)}</td>
                <td>
                  {(deposit.uses as { invoice: string; amount: number | string }[]).map((use, index) => (
                    <div key={index}>
                      {use.invoice} {money(toMinor(use.amount))}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
            {data.deposits.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No deposits.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
