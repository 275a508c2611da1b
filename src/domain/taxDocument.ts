/**
 * What a bill's documents say about tax (SPEC §12): a registered store's bill is a
 * `TAX INVOICE` with its tax number, the customer's GSTIN if any, the place of supply and a
 * tax summary by rate; an unregistered Indian store's is a `BILL OF SUPPLY` with no tax
 * lines. Receipts, the invoice page, PDFs and statements all print from this one shape.
 */
import { placeOfSupplyName } from './gstin'
import type { Minor } from './money'
import { halfRatePercent, ratePercent, usesGst, type RateGroup, type TaxTreatment } from './tax'

export interface TaxDocumentInput {
  /** The store's currency: GST (INR) or one tax elsewhere. */
  currency: string
  /** GST, VAT, Sales tax… */
  taxLabel: string
  treatment: TaxTreatment
  supplierGstin: string | null
  customerGstin: string | null
  /** The customer's state when known (GST). */
  placeOfSupply: string | null
  byRate: readonly RateGroup[]
  taxTotal: Minor
}

export interface TaxDocument {
  /** `TAX INVOICE` or `BILL OF SUPPLY`. */
  heading: string
  /** Printed under the heading: the tax numbers, the place of supply. */
  headerLines: string[]
  /** Rows after the total: taxable value, then each rate's tax. Empty on a bill of supply. */
  summary: { label: string; amount: Minor }[]
}

/** The document's tax parts; null for an unregistered store outside India (a plain receipt). */
export function taxDocument(input: TaxDocumentInput, money: (minor: Minor) => string): TaxDocument | null {
  const gst = usesGst(input)
  if (input.treatment === 'unregistered') return gst ? { heading: 'BILL OF SUPPLY', headerLines: [], summary: [] } : null
  const headerLines = [`${gst ? 'GSTIN' : `${input.taxLabel} No.`}: ${input.supplierGstin ?? ''}`]
  if (input.customerGstin) headerLines.push(`Customer ${gst ? 'GSTIN' : `${input.taxLabel} No.`}: ${input.customerGstin}`)
  if (gst && (input.customerGstin || input.placeOfSupply)) headerLines.push(`Place of supply: ${placeOfSupplyName(input.placeOfSupply)}`)

  const taxed = input.byRate.filter((group) => group.taxRate > 0)
  const summary: { label: string; amount: Minor }[] = [{ label: 'Taxable value', amount: input.byRate.reduce((total, group) => total + group.taxable, 0) }]
  const on = (group: RateGroup) => (taxed.length > 1 ? ` on ${money(group.taxable)}` : '')
  for (const group of taxed) {
    if (input.treatment === 'intra') {
      summary.push(
        { label: `CGST ${halfRatePercent(group.taxRate)}${on(group)}`, amount: group.cgst },
        { label: `SGST ${halfRatePercent(group.taxRate)}${on(group)}`, amount: group.sgst },
      )
    } else if (input.treatment === 'inter') {
      summary.push({ label: `IGST ${ratePercent(group.taxRate)}${on(group)}`, amount: group.igst })
    } else {
      summary.push({ label: `${input.taxLabel} ${ratePercent(group.taxRate)}${on(group)}`, amount: group.tax })
    }
  }
  if (taxed.length !== 1 || input.treatment === 'intra') summary.push({ label: `Total ${input.taxLabel}`, amount: input.taxTotal })
  return { heading: 'TAX INVOICE', headerLines, summary }
}

/**
 * A registered store's deposit receipt is a receipt voucher (GST on advances for services,
 * README "Tax on advances"): the tax inside the advance, at the rate kept on the deposit;
 * the bill that uses the advance adjusts it. Null when the deposit carries no tax.
 */
export function receiptVoucher(
  input: { currency: string; taxLabel: string; treatment: TaxTreatment; supplierGstin: string | null; customerGstin: string | null; placeOfSupply: string | null },
  advance: RateGroup,
): TaxDocument | null {
  if (input.treatment === 'unregistered' || advance.tax === 0) return null
  const money = (minor: Minor) => String(minor)
  const document = taxDocument({ ...input, byRate: [advance], taxTotal: advance.tax }, money)
  if (!document) return null
  return {
    heading: 'RECEIPT VOUCHER',
    headerLines: document.headerLines,
    summary: [{ label: `Advance: value before ${input.taxLabel}`, amount: advance.taxable }, ...document.summary.slice(1)],
  }
}
