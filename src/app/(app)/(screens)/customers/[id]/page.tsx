import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { createLocalReq, NotFound } from 'payload'

import { Forbidden } from '@/components/Forbidden'
import { Money } from '@/components/Money'
import { canOpen } from '@/access/screens'
import { methodLabel } from '@/components/paymentMethods'
import { StatusChip } from '@/components/StatusChip'
import { countOf } from '@/domain/plural'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { storeSummary, storeWords } from '@/server/stores'
import { availableCredit, creditTermsFor } from '@/domain/credit'
import { customerPageData } from '@/services/customerPage'
import { inTransaction } from '@/ledger/db'

import { ApplyAdvanceButton } from '@/components/ApplyAdvanceButton'
import { storeDates } from '@/components/storeDates'
import { UnapplyButton } from '@/components/UnapplyButton'

import { CollectButton } from '../CollectButton'
import { CreditNoteButton, RefundDepositButton, WriteOffButton } from '@/components/AfterSaleButtons'
import { CreditSettingsButton } from './CreditSettingsButton'
import { CustomerDocuments } from './CustomerDocuments'
import { HeldMoney } from './HeldMoney'
import { TakeAdvanceButton } from './TakeAdvanceButton'

export const metadata: Metadata = { title: 'Customer' }

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  const id = Number((await params).id)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  const payload = await payloadInstance()
  const customer = await payload.findByID({ collection: 'customers', id, depth: 1, user, overrideAccess: false, disableErrors: true })
  if (!customer || typeof customer.store !== 'object') notFound()
  const store = storeSummary(customer.store)
  const words = storeWords(store)
  const req = await createLocalReq({ user }, payload)
  const data = await inTransaction(req, (db) => customerPageData(db, req, id)).catch((error: unknown) => {
    if (error instanceof NotFound) notFound()
    throw error
  })

  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { instant: date, calendar: calendarDay } = storeDates(store)
  const pending = customer.pendingBalance ?? 0
  const advance = customer.advanceBalance ?? 0
  const owner = user.role === 'owner' || user.role === 'admin'
  // SPEC §9 credit control: the customer's limit (null = none, 0 = cash only) and terms, else the store's.
  const creditLimit = customer.creditLimit ?? null
  const available = availableCredit(creditLimit, pending)
  const termsDays = creditTermsFor(customer.creditTermsDays, typeof customer.store === 'object' ? customer.store.creditTermsDays : null)
  const entry = (line: (typeof data.statement.lines)[number]) => {
    const why = line.detail ? ` (${String(line.detail)})` : ''
    const moved = 'amount' in line && typeof line.amount === 'number' ? money(line.amount) : null
    switch (line.type) {
      case 'invoice':
        return String(line.detail)
      case 'payment':
        return `payment (${methodLabel(String(line.detail))})`
      case 'write_off':
        return `written off as bad debt${why}`
      case 'credit_note':
        return `credit note${why}`
      case 'refund':
        return (
          <>
            deposit refunded {moved}
            {why}
          </>
        )
      case 'forfeit':
        return <>deposit expired, {moved} forfeited</>
      default:
        return 'paid from advance'
    }
  }
  // Owners open the invoice; everyone may reprint a bill's receipt (issue 13).
  const seesInvoices = canOpen(user.role, '/invoices')
  const billLink = (invoiceId: number, number: string) => (
    <Link href={seesInvoices ? `/invoices/${invoiceId}` : `/receipts/${invoiceId}`} data-testid={`bill-link-${invoiceId}`}>
      {number}
    </Link>
  )
  const newDocument =
    store.kind === 'rental'
      ? { href: `/timesheets?store=${store.id}&customer=${customer.id}`, show: canOpen(user.role, '/timesheets') }
      : store.kind === 'services'
        ? { href: '/admin/collections/invoices/create', show: canOpen(user.role, '/admin') }
        : { href: `/pos?store=${store.id}&customer=${customer.id}`, show: true }

  return (
    <section className="sections">
      <div className="pos__header">
        <div>
          <p className="muted">
            <Link href={`/customers?store=${store.id}`}>{words.customers}</Link> / {store.name}
          </p>
          <h1>{customer.name}</h1>
          <p className="muted">
            {customer.phone}
            {customer.email ? ` · ${customer.email}` : ''} ·{' '}
            {store.kind === 'rental'
              ? `${countOf(customer.servicesCount ?? 0, 'timesheet', 'timesheets', store.locale)} · ${countOf(customer.activeRentals ?? 0, 'active rental', 'active rentals', store.locale)}`
              : countOf(customer.visits ?? 0, 'visit', 'visits', store.locale)}
          </p>
        </div>
        <div className="row">
          {newDocument.show && (
            <Link className="button button--primary" href={newDocument.href}>
              {words.newDocument}
            </Link>
          )}
          <TakeAdvanceButton store={store} customer={{ id: customer.id, name: customer.name }} />
          {pending > 0 && <CollectButton store={store} customer={{ id: customer.id, name: customer.name, pendingBalance: pending }} />}
        </div>
      </div>
      <div className="stats" data-testid="customer-stats">
        <div className="stat">
          <div className="stat__label">{store.kind === 'rental' ? 'Outstanding' : 'Pending'}</div>
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
          <div className="stat__label">{store.kind === 'rental' ? 'Revenue (billed)' : 'Total billed'}</div>
          <div className="stat__value" data-testid="customer-billed">
            {money(customer.totalBilled ?? 0)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">{store.kind === 'rental' ? 'Paid' : 'Total paid'}</div>
          <div className="stat__value" data-testid="customer-paid">
            {money(customer.totalPaid ?? 0)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Credit limit</div>
          <div className="stat__value" data-testid="customer-credit">
            {creditLimit === null ? 'No limit' : creditLimit === 0 ? 'Cash only' : money(creditLimit)}
          </div>
          <div className="muted hint" data-testid="customer-terms">
            {available !== null && creditLimit !== 0 && <>{money(available)} available · </>}
            {termsDays === 0 ? 'pay-later bills due the same day' : `pay-later bills due in ${countOf(termsDays, 'day', 'days', store.locale)}`}
          </div>
          {owner && <CreditSettingsButton store={store} customer={{ id: customer.id, name: customer.name, creditLimit, creditTermsDays: customer.creditTermsDays ?? null }} />}
        </div>
        {store.kind === 'rental' && (
          <>
            <div className="stat">
              <div className="stat__label">Services (timesheets)</div>
              <div className="stat__value" data-testid="customer-services">
                {customer.servicesCount ?? 0}
              </div>
            </div>
            <div className="stat">
              <div className="stat__label">Active rentals</div>
              <div className="stat__value" data-testid="customer-active-rentals">
                {customer.activeRentals ?? 0}
              </div>
            </div>
          </>
        )}
      </div>

      <HeldMoney store={store} balances={{ pendingBalance: pending, advanceBalance: advance, unmatchedCredit: customer.unmatchedCredit ?? 0 }} canMatch={owner} />

      <CustomerDocuments
        payload={payload}
        user={user}
        store={store}
        customer={{ id: customer.id, name: customer.name, phone: customer.phone ?? null, email: customer.email ?? null, pendingBalance: pending }}
        openInvoices={data.statement.openInvoices}
      />

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
                  <td className="nowrap">{date(line.date)}</td>
                  <td>{entry(line)}</td>
                  <td className="nowrap">
                    {line.type === 'invoice' ? (
                      billLink(line.id, String(line.reference))
                    ) : line.type === 'payment' ? (
                      <Link href={`/receipts/payment/${line.id}`} title="Payment receipt">
                        {String(line.reference ?? '')}
                      </Link>
                    ) : (
                      String(line.reference ?? '')
                    )}
                  </td>
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

      <div className="sections">
        <div className="panel">
          <h2>Open bills</h2>
          <div className="table-wrap">
            <table className="table" data-testid="open-bills">
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Issued</th>
                  <th className="num">Total</th>
                  <th className="num">Due</th>
                  <th>Status</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {data.statement.openInvoices.map((invoice) => (
                  <tr key={invoice.id}>
                    <td className="nowrap">{billLink(invoice.id, String(invoice.number))}</td>
                    <td className="nowrap">{calendarDay(invoice.issueDate)}</td>
                    <td className="num">{money(invoice.total)}</td>
                    <td className="num">{money(invoice.amountDue, true)}</td>
                    <td>
                      <StatusChip status={String(invoice.status)} />
                    </td>
                    <td>
                      <div className="stack-actions">
                        <Link href={`/receipts/${invoice.id}`}>Reprint</Link>
                        {advance > 0 && (
                          <ApplyAdvanceButton
                            store={store}
                            invoice={{ id: invoice.id, number: invoice.number as string | null, amountDue: invoice.amountDue }}
                            advanceBalance={advance}
                          />
                        )}
                        {owner && (
                          <>
                            <CreditNoteButton store={store} invoice={{ id: invoice.id, number: invoice.number as string | null, amountDue: invoice.amountDue }} />
                            <WriteOffButton store={store} invoice={{ id: invoice.id, number: invoice.number as string | null, amountDue: invoice.amountDue }} />
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
                {data.statement.openInvoices.length === 0 && (
                  <tr>
                    <td colSpan={6} className="muted">
                      Nothing owed.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
        <div className="panel">
          <h2>Payments</h2>
          <div className="table-wrap">
            <table className="table" data-testid="payments">
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
                    <td className="nowrap">{date(payment.date)}</td>
                    <td className="nowrap">
                      {payment.kind === 'payment' || payment.kind === 'advance_deposit' ? (
                        <Link href={`/receipts/payment/${payment.id}`}>{String(payment.reference ?? '')}</Link>
                      ) : (
                        String(payment.reference ?? '')
                      )}
                      {payment.reversed && <div className="chip chip--void">reversed</div>}
                    </td>
                    <td>{methodLabel(String(payment.method))}</td>
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
                                  store={store}
                                  allocation={{ id: allocation.id, amount: allocation.amount, invoice: allocation.number, payment: payment.reference as string | null }}
                                />
                              )}
                            </div>
                          ))}
                      {payment.unmatched > 0 && <div className="muted">unmatched {money(payment.unmatched)}</div>}
                    </td>
                  </tr>
                ))}
                {data.payments.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      No payments yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>

      <div className="panel">
        <h2>Deposits</h2>
        <div className="table-wrap">
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
                <tr key={deposit.id}>
                  <td className="nowrap">{date(deposit.takenAt)}</td>
                  <td>{deposit.referenceType}</td>
                  <td className="num">{money(deposit.amount)}</td>
                  <td className="num">{money(deposit.remaining)}</td>
                  <td>
                    {deposit.status}
                    {owner && deposit.status === 'active' && deposit.remaining > 0 && (
                      <RefundDepositButton store={store} deposit={{ id: deposit.id, remaining: deposit.remaining }} />
                    )}
                  </td>
                  <td>
                    {deposit.uses.map((use, index) => (
                      <div key={index}>
                        {billLink(use.invoiceId, use.invoice)} {money(use.amount)}
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
      </div>
    </section>
  )
}
