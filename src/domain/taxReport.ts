/**
 * The month's tax (SPEC §12), from the invoice lines and deposit movements the report reads:
 * taxable value and tax by rate and by CGST / SGST / IGST, B2B invoices by customer GSTIN,
 * B2C by rate and place of supply, the HSN/SAC summary, tax on advances received and
 * adjusted, and credit notes — the tables of GSTR-1. Pure: the SQL is in
 * src/services/reports/tax.ts, the CSV columns in src/domain/gstr1.ts.
 */
import type { Minor } from './money'
import { advanceTax, groupByRate, splitTax, sumFigures, type BasisPoints, type RateGroup, type TaxFigures, type TaxTreatment } from './tax'

/**
 * GSTR-1 B2C (Large): an invoice to an unregistered person in another state above
 * ₹1,00,000 (₹2,50,000 until July 2024) is listed on its own; smaller ones are summed by
 * state and rate (B2C Small).
 */
export const B2CL_LIMIT: Minor = 10_000_000

/** One invoice line of the month (posted, not void, issued in the month). */
export interface TaxReportLine {
  invoiceId: number
  number: string
  /** yyyy-mm-dd, the store's calendar day. */
  issueDate: string
  customerId: number
  customerName: string
  customerGstin: string | null
  placeOfSupply: string | null
  treatment: TaxTreatment
  invoiceTotal: Minor
  complimentary: boolean
  description: string
  sac: string | null
  quantity: number
  taxRate: BasisPoints
  taxable: Minor
  tax: Minor
}

/** A deposit taken (`received`), or used / refunded (`adjusted`, negative when reversed), in the month. */
export interface AdvanceMovement {
  kind: 'received' | 'adjusted'
  amount: Minor
  taxRate: BasisPoints
  placeOfSupply: string | null
  treatment: TaxTreatment
}

export interface InvoiceTax extends TaxFigures {
  id: number
  number: string
  issueDate: string
  customer: { id: number; name: string }
  customerGstin: string | null
  placeOfSupply: string | null
  treatment: TaxTreatment
  /** The invoice value (its total). */
  value: Minor
  taxable: Minor
  byRate: RateGroup[]
}

export interface PlaceRateGroup extends RateGroup {
  placeOfSupply: string | null
}

export interface SacGroup extends RateGroup {
  sac: string | null
  description: string
  quantity: number
  /** taxable + tax */
  value: Minor
}

export interface TaxReportTotals extends TaxFigures {
  invoices: number
  taxable: Minor
  /** Σ invoice values. */
  value: Minor
}

export interface TaxReport {
  summary: TaxReportTotals
  byRate: RateGroup[]
  /** Registered customers, by GSTIN, each with its invoices. */
  b2b: { gstin: string; customer: { id: number; name: string }; invoices: InvoiceTax[]; taxable: Minor; tax: Minor }[]
  /** Unregistered customers in another state, invoices above B2CL_LIMIT, one by one. */
  b2cLarge: InvoiceTax[]
  /** Every other sale to unregistered customers, by place of supply and rate. */
  b2c: PlaceRateGroup[]
  /** By SAC / HSN and rate. */
  hsn: SacGroup[]
  /** Complimentary bills: zero-value, listed only by count. */
  zeroValue: { invoices: number }
  /** Bills of supply (the store was not registered when they were made): no tax. */
  billsOfSupply: { invoices: number; value: Minor }
  advances: { received: (PlaceRateGroup & { amount: Minor })[]; adjusted: (PlaceRateGroup & { amount: Minor })[] }
  /** Tax due for the month: invoices + advances received − advances adjusted − credit notes. */
  netTax: TaxFigures
}

const add = <T extends TaxFigures & { taxable: Minor }>(into: T, group: RateGroup) => {
  into.taxable += group.taxable
  into.taxTotal += group.tax
  into.cgst += group.cgst
  into.sgst += group.sgst
  into.igst += group.igst
}

const addGroup = (into: RateGroup, group: Pick<RateGroup, 'taxable' | 'tax' | 'cgst' | 'sgst' | 'igst'>) => {
  into.taxable += group.taxable
  into.tax += group.tax
  into.cgst += group.cgst
  into.sgst += group.sgst
  into.igst += group.igst
}

const emptyGroup = (taxRate: BasisPoints): RateGroup => ({ taxRate, taxable: 0, tax: 0, cgst: 0, sgst: 0, igst: 0 })
const byRateThenPlace = (a: PlaceRateGroup, b: PlaceRateGroup) => (a.placeOfSupply ?? '').localeCompare(b.placeOfSupply ?? '') || a.taxRate - b.taxRate

/** Each invoice's lines as its tax by rate — split exactly as when the invoice was made (groupByRate). */
export function invoicesOf(lines: readonly TaxReportLine[]): InvoiceTax[] {
  const invoices = new Map<number, { first: TaxReportLine; lines: TaxReportLine[] }>()
  for (const line of lines) {
    const entry = invoices.get(line.invoiceId)
    if (entry) entry.lines.push(line)
    else invoices.set(line.invoiceId, { first: line, lines: [line] })
  }
  return [...invoices.values()]
    .map(({ first, lines: own }) => {
      const byRate = groupByRate(own, first.treatment)
      return {
        id: first.invoiceId,
        number: first.number,
        issueDate: first.issueDate,
        customer: { id: first.customerId, name: first.customerName },
        customerGstin: first.customerGstin,
        placeOfSupply: first.placeOfSupply,
        treatment: first.treatment,
        value: first.invoiceTotal,
        taxable: byRate.reduce((total, group) => total + group.taxable, 0),
        byRate,
        ...sumFigures(byRate),
      }
    })
    .sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number, 'en', { numeric: true }))
}

