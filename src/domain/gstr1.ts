/**
 * The month's tax report as the CSV files an accountant loads into the GSTR-1 offline tool
 * (one file per table, its column names): b2b, b2cl, b2cs, hsn, at (advances received),
 * atadj (advances adjusted) — and `summary`, one row per rate with CGST / SGST / IGST, for
 * any store (a VAT store's tax is in the `tax` column). Amounts in rupees with paise
 * ("1180.00"), rates in percent ("18.00"), dates as the tool writes them ("05-Dec-2026").
 */
import Decimal from 'decimal.js'

import { placeOfSupplyName } from './gstin'
import type { Minor } from './money'
import type { TaxReport } from './taxReport'

export const GSTR1_SECTIONS = ['summary', 'b2b', 'b2cl', 'b2cs', 'hsn', 'at', 'atadj'] as const
export type Gstr1Section = (typeof GSTR1_SECTIONS)[number]

export interface CsvTable {
  columns: string[]
  rows: Record<string, string | number>[]
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** 2026-12-05 → 05-Dec-2026. */
export const gstrDate = (day: string) => `${day.slice(8, 10)}-${MONTHS[Number(day.slice(5, 7)) - 1]}-${day.slice(0, 4)}`

export function gstr1Table(report: TaxReport, section: Gstr1Section, digits = 2): CsvTable {
  const amount = (minor: Minor) => new Decimal(minor).dividedBy(new Decimal(10).pow(digits)).toFixed(digits)
  const rate = (basisPoints: number) => new Decimal(basisPoints).dividedBy(100).toFixed(2)
  const place = (code: string | null) => placeOfSupplyName(code)
  switch (section) {
    case 'summary':
      return {
        columns: ['Rate', 'Taxable Value', 'Integrated Tax', 'Central Tax', 'State/UT Tax', 'Tax'],
        rows: report.byRate.map((group) => ({
          Rate: rate(group.taxRate),
          'Taxable Value': amount(group.taxable),
          'Integrated Tax': amount(group.igst),
          'Central Tax': amount(group.cgst),
          'State/UT Tax': amount(group.sgst),
          Tax: amount(group.tax),
        })),
      }
    case 'b2b':
      return {
        columns: [
          'GSTIN/UIN of Recipient',
          'Receiver Name',
          'Invoice Number',
          'Invoice date',
          'Invoice Value',
          'Place Of Supply',
          'Reverse Charge',
          'Applicable % of Tax Rate',
          'Invoice Type',
          'E-Commerce GSTIN',
          'Rate',
          'Taxable Value',
          'Cess Amount',
        ],
        rows: report.b2b.flatMap((customer) =>
          customer.invoices.flatMap((invoice) =>
            invoice.byRate.map((group) => ({
              'GSTIN/UIN of Recipient': customer.gstin,
              'Receiver Name': invoice.customer.name,
              'Invoice Number': invoice.number,
              'Invoice date': gstrDate(invoice.issueDate),
              'Invoice Value': amount(invoice.value),
              'Place Of Supply': place(invoice.placeOfSupply),
              'Reverse Charge': 'N',
              'Applicable % of Tax Rate': '',
              'Invoice Type': 'Regular B2B',
              'E-Commerce GSTIN': '',
              Rate: rate(group.taxRate),
              'Taxable Value': amount(group.taxable),
              'Cess Amount': '',
            })),
          ),
        ),
      }
    case 'b2cl':
      return {
        columns: ['Invoice Number', 'Invoice date', 'Invoice Value', 'Place Of Supply', 'Applicable % of Tax Rate', 'Rate', 'Taxable Value', 'Cess Amount', 'E-Commerce GSTIN'],
        rows: report.b2cLarge.flatMap((invoice) =>
          invoice.byRate.map((group) => ({
            'Invoice Number': invoice.number,
            'Invoice date': gstrDate(invoice.issueDate),
            'Invoice Value': amount(invoice.value),
            'Place Of Supply': place(invoice.placeOfSupply),
            'Applicable % of Tax Rate': '',
            Rate: rate(group.taxRate),
            'Taxable Value': amount(group.taxable),
            'Cess Amount': '',
            'E-Commerce GSTIN': '',
          })),
        ),
      }
    case 'b2cs':
      return {
        columns: ['Type', 'Place Of Supply', 'Rate', 'Applicable % of Tax Rate', 'Taxable Value', 'Cess Amount', 'E-Commerce GSTIN'],
        rows: report.b2c.map((group) => ({
          Type: 'OE',
          'Place Of Supply': place(group.placeOfSupply),
          Rate: rate(group.taxRate),
          'Applicable % of Tax Rate': '',
          'Taxable Value': amount(group.taxable),
          'Cess Amount': '',
          'E-Commerce GSTIN': '',
        })),
      }
    case 'hsn':
      return {
        columns: [
          'HSN',
          'Description',
          'UQC',
          'Total Quantity',
          'Total Value',
          'Rate',
          'Taxable Value',
          'Integrated Tax Amount',
          'Central Tax Amount',
          'State/UT Tax Amount',
          'Cess Amount',
        ],
        rows: report.hsn.map((group) => ({
          HSN: group.sac ?? '',
          Description: group.description,
          // Services have no unit quantity code; goods sold by the piece are NOS.
          UQC: group.sac?.startsWith('99') ? 'NA' : 'NOS-NUMBERS',
          'Total Quantity': new Decimal(group.quantity).toFixed(2),
          'Total Value': amount(group.value),
          Rate: rate(group.taxRate),
          'Taxable Value': amount(group.taxable),
          'Integrated Tax Amount': amount(group.igst),
          'Central Tax Amount': amount(group.cgst),
          'State/UT Tax Amount': amount(group.sgst),
          'Cess Amount': '',
        })),
      }
    case 'at':
    case 'atadj': {
      const groups = section === 'at' ? report.advances.received : report.advances.adjusted
      const column = section === 'at' ? 'Gross Advance Received' : 'Gross Advance Adjusted'
      // The tool applies the rate to this column: the advance's value without the tax in it.
      return {
        columns: ['Place Of Supply', 'Applicable % of Tax Rate', 'Rate', column, 'Cess Amount'],
        rows: groups.map((group) => ({
          'Place Of Supply': place(group.placeOfSupply),
          'Applicable % of Tax Rate': '',
          Rate: rate(group.taxRate),
          [column]: amount(group.taxable),
          'Cess Amount': '',
        })),
      }
    }
  }
}
