import { addDays } from '@/domain/dates'
import { RuleError } from '@/domain/errors'
import { creditNoteTax, groupByRate, isRegistered, taxTreatment, usesGst, type TaxFigures, type TaxTreatment } from '@/domain/tax'
import { taxReportOf, type AdvanceMovement, type TaxReportLine } from '@/domain/taxReport'
import { sql, toMinor, type Db } from '@/ledger/db'

import type { StoreRef } from './dashboard'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The first and last day of a yyyy-mm month (400 naming `month` otherwise). */
export function monthDays(month: string): { from: string; to: string } {
  const match = MONTH.exec(month)
  if (!match) throw new RuleError(`month must be a month like 2026-12, got ${JSON.stringify(month)}`, 'month', 400)
  const [year, number] = [Number(match[1]), Number(match[2])]
  const next = number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`
  return { from: `${month}-01`, to: addDays(next, -1) }
}

/**
 * SPEC §12: `GET /api/reports/tax?store&month=YYYY-MM` — the invoices issued in the month (store
 * calendar days; posted, not void) with their lines' rates, taxable values and tax as stored,
 * and the deposits taken, used and refunded in the month (store days of their instants), with
 * the tax inside them. The figures are worked out by taxReportOf (src/domain/taxReport.ts).
 */
export async function taxReport(db: Db, store: StoreRef, month: string) {
  const { from, to } = monthDays(month)
  const { rows: stores } = await db.execute(sql`
    SELECT name, currency, locale, gstin, state_code, tax_label, prices_include_tax, default_tax_rate FROM stores WHERE id = ${store.id}`)
  const row = stores[0]!
  const settings = {
    id: store.id,
    name: String(row.name),
    currency: String(row.currency),
    locale: String(row.locale),
    gstin: (row.gstin as string | null) ?? null,
    stateCode: (row.state_code as string | null) ?? null,
    taxLabel: String(row.tax_label ?? 'GST'),
    pricesIncludeTax: row.prices_include_tax === true,
    defaultTaxRate: Number(row.default_tax_rate ?? 0),
  }

  // Calendar days are stored at noon UTC: the month's are [from 00:00, to + 1 00:00) in UTC.
  const { rows: lineRows } = await db.execute(sql`
    SELECT i.id, i.number, to_char(i.issue_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS issue_day, i.customer_id, c.name AS customer_name,
           i.customer_gstin, i.place_of_supply, i.tax_treatment::text AS treatment, i.total, coalesce(i.complimentary, false) AS complimentary,
           it.description, it.sac, it.quantity, it.tax_rate, it.taxable, it.tax
      FROM invoices i
      JOIN invoices_items it ON it._parent_id = i.id
      JOIN customers c ON c.id = i.customer_id
     WHERE i.store_id = ${store.id} AND i.status NOT IN ('draft', 'void')
       AND i.issue_date >= (${from}::timestamp AT TIME ZONE 'UTC') AND i.issue_date < ((${to}::date + 1)::timestamp AT TIME ZONE 'UTC')
     ORDER BY i.issue_date, i.id, it._order`)
  const lines: TaxReportLine[] = lineRows.map((line) => ({
    invoiceId: Number(line.id),
    number: String(line.number),
    issueDate: String(line.issue_day),
    customerId: Number(line.customer_id),
    customerName: String(line.customer_name),
    customerGstin: (line.customer_gstin as string | null) ?? null,
    placeOfSupply: (line.place_of_supply as string | null) ?? null,
    treatment: String(line.treatment) as TaxTreatment,
    invoiceTotal: toMinor(line.total),
    complimentary: line.complimentary === true,
    description: String(line.description),
    sac: (line.sac as string | null) ?? null,
    quantity: Number(line.quantity),
    taxRate: Number(line.tax_rate),
    taxable: toMinor(line.taxable),
    tax: toMinor(line.tax),
  }))

  // Deposits with tax in them: taken in the month (received); used on bills, refunded or
  // reversed in the month (adjusted — a reversing use is negative). Instants → store days.
  const { rows: movementRows } = await db.execute(sql`
    WITH month AS (
      SELECT (${from}::timestamp AT TIME ZONE ${store.timezone}) AS starts, ((${to}::date + 1)::timestamp AT TIME ZONE ${store.timezone}) AS ends
    )
    SELECT 'received' AS kind, t.amount, a.tax_rate, c.gstin, c.state_code
      FROM transactions t JOIN advance_payments a ON a.id = t.advance_payment_id JOIN customers c ON c.id = a.customer_id, month m
     WHERE t.store_id = ${store.id} AND t.kind = 'advance_deposit' AND a.tax_rate > 0 AND t.date >= m.starts AND t.date < m.ends
    UNION ALL
    SELECT 'adjusted', u.amount, a.tax_rate, c.gstin, c.state_code
      FROM advance_utilizations u JOIN advance_payments a ON a.id = u.advance_payment_id JOIN customers c ON c.id = a.customer_id, month m
     WHERE u.store_id = ${store.id} AND a.tax_rate > 0 AND u.created_at >= m.starts AND u.created_at < m.ends
    UNION ALL
    SELECT 'adjusted', t.amount, a.tax_rate, c.gstin, c.state_code
      FROM transactions t JOIN advance_payments a ON a.id = t.advance_payment_id JOIN customers c ON c.id = a.customer_id, month m
     WHERE t.store_id = ${store.id} AND t.kind IN ('advance_refund', 'reversal') AND a.tax_rate > 0 AND t.date >= m.starts AND t.date < m.ends`)
  const movements: AdvanceMovement[] = movementRows.map((movement) => {
    const customer = { gstin: (movement.gstin as string | null) ?? null, stateCode: (movement.state_code as string | null) ?? null }
    const treatment = taxTreatment(settings, customer)
    return {
      kind: movement.kind === 'received' ? 'received' : 'adjusted',
      amount: toMinor(movement.amount),
      taxRate: Number(movement.tax_rate),
      placeOfSupply: usesGst(settings) ? customer.stateCode || customer.gstin?.slice(0, 2) || settings.stateCode : null,
      treatment,
    }
  })

  // SPEC §9 credit notes issued in the month (store days of their instants) take tax back in
  // proportion to their invoice's rates (creditNoteTax), whatever month the invoice was issued in.
  const { rows: noteRows } = await db.execute(sql`
    WITH month AS (
      SELECT (${from}::timestamp AT TIME ZONE ${store.timezone}) AS starts, ((${to}::date + 1)::timestamp AT TIME ZONE ${store.timezone}) AS ends
    )
    SELECT n.id, n.number, n.amount, i.id AS invoice_id, i.number AS invoice_number, i.tax_treatment::text AS treatment,
           coalesce(jsonb_agg(jsonb_build_object('taxRate', it.tax_rate, 'taxable', it.taxable, 'tax', it.tax) ORDER BY it._order)
                      FILTER (WHERE it.id IS NOT NULL), '[]') AS lines
      FROM credit_notes n JOIN invoices i ON i.id = n.invoice_id LEFT JOIN invoices_items it ON it._parent_id = i.id, month m
     WHERE n.store_id = ${store.id} AND i.status <> 'void' AND n.date >= m.starts AND n.date < m.ends
     GROUP BY n.id, i.id
     ORDER BY n.date, n.id`)
  const creditNotes = noteRows.map((note) => {
    const treatment = String(note.treatment) as TaxTreatment
    const invoiceLines = (note.lines as { taxRate: number; taxable: unknown; tax: unknown }[]).map((line) => ({
      taxRate: Number(line.taxRate),
      taxable: toMinor(line.taxable),
      tax: toMinor(line.tax),
    }))
    const amount = toMinor(note.amount)
    const tax = creditNoteTax(amount, { byRate: groupByRate(invoiceLines, treatment), treatment })
    return { id: Number(note.id), number: String(note.number), invoice: { id: Number(note.invoice_id), number: String(note.invoice_number) }, amount, treatment, ...tax }
  })
  const creditNoteTotals: TaxFigures = { taxTotal: 0, cgst: 0, sgst: 0, igst: 0 }
  for (const note of creditNotes) {
    if (note.treatment === 'unregistered') continue
    creditNoteTotals.taxTotal += note.taxTotal
    creditNoteTotals.cgst += note.cgst
    creditNoteTotals.sgst += note.sgst
    creditNoteTotals.igst += note.igst
  }

  return {
    store: { ...settings, registered: isRegistered(settings), gst: usesGst(settings) },
    month,
    from,
    to,
    ...taxReportOf(lines, movements, creditNoteTotals),
    creditNotes,
  }
}

export type TaxReportAnswer = Awaited<ReturnType<typeof taxReport>>