export function taxReportOf(
  lines: readonly TaxReportLine[],
  movements: readonly AdvanceMovement[] = [],
  creditNotes: TaxFigures = { taxTotal: 0, cgst: 0, sgst: 0, igst: 0 },
): TaxReport {
  const complimentary = new Set(lines.filter((line) => line.complimentary).map((line) => line.invoiceId))
  const all = invoicesOf(lines.filter((line) => !line.complimentary))
  const unregistered = all.filter((invoice) => invoice.treatment === 'unregistered')
  const taxed = all.filter((invoice) => invoice.treatment !== 'unregistered')

  const summary: TaxReportTotals = { invoices: taxed.length, taxable: 0, value: 0, taxTotal: 0, cgst: 0, sgst: 0, igst: 0 }
  const rates = new Map<BasisPoints, RateGroup>()
  const b2b = new Map<string, TaxReport['b2b'][number]>()
  const b2cLarge: InvoiceTax[] = []
  const b2c = new Map<string, PlaceRateGroup>()
  for (const invoice of taxed) {
    summary.value += invoice.value
    for (const group of invoice.byRate) {
      add(summary, group)
      const rate = rates.get(group.taxRate) ?? emptyGroup(group.taxRate)
      addGroup(rate, group)
      rates.set(group.taxRate, rate)
    }
    if (invoice.customerGstin) {
      const entry = b2b.get(invoice.customerGstin) ?? { gstin: invoice.customerGstin, customer: invoice.customer, invoices: [], taxable: 0, tax: 0 }
      entry.invoices.push(invoice)
      entry.taxable += invoice.taxable
      entry.tax += invoice.taxTotal
      b2b.set(invoice.customerGstin, entry)
    } else if (invoice.treatment === 'inter' && invoice.value > B2CL_LIMIT) {
      b2cLarge.push(invoice)
    } else {
      for (const group of invoice.byRate) {
        const key = `${invoice.placeOfSupply ?? ''}|${group.taxRate}`
        const entry = b2c.get(key) ?? { placeOfSupply: invoice.placeOfSupply, ...emptyGroup(group.taxRate) }
        addGroup(entry, group)
        b2c.set(key, entry)
      }
    }
  }

  // HSN / SAC summary: per line, its tax split as its invoice's treatment splits it.
  const hsn = new Map<string, SacGroup>()
  for (const line of lines) {
    if (line.complimentary || line.treatment === 'unregistered') continue
    const key = `${line.sac ?? ''}|${line.taxRate}`
    const entry = hsn.get(key) ?? { sac: line.sac, description: line.description, quantity: 0, value: 0, ...emptyGroup(line.taxRate) }
    addGroup(entry, { taxable: line.taxable, tax: line.tax, ...splitTax(line.tax, line.treatment) })
    entry.quantity += line.quantity
    entry.value += line.taxable + line.tax
    hsn.set(key, entry)
  }

  const advances = { received: new Map<string, PlaceRateGroup & { amount: Minor }>(), adjusted: new Map<string, PlaceRateGroup & { amount: Minor }>() }
  for (const movement of movements) {
    if (movement.taxRate === 0 || movement.treatment === 'unregistered') continue
    const sign = movement.amount < 0 ? -1 : 1
    const part = advanceTax(Math.abs(movement.amount), movement.taxRate, movement.treatment)
    const target = advances[movement.kind]
    const key = `${movement.placeOfSupply ?? ''}|${movement.taxRate}`
    const entry = target.get(key) ?? { placeOfSupply: movement.placeOfSupply, amount: 0, ...emptyGroup(movement.taxRate) }
    entry.amount += sign * Math.abs(movement.amount)
    addGroup(entry, { taxable: sign * part.taxable, tax: sign * part.tax, cgst: sign * part.cgst, sgst: sign * part.sgst, igst: sign * part.igst })
    target.set(key, entry)
  }
  const received = [...advances.received.values()].sort(byRateThenPlace)
  const adjusted = [...advances.adjusted.values()].sort(byRateThenPlace)
  const net = (field: keyof TaxFigures, groupField: 'tax' | 'cgst' | 'sgst' | 'igst') =>
    summary[field] + received.reduce((total, group) => total + group[groupField], 0) - adjusted.reduce((total, group) => total + group[groupField], 0) - creditNotes[field]

  return {
    summary,
    byRate: [...rates.values()].sort((a, b) => a.taxRate - b.taxRate),
    b2b: [...b2b.values()].sort((a, b) => a.gstin.localeCompare(b.gstin)),
    b2cLarge,
    b2c: [...b2c.values()].sort(byRateThenPlace),
    hsn: [...hsn.values()].sort((a, b) => (a.sac ?? '').localeCompare(b.sac ?? '') || a.taxRate - b.taxRate),
    zeroValue: { invoices: complimentary.size },
    billsOfSupply: { invoices: unregistered.length, value: unregistered.reduce((total, invoice) => total + invoice.value, 0) },
    advances: { received, adjusted },
    netTax: { taxTotal: net('taxTotal', 'tax'), cgst: net('cgst', 'cgst'), sgst: net('sgst', 'sgst'), igst: net('igst', 'igst') },
  }
}
