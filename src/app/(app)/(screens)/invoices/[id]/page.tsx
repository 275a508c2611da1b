import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { ApplyAdvanceButton } from '@/components/ApplyAdvanceButton'
import { Forbidden } from '@/components/Forbidden'
import { Money } from '@/components/Money'
import { methodLabel } from '@/components/paymentMethods'
import { StatusChip } from '@/components/StatusChip'
import { UnapplyButton } from '@/components/UnapplyButton'

import { CreditNoteButton, WriteOffButton } from '@/components/AfterSaleButtons'
import { isOpenStatus } from '@/domain/invoice'
import { formatMoney, lineTotal } from '@/domain/money'
import { groupByRate, ratePercent, type TaxTreatment } from '@/domain/tax'
import { taxDocument } from '@/domain/taxDocument'
import { payloadInstance } from '@/server/payload'
import { userForScreen } from '@/server/session'
import { storeSummary } from '@/server/stores'
import type { Store } from '@/payload-types'

import { InvoiceActions } from './InvoiceActions'
import { InvoiceDocuments } from './InvoiceDocuments'
import { storeDates } from '@/components/storeDates'

export const metadata: Metadata = { title: 'Invoice' }

const KIND_LABELS: Record<string, string> = { bill: 'Bill (POS)', invoice: 'Invoice', timesheet: 'Timesheet (rental)' }

