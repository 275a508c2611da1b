import { headers } from 'next/headers'
import { notFound } from 'next/navigation'

import { storeDates } from '@/components/storeDates'
import { statementEntry } from '@/documents/statementEntry'
import { clientOf, countShareMiss, shareRequestAllowed } from '@/documents/rateLimit'
import { sharedDocument, type SharedView } from '@/documents/sharedDocument'
import { formatMoney } from '@/domain/money'
import { payloadInstance } from '@/server/payload'

export const dynamic = 'force-dynamic'

/**
 * GET /s/:token — the one document a share link names, for the customer, without login
 * (SPEC §10). Anything that is not a live link, and a client over the rate limit, gets the
 * same 404. Headers (no-referrer, noindex) come from next.config.mjs.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const client = clientOf(await headers())
  if (!shareRequestAllowed(client, token)) notFound()
  const view = await sharedDocument(await payloadInstance(), token)
  if (!view) {
    countShareMiss(client)
    notFound()
  }
  const money = (minor: number) => formatMoney(minor, view.store.currency, view.store.locale)
  const dates = storeDates(view.store)
  const base = `/s/${token}`
  return (
    <main className="doc" data-testid="shared-document">
      <header className="doc__store">
        {view.store.logoId && <img className="doc__logo" src={`${base}/logo`} alt="" />}
        <div>
          <h1>{view.store.name}</h1>
          {view.store.address && <div className="muted small">{view.store.address}</div>}
          {view.store.phone && <div className="muted small">Phone: {view.store.phone}</div>}
        </div>
      </header>

      <section className="card due">
        <div className="muted">
          {view.kind === 'invoice' ? `${view.invoice.invoice.kind === 'bill' ? 'Bill' : 'Invoice'} ${view.reference}` : `Statement for ${view.statement.customer.name}`}
        </div>
        {view.amountDue > 0 ? (
          <>
            <div className="muted small">Amount due</div>
            <div className="due__amount due__amount--owed" data-testid="amount-due">
              {money(view.amountDue)}
            </div>
          </>
        ) : (
          <div className="due__amount due__amount--paid" data-testid="amount-due">
            Nothing due
          </div>
        )}
      </section>

      {view.upiUrl && view.qrSvg && (
        <section className="card upi" data-testid="upi">
          <h2>Pay with UPI</h2>
          <div className="upi__qr" role="img" aria-label={`UPI QR code to pay ${money(view.amountDue)}`} dangerouslySetInnerHTML={{ __html: view.qrSvg }} />
          <a className="button button--pay" href={view.upiUrl} data-testid="upi-link">
            Pay {money(view.amountDue)} in a UPI app
          </a>
          <div className="muted small">
            To {view.store.upiId} · note {view.reference}
          </div>
        </section>
      )}

      <a className="button button--primary" href={`${base}/pdf`} data-testid="download-pdf">
        Download PDF
      </a>

      {view.kind === 'invoice' ? <InvoiceBody view={view} money={money} dates={dates} /> : <StatementBody view={view} money={money} dates={dates} />}

      <p className="muted small">This link works until {dates.instant(view.link.expiresAt)}.</p>
    </main>
  )
}

type Dates = ReturnType<typeof storeDates>

function InvoiceBody({ view, money, dates }: { view: Extract<SharedView, { kind: 'invoice' }>; money: (minor: number) => string; dates: Dates }) {
  const { invoice, payments, customer, tax } = view.invoice
  return (
    <section className="card">
      {tax && (
        <div data-testid="tax-heading">
          <strong>{tax.heading}</strong>
          {tax.headerLines.map((line) => (
            <div key={line} className="muted small">
              {line}
            </div>
          ))}
        </div>
      )}
      <div className="muted small">
        {customer.name} · issued {dates.calendar(invoice.issueDate)}
        {invoice.dueDate ? ` · due ${dates.calendar(invoice.dueDate)}` : ''} · <span className="chip">{invoice.status.replace('_', ' ')}</span>
      </div>
      <table className="lines">
        <thead>
          <tr>
            <th>Item</th>
            <th className="num">Qty</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.items.map((item, index) => (
            <tr key={index}>
              <td>{item.description}</td>
              <td className="num">{item.quantity}</td>
              <td className="num">{money(item.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="totals">
        {invoice.discount > 0 && (
          <div>
            <span>Discount</span>
            <span>-{money(invoice.discount)}</span>
          </div>
        )}
        <div className="totals__strong">
          <span>Total</span>
          <span>{money(invoice.complimentary ? 0 : invoice.total)}</span>
        </div>
        {!invoice.complimentary &&
          (tax?.summary ?? []).map((row) => (
            <div key={row.label} className="muted">
              <span>{row.label}</span>
              <span>{money(row.amount)}</span>
            </div>
          ))}
        {invoice.complimentary && <div>COMPLIMENTARY SERVICE</div>}
        {payments.map((payment, index) => (
          <div key={index} className="muted">
            <span>
              Paid {dates.instant(payment.date)} ({payment.method.replace('_', ' ')})
            </span>
            <span>{money(payment.amount)}</span>
          </div>
        ))}
        <div className="totals__strong">
          <span>Amount due</span>
          <span>{money(invoice.amountDue)}</span>
        </div>
      </div>
    </section>
  )
}

function StatementBody({ view, money, dates }: { view: Extract<SharedView, { kind: 'statement' }>; money: (minor: number) => string; dates: Dates }) {
  const { statement } = view.statement
  return (
    <section className="card">
      <h2>Statement to {dates.calendar(statement.to)}</h2>
      <table className="lines">
        <thead>
          <tr>
            <th>Date</th>
            <th>Entry</th>
            <th className="num">Amount</th>
            <th className="num">Balance</th>
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((line, index) => (
            <tr key={index}>
              <td>{dates.instant(line.date)}</td>
              <td>
                {statementEntry(line)}
                {line.tax > 0 && <span className="muted small"> (incl. {`${view.store.taxLabel} ${money(line.tax)}`})</span>}
              </td>
              <td className="num">{line.debit > 0 ? money(line.debit) : `-${money(line.credit)}`}</td>
              <td className="num">{money(line.balance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="totals">
        <div className="totals__strong">
          <span>Balance</span>
          <span>{money(statement.closingBalance)}</span>
        </div>
      </div>
    </section>
  )
}
