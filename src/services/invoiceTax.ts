import { groupByRate, type RateGroup, type TaxTreatment } from '@/domain/tax'
import { taxDocument, type TaxDocument } from '@/domain/taxDocument'
import { formatMoney } from '@/domain/money'
import { sql, toMinor, type Db } from '@/ledger/db'

export interface InvoiceTax {
  treatment: TaxTreatment
  pricesIncludeTax: boolean
  supplierGstin: string | null
  customerGstin: string | null
  placeOfSupply: string | null
  taxTotal: number
  cgst: number
  sgst: number
  igst: number
  /** Per line, in order: SAC, rate, taxable value and tax as stored. */
  lines: { sac: string | null; taxRate: number; taxable: number; tax: number }[]
  /** The tax summary by rate (split as when the invoice was made). */
  byRate: RateGroup[]
}

/** An invoice's tax as stored (SPEC §12), for its documents: receipts, the invoice page, PDFs. */
export async function invoiceTax(db: Db, invoiceId: number): Promise<InvoiceTax | null> {
  const { rows } = await db.execute(sql`
    SELECT tax_treatment::text AS treatment, prices_include_tax, supplier_gstin, customer_gstin, place_of_supply, tax_total, cgst, sgst, igst
      FROM invoices WHERE id = ${invoiceId}`)
  const row = rows[0]
  if (!row) return null
  const { rows: items } = await db.execute(sql`SELECT sac, tax_rate, taxable, tax FROM invoices_items WHERE _parent_id = ${invoiceId} ORDER BY _order`)
  const treatment = String(row.treatment) as TaxTreatment
  const lines = items.map((item) => ({ sac: (item.sac as string | null) ?? null, taxRate: Number(item.tax_rate), taxable: toMinor(item.taxable), tax: toMinor(item.tax) }))
  return {
    treatment,
    pricesIncludeTax: row.prices_include_tax === true,
    supplierGstin: (row.supplier_gstin as string | null) ?? null,
    customerGstin: (row.customer_gstin as string | null) ?? null,
    placeOfSupply: (row.place_of_supply as string | null) ?? null,
    taxTotal: toMinor(row.tax_total),
    cgst: toMinor(row.cgst),
    sgst: toMinor(row.sgst),
    igst: toMinor(row.igst),
    lines,
    byRate: groupByRate(lines, treatment),
  }
}

/** The heading, tax numbers and summary a document prints for this invoice (taxDocument). */
export function invoiceTaxDocument(tax: InvoiceTax, store: { currency: string; locale: string; taxLabel: string }): TaxDocument | null {
  return taxDocument({ ...tax, currency: store.currency, taxLabel: store.taxLabel }, (minor) => formatMoney(minor, store.currency, store.locale))
}