const relation = <T extends { id: number }>(value: number | T | null | undefined): T | null => (value && typeof value === 'object' ? value : null)

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await userForScreen('/invoices')
  if (!user) return <Forbidden />
  const id = Number((await params).id)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  const payload = await payloadInstance()
  const invoice = await payload.findByID({ collection: 'invoices', id, depth: 1, user, overrideAccess: false, disableErrors: true })
  const store = invoice ? relation<Store>(invoice.store) : null
  if (!invoice || !store) notFound()

  const [allocations, uses] = await Promise.all([
    payload.find({
      collection: 'allocations',
      where: { invoice: { equals: id } },
      sort: ['createdAt', 'id'],
      limit: 500,
      depth: 1,
      populate: { transactions: { date: true, reference: true, method: true, amount: true, kind: true } },
      user,
      overrideAccess: false,
    }),
    payload.find({
      collection: 'advance-utilizations',
      where: { invoice: { equals: id } },
      sort: ['createdAt', 'id'],
      limit: 500,
      depth: 1,
      populate: { 'advance-payments': { createdAt: true, method: true, amount: true, paymentReference: true, referenceType: true } },
      user,
      overrideAccess: false,
    }),
  ])

  const money = (minor: number, owed = false) => <Money minor={minor} currency={store.currency} locale={store.locale} owed={owed} />
  const { instant: day, calendar: calendarDay } = storeDates(store)
  const summary = storeSummary(store)
  const customer = relation(invoice.customer)
  const asset = relation(invoice.asset)
  const title = invoice.number ?? `Draft #${invoice.id}`
  const amountDue = invoice.amountDue ?? 0
  const discount = invoice.discount ?? 0
  const owner = user.role === 'owner' || user.role === 'admin'
  const advanceHeld = customer?.advanceBalance ?? 0
  // SPEC §12: TAX INVOICE (GSTINs, the summary by rate) or BILL OF SUPPLY, from the tax stored on the invoice.
  const treatment = (invoice.taxTreatment ?? 'unregistered') as TaxTreatment
  const items = invoice.items ?? []
  const tax = taxDocument(
    {
      currency: store.currency,
      taxLabel: store.taxLabel || 'GST',
      treatment,
      supplierGstin: invoice.supplierGstin ?? null,
      customerGstin: invoice.customerGstin ?? null,
      placeOfSupply: invoice.placeOfSupply ?? null,
      byRate: groupByRate(
        items.map((item) => ({ taxRate: item.taxRate ?? 0, taxable: item.taxable ?? 0, tax: item.tax ?? 0 })),
        treatment,
      ),
      taxTotal: invoice.taxTotal ?? 0,
    },
    (minor) => formatMoney(minor, store.currency, store.locale),
  )
  const taxColumns = Boolean(tax && tax.summary.length > 0)
  const columns = taxColumns ? 5 : 3
  // Allocations a reversing row already took off (unapply, void, reversal).
  const undone = new Set(allocations.docs.flatMap((allocation) => (allocation.reversalOf ? [relation(allocation.reversalOf)?.id ?? allocation.reversalOf] : [])))

  return (
    <section className="sections">
      <div className="pos__header">
        <div>
          <p className="muted">
            <Link href={`/invoices?store=${store.id}`}>Invoices</Link> / {store.name}
          </p>
          <h1>
            {title} <StatusChip status={invoice.status} />
          </h1>
          <p className="muted">
            {KIND_LABELS[invoice.kind] ?? invoice.kind} for {customer ? <Link href={`/customers/${customer.id}`}>{customer.name}</Link> : '–'}
            {customer?.phone ? ` · ${customer.phone}` : ''} · issued {calendarDay(invoice.issueDate)} · due {calendarDay(invoice.dueDate)}
          </p>
        </div>
        <div className="row no-print">
          <InvoiceActions
            store={summary}
            invoice={{ id: invoice.id, number: invoice.number ?? null, status: invoice.status, amountDue }}
            canVoid={user.role === 'owner' || user.role === 'admin'}
          />
          {isOpenStatus(invoice.status) && amountDue > 0 && advanceHeld > 0 && (
            <ApplyAdvanceButton store={summary} invoice={{ id: invoice.id, number: invoice.number ?? null, amountDue }} advanceBalance={advanceHeld} />
          )}
          {owner && isOpenStatus(invoice.status) && amountDue > 0 && (
            <>
              <CreditNoteButton store={summary} invoice={{ id: invoice.id, number: invoice.number ?? null, amountDue }} />
              <WriteOffButton store={summary} invoice={{ id: invoice.id, number: invoice.number ?? null, amountDue }} />
            </>
          )}
        </div>
      </div>

      {invoice.number && invoice.status !== 'draft' && customer && (
        <InvoiceDocuments
          invoice={{ id: invoice.id, number: invoice.number, kind: invoice.kind, amountDue }}
          customer={{ name: customer.name, phone: customer.phone ?? null, email: customer.email ?? null }}
          store={store}
          canEmail={user.role === 'owner' || user.role === 'admin'}
        />
      )}

      <div className="stats">
        <div className="stat">
          <div className="stat__label">Total</div>
          <div className="stat__value" data-testid="invoice-total">
            {money(invoice.total ?? 0)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Amount paid</div>
          <div className="stat__value" data-testid="invoice-paid">
            {money(invoice.amountPaid ?? 0)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Amount due</div>
          <div className={`stat__value ${amountDue > 0 && invoice.status !== 'void' ? 'stat__value--owed' : ''}`} data-testid="invoice-due">
            {money(amountDue)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">Status</div>
          <div className="stat__value" data-testid="invoice-status">
            {invoice.status}
          </div>
        </div>
      </div>

      {invoice.status === 'void' && (
        <p className="alert alert--pending" role="note">
          Voided {day(invoice.voidedAt)}
          {invoice.voidReason ? `: ${invoice.voidReason}` : ''}.
        </p>
      )}
      {invoice.creditOverrideReason && (
        <p className="alert alert--pending" role="note" data-testid="invoice-credit-override">
          Above the customer’s credit limit, by an owner’s override: {invoice.creditOverrideReason}
        </p>
      )}

      {invoice.kind === 'timesheet' && (
        <div className="panel" data-testid="timesheet">
          <h2>Rental period</h2>
          <dl className="facts">
            <dt>Asset</dt>
            <dd>{asset ? `${asset.name}${asset.registration ? ` (${asset.registration})` : ''}` : '–'}</dd>
            <dt>Period</dt>
            <dd>
              {calendarDay(invoice.periodStart)} – {invoice.periodEnd ? calendarDay(invoice.periodEnd) : 'ongoing'}
            </dd>
            <dt>Hours</dt>
            <dd>{invoice.hours ?? '–'}</dd>
            <dt>Rate</dt>
            <dd>{invoice.rate != null ? <>{money(invoice.rate)} / h</> : '–'}</dd>
          </dl>
        </div>
      )}

      <div className="panel">
        <h2>Items</h2>
        {tax && (
          <div className="tax-doc" data-testid="invoice-tax-heading">
            <p className="tax-doc__heading">{tax.heading}</p>
            {tax.headerLines.map((line) => (
              <div key={line} className="muted">
                {line}
              </div>
            ))}
          </div>
        )}
        <div className="table-wrap">
          <table className="table" data-testid="invoice-items">
            <thead>
              <tr>
                <th>Description</th>
                {taxColumns && <th>SAC</th>}
                {taxColumns && <th className="num">Rate</th>}
                <th className="num">Quantity</th>
                <th className="num">Unit price</th>
                <th className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={item.id ?? index}>
                  <td>{item.description}</td>
                  {taxColumns && <td>{item.sac ?? ''}</td>}
                  {taxColumns && <td className="num">{ratePercent(item.taxRate ?? 0)}</td>}
                  <td className="num">{item.quantity.toLocaleString(store.locale)}</td>
                  <td className="num">{money(item.unitPrice)}</td>
                  <td className="num">{money(lineTotal(item.quantity, item.unitPrice))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={columns} className="num">
                  Subtotal
                </th>
                <td className="num">{money(invoice.subtotal ?? 0)}</td>
              </tr>
              {discount > 0 && (
                <tr>
                  <th colSpan={columns} className="num">
                    Discount
                  </th>
                  <td className="num">−{money(discount)}</td>
                </tr>
              )}
              {invoice.complimentary && (
                <tr>
                  <th colSpan={columns} className="num">
                    Complimentary
                  </th>
                  <td className="num">−{money(invoice.subtotal ?? 0)}</td>
                </tr>
              )}
              <tr>
                <th colSpan={columns} className="num">
                  Total
                </th>
                <td className="num">
                  <strong>{money(invoice.total ?? 0)}</strong>
                </td>
              </tr>
              {!invoice.complimentary &&
                (tax?.summary ?? []).map((row) => (
                  <tr key={row.label} className="muted" data-testid="invoice-tax-row">
                    <th colSpan={columns} className="num">
                      {row.label}
                    </th>
                    <td className="num">{money(row.amount)}</td>
                  </tr>
                ))}
            </tfoot>
          </table>
        </div>
        {invoice.notes && <p className="muted">Notes: {invoice.notes}</p>}
      </div>

      <div className="two-col">
        <div className="panel">
          <h2>Payment history</h2>
          <div className="table-wrap">
            <table className="table" data-testid="payment-history">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Reference</th>
                  <th>Method</th>
                  <th className="num">Applied</th>
                </tr>
              </thead>
              <tbody>
                {allocations.docs.map((allocation) => {
                  const tx = relation(allocation.transaction)
                  return (
                    <tr key={allocation.id}>
                      <td>{day(tx?.date)}</td>
                      <td>
                        {tx?.reference ?? '–'}
                        {allocation.amount < 0 && <span className="muted"> ({allocation.reason ?? 'reversed on void'})</span>}
                        {owner && allocation.amount > 0 && !undone.has(allocation.id) && invoice.status !== 'void' && (
                          <UnapplyButton
                            store={summary}
                            allocation={{ id: allocation.id, amount: allocation.amount, invoice: invoice.number ?? null, payment: tx?.reference ?? null }}
                          />
                        )}
                      </td>
                      <td>{methodLabel(tx?.method)}</td>
                      <td className="num">
                        {money(allocation.amount)}
                        {tx && tx.amount !== allocation.amount && allocation.amount > 0 && <div className="muted hint">of {money(tx.amount)}</div>}
                      </td>
                    </tr>
                  )
                })}
                {allocations.docs.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      No payments yet.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
        <div className="panel">
          <h2>Paid from advance</h2>
          <div className="table-wrap">
            <table className="table" data-testid="advance-uses">
              <thead>
                <tr>
                  <th>Used</th>
                  <th>Deposit</th>
                  <th className="num">Amount</th>
                </tr>
              </thead>
              <tbody>
                {uses.docs.map((use) => {
                  const deposit = relation(use.advancePayment)
                  return (
                    <tr key={use.id}>
                      <td>{day(use.createdAt)}</td>
                      <td>
                        {deposit ? (
                          <>
                            {money(deposit.amount)} taken {day(deposit.createdAt)} ({methodLabel(deposit.method)}
                            {deposit.paymentReference ? ` · ${deposit.paymentReference}` : ''})
                          </>
                        ) : (
                          '–'
                        )}
                        {use.amount < 0 && <span className="muted"> (returned on void)</span>}
                      </td>
                      <td className="num">{money(use.amount)}</td>
                    </tr>
                  )
                })}
                {uses.docs.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      No advance used.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  )
}
