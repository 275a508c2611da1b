import type { Metadata } from 'next'
import Link from 'next/link'

import { Money } from '@/components/Money'
import { StorePicker } from '@/components/StorePicker'
import { todayIn } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import { placeOfSupplyName } from '@/domain/gstin'
import { formatMoney } from '@/domain/money'
import { GSTR1_SECTIONS } from '@/domain/gstr1'
import { ratePercent } from '@/domain/tax'
import { ownerReport } from '@/server/ownerReport'
import { openScreen } from '@/server/screen'
import { monthDays, taxReport } from '@/services/reports/tax'

import { TaxSettings } from './TaxSettings'

export const metadata: Metadata = { title: 'Tax' }

const SECTION_LABELS: Record<(typeof GSTR1_SECTIONS)[number], string> = {
  summary: 'By rate',
  b2b: 'B2B (b2b)',
  b2cl: 'B2C large (b2cl)',
  b2cs: 'B2C small (b2cs)',
  hsn: 'HSN/SAC (hsn)',
  at: 'Advances received (at)',
  atadj: 'Advances adjusted (atadj)',
}

/** SPEC §12: the month's tax for the accountant — by rate, B2B by GSTIN, B2C, advances — with the GSTR-1 CSVs. */
export default async function TaxPage({ searchParams }: { searchParams: Promise<{ store?: string; month?: string }> }) {
  const params = await searchParams
  const screen = await openScreen('/tax', params.store)
  if (!screen.ok) return screen.page
  const { user, payload, stores, store } = screen

  const thisMonth = todayIn(store.timezone).slice(0, 7)
  let month = params.month || thisMonth
  let monthError: string | null = null
  try {
    monthDays(month)
  } catch (error) {
    if (!(error instanceof RuleError)) throw error
    monthError = error.message
    month = thisMonth
  }
  const report = await ownerReport(payload, user, store, (db, ref) => taxReport(db, ref, month))
  const money = (minor: number) => <Money minor={minor} currency={store.currency} locale={store.locale} />
  const label = report.store.taxLabel
  const gst = report.store.gst
  const csv = (section: string) => `/api/reports/tax?store=${store.id}&month=${month}&format=csv&section=${section}`
  const monthName = new Intl.DateTimeFormat(store.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`))
  const splitHeads = gst ? (
    <>
      <th className="num">CGST</th>
      <th className="num">SGST</th>
      <th className="num">IGST</th>
    </>
  ) : null
  const splitCells = (group: { cgst: number; sgst: number; igst: number }) =>
    gst ? (
      <>
        <td className="num">{money(group.cgst)}</td>
        <td className="num">{money(group.sgst)}</td>
        <td className="num">{money(group.igst)}</td>
      </>
    ) : null

  return (
    <section className="sections">
      <div className="pos__header">
        <div>
          <h1>
            {label} for {monthName}
          </h1>
          <p className="muted">
            {report.store.registered ? `${gst ? 'GSTIN' : `${label} No.`} ${report.store.gstin}` : 'Not registered: bills are bills of supply, without tax'} · {report.from} –{' '}
            {report.to}
            {report.store.pricesIncludeTax ? ` · prices include ${label}` : ''}
          </p>
        </div>
        <StorePicker stores={stores} current={store.id} />
      </div>

      <form className="toolbar" action="/tax" aria-label="Month">
        <input type="hidden" name="store" value={store.id} />
        <label className="field">
          <span>Month</span>
          <input type="month" name="month" defaultValue={month} aria-label="Month" />
        </label>
        <button className="button" type="submit">
          Show
        </button>
        <Link className="button button--ghost" href={`/tax?store=${store.id}`}>
          This month
        </Link>
        {monthError && (
          <p className="form__error" role="alert">
            {monthError} — showing this month.
          </p>
        )}
      </form>

      <div className="stats" data-testid="tax-stats">
        <div className="stat">
          <div className="stat__label">Taxable value</div>
          <div className="stat__value">{money(report.summary.taxable)}</div>
          <div className="hint muted">
            {report.summary.invoices} tax invoices · value {money(report.summary.value)}
          </div>
        </div>
        <div className="stat">
          <div className="stat__label">{label} on invoices</div>
          <div className="stat__value" data-testid="tax-total">
            {money(report.summary.taxTotal)}
          </div>
        </div>
        {gst && (
          <>
            <div className="stat">
              <div className="stat__label">CGST</div>
              <div className="stat__value">{money(report.summary.cgst)}</div>
            </div>
            <div className="stat">
              <div className="stat__label">SGST</div>
              <div className="stat__value">{money(report.summary.sgst)}</div>
            </div>
            <div className="stat">
              <div className="stat__label">IGST</div>
              <div className="stat__value">{money(report.summary.igst)}</div>
            </div>
          </>
        )}
        <div className="stat">
          <div className="stat__label">Net {label} for the month</div>
          <div className="stat__value" data-testid="net-tax">
            {money(report.netTax.taxTotal)}
          </div>
          <div className="hint muted">invoices + advances received − advances adjusted − credit notes</div>
        </div>
      </div>

      <div className="panel">
        <h2>Download for GSTR-1 (CSV)</h2>
        <p className="muted">One file per table of the GSTR-1 offline tool, with its column names; “By rate” works for any tax.</p>
        <div className="csv-links">
          {GSTR1_SECTIONS.filter((section) => gst || section === 'summary').map((section) => (
            <a key={section} className="button" href={csv(section)} download>
              {SECTION_LABELS[section]}
            </a>
          ))}
        </div>
      </div>

      <div className="panel">
        <h2>By rate</h2>
        <div className="table-wrap">
          <table className="table" data-testid="tax-by-rate">
            <thead>
              <tr>
                <th>Rate</th>
                <th className="num">Taxable value</th>
                {splitHeads}
                <th className="num">{label}</th>
              </tr>
            </thead>
            <tbody>
              {report.byRate.map((group) => (
                <tr key={group.taxRate}>
                  <td>{ratePercent(group.taxRate)}</td>
                  <td className="num">{money(group.taxable)}</td>
                  {splitCells(group)}
                  <td className="num">{money(group.tax)}</td>
                </tr>
              ))}
              {report.byRate.length === 0 && (
                <tr>
                  <td colSpan={gst ? 6 : 3} className="muted">
                    No tax invoices this month.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="muted hint">
          {report.zeroValue.invoices > 0 ? `${report.zeroValue.invoices} complimentary bill(s), zero-value. ` : ''}
          {report.billsOfSupply.invoices > 0
            ? `${report.billsOfSupply.invoices} bill(s) of supply worth ${formatMoney(report.billsOfSupply.value, store.currency, store.locale)}, without tax.`
            : ''}
        </p>
      </div>

      <div className="panel">
        <h2>B2B — registered customers</h2>
        <div className="table-wrap">
          <table className="table" data-testid="tax-b2b">
            <thead>
              <tr>
                <th>{gst ? 'GSTIN' : `${label} No.`}</th>
                <th>Customer</th>
                <th>Invoices</th>
                <th className="num">Taxable value</th>
                <th className="num">{label}</th>
              </tr>
            </thead>
            <tbody>
              {report.b2b.map((entry) => (
                <tr key={entry.gstin}>
                  <td>{entry.gstin}</td>
                  <td>
                    <Link href={`/customers/${entry.customer.id}`}>{entry.customer.name}</Link>
                  </td>
                  <td>
                    {entry.invoices.map((invoice, index) => (
                      <span key={invoice.id}>
                        {index > 0 ? ', ' : ''}
                        <Link href={`/invoices/${invoice.id}`}>{invoice.number}</Link>
                        {gst && invoice.treatment === 'inter' ? ` (IGST, ${placeOfSupplyName(invoice.placeOfSupply)})` : ''}
                      </span>
                    ))}
                  </td>
                  <td className="num">{money(entry.taxable)}</td>
                  <td className="num">{money(entry.tax)}</td>
                </tr>
              ))}
              {report.b2b.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No invoices to registered customers this month.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>

      <div className="panel">
        <h2>B2C — by place of supply and rate</h2>
        <div className="table-wrap">
          <table className="table" data-testid="tax-b2c">
            <thead>
              <tr>
                <th>Place of supply</th>
                <th>Rate</th>
                <th className="num">Taxable value</th>
                {splitHeads}
                <th className="num">{label}</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...report.b2cLarge.flatMap((invoice) => invoice.byRate.map((group) => ({ ...group, placeOfSupply: invoice.placeOfSupply, large: invoice.number }))),
                ...report.b2c.map((group) => ({ ...group, large: null })),
              ].map((group, index) => (
                <tr key={index}>
                  <td>
                    {gst ? placeOfSupplyName(group.placeOfSupply) : '–'}
                    {group.large ? ` · B2C large ${group.large}` : ''}
                  </td>
                  <td>{ratePercent(group.taxRate)}</td>
                  <td className="num">{money(group.taxable)}</td>
                  {splitCells(group)}
                  <td className="num">{money(group.tax)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="two-col">
        <div className="panel">
          <h2>Advances (receipt vouchers)</h2>
          <div className="table-wrap">
            <table className="table" data-testid="tax-advances">
              <thead>
                <tr>
                  <th></th>
                  <th>Rate</th>
                  <th className="num">Amount</th>
                  <th className="num">{label} in it</th>
                </tr>
              </thead>
              <tbody>
                {report.advances.received.map((group) => (
                  <tr key={`r${group.placeOfSupply}${group.taxRate}`}>
                    <td>Received{gst ? ` · ${placeOfSupplyName(group.placeOfSupply)}` : ''}</td>
                    <td>{ratePercent(group.taxRate)}</td>
                    <td className="num">{money(group.amount)}</td>
                    <td className="num">{money(group.tax)}</td>
                  </tr>
                ))}
                {report.advances.adjusted.map((group) => (
                  <tr key={`a${group.placeOfSupply}${group.taxRate}`}>
                    <td>Adjusted on bills / refunded{gst ? ` · ${placeOfSupplyName(group.placeOfSupply)}` : ''}</td>
                    <td>{ratePercent(group.taxRate)}</td>
                    <td className="num">{money(group.amount)}</td>
                    <td className="num">−{money(group.tax)}</td>
                  </tr>
                ))}
                {report.advances.received.length + report.advances.adjusted.length === 0 && (
                  <tr>
                    <td colSpan={4} className="muted">
                      No advances with tax this month.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </div>
        <div className="panel">
          <h2>HSN / SAC summary</h2>
          <div className="table-wrap">
            <table className="table" data-testid="tax-hsn">
              <thead>
                <tr>
                  <th>SAC / HSN</th>
                  <th>Rate</th>
                  <th className="num">Qty</th>
                  <th className="num">Taxable value</th>
                  <th className="num">{label}</th>
                </tr>
              </thead>
              <tbody>
                {report.hsn.map((group) => (
                  <tr key={`${group.sac}${group.taxRate}`}>
                    <td>{group.sac ?? <span className="muted">none ({group.description})</span>}</td>
                    <td>{ratePercent(group.taxRate)}</td>
                    <td className="num">{group.quantity.toLocaleString(store.locale)}</td>
                    <td className="num">{money(group.taxable)}</td>
                    <td className="num">{money(group.tax)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted hint">Credit notes: {report.creditNotes.length === 0 ? 'none this month.' : report.creditNotes.length}</p>
        </div>
      </div>

      <TaxSettings store={{ id: store.id, currency: store.currency, tax: store.tax }} />
    </section>
  )
}
