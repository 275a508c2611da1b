/**
 * SPEC §12 on the documents of SPEC §10 (issue 17): a registered store's bill is a TAX INVOICE
 * with its GSTIN, the customer's, the place of supply and the tax summary by rate — on the
 * thermal receipt at both widths (the reprint equal to the checkout's), the invoice PDF, what
 * the share page shows and the statement PDF; an unregistered store's is a BILL OF SUPPLY with no tax lines.
 * PDFs are read back with poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { sharedDocument } from '@/documents/sharedDocument'
import { formatMoney } from '@/domain/money'

import { unique } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newPhone, newWorld, type World } from '../helpers/world'

/** Published GSTINs with valid check characters: the store in Maharashtra, a customer in Karnataka. */
const STORE_GSTIN = '27AAPFU0939F1ZV'
const KARNATAKA_GSTIN = '29AAGCB7383J1Z4'

let gst: World
let plain: World
const money = (minor: number) => formatMoney(minor, 'INR', 'en-IN')

beforeAll(async () => {
  gst = await newWorld({ name: 'Glow Salon GST', gstin: STORE_GSTIN, pricesIncludeTax: false, defaultTaxRate: 1800 })
  plain = await newWorld({ name: 'Corner Salon' })
})
afterEach(expectLedgerClean)

async function raw(world: World, pathname: string, token: string) {
  const response = await fetch(`${world.api.baseUrl}${pathname}`, { headers: { Authorization: `JWT ${token}` } })
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

function pdfText(pdf: Buffer, png?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-pdf-'))
  const file = path.join(dir, 'doc.pdf')
  writeFileSync(file, pdf)
  if (png) {
    const out = path.resolve('test-results', 'pdf')
    mkdirSync(out, { recursive: true })
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(out, png)])
  }
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

async function service(world: World, data: Record<string, unknown>): Promise<number> {
  const { status, body } = await world.api.post('/api/services', { token: world.tokens.owner, body: { store: world.store.id, ...data } })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.doc.id
}

async function b2bCustomer(world: World) {
  const { status, body } = await world.api.post('/api/customers/resolve', {
    token: world.tokens.cashier,
    body: { store: world.store.id, phone: newPhone(), name: unique('Lotus Events'), gstin: KARNATAKA_GSTIN },
  })
  expect(status, JSON.stringify(body)).toBe(201)
  return body.customer as { id: number; name: string }
}

describe('the thermal receipt of a registered store (SPEC §10 widths, §12 tax)', () => {
  it('within the state: TAX INVOICE, the GSTIN and CGST + SGST per rate after TOTAL; the reprint at 48 columns is the checkout receipt; at 32 every line fits', async () => {
    // Hair spa ₹1,200 at 18 % and a product at 5 %: taxable 1,200 + 400, tax 216 + 20.
    const spa = await service(gst, { name: unique('Hair spa'), sac: '999721', price: 120_000, taxRate: 1800 })
    const oil = await service(gst, { name: unique('Hair oil'), sac: '3305', price: 40_000, taxRate: 500 })
    const customer = await newCustomer(gst)
    const sale = await checkoutAs(gst, gst.tokens.cashier, { customer: customer.id, items: [{ service: spa }, { service: oil }], payments: [{ method: 'cash', amount: 183_600 }] })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    expect(sale.body.bill).toMatchObject({ subtotal: 160_000, taxTotal: 23_600, cgst: 11_800, sgst: 11_800, igst: 0, total: 183_600, amountDue: 0 })
    const text: string = sale.body.receipt.text

    const reprint = await raw(gst, `/api/invoices/${sale.body.bill.id}/receipt`, gst.tokens.cashier)
    expect(reprint.status).toBe(200)
    expect(reprint.bytes.toString('utf8')).toBe(text)
    const head = text.split('\n').map((line) => line.trim())
    expect(head.slice(0, 2)).toEqual(['Glow Salon GST', 'TAX INVOICE'])
    expect(head[2]).toBe(`GSTIN: ${STORE_GSTIN}`)
    // Two rates: each half is named with the taxable value it is on; then the total tax.
    expect(text).toMatch(
      /TOTAL +₹1,836\.00\nTaxable value +₹1,600\.00\nCGST 2\.5% on ₹400\.00 +₹10\.00\nSGST 2\.5% on ₹400\.00 +₹10\.00\nCGST 9% on ₹1,200\.00 +₹108\.00\nSGST 9% on ₹1,200\.00 +₹108\.00\nTotal GST +₹236\.00/,
    )
    expect(text).toContain('PAID IN FULL')

    const narrow = (await raw(gst, `/api/invoices/${sale.body.bill.id}/receipt?width=32`, gst.tokens.cashier)).bytes.toString('utf8')
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(32)
    const flat = narrow.replace(/\s+/g, ' ')
    for (const expected of ['TAX INVOICE', `GSTIN: ${STORE_GSTIN}`, 'Taxable value ₹1,600.00', '₹108.00', 'Total GST ₹236.00', 'TOTAL ₹1,836.00']) expect(flat).toContain(expected)
  })

  it('another state: IGST, the customer’s GSTIN and the place of supply, at both widths', async () => {
    const customer = await b2bCustomer(gst)
    const sale = await checkoutAs(gst, gst.tokens.cashier, { customer: customer.id, items: [{ description: 'Bridal styling', quantity: 1, unitPrice: 1_000_000 }] })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    expect(sale.body.bill).toMatchObject({ taxTotal: 180_000, cgst: 0, sgst: 0, igst: 180_000, total: 1_180_000 })
    for (const width of [32, 48]) {
      const text = (await raw(gst, `/api/invoices/${sale.body.bill.id}/receipt?width=${width}`, gst.tokens.owner)).bytes.toString('utf8').replace(/\s+/g, ' ')
      for (const expected of ['TAX INVOICE', `Customer GSTIN: ${KARNATAKA_GSTIN}`, 'Place of supply: 29-Karnataka', 'IGST 18% ₹1,800.00', 'FULL AMOUNT PENDING: ₹11,800.00']) {
        expect(text).toContain(expected)
      }
      expect(text).not.toMatch(/CGST|SGST/)
    }
  })

  it('an unregistered store: BILL OF SUPPLY, no tax lines, at both widths', async () => {
    const customer = await newCustomer(plain)
    const sale = await checkoutAs(plain, plain.tokens.cashier, { customer: customer.id, items: [{ description: 'Haircut', quantity: 1, unitPrice: 50_000 }] })
    for (const width of [32, 48]) {
      const text = (await raw(plain, `/api/invoices/${sale.body.bill.id}/receipt?width=${width}`, plain.tokens.owner)).bytes.toString('utf8')
      expect(text.split('\n').map((line) => line.trim())[1]).toBe('BILL OF SUPPLY')
      expect(text).not.toMatch(/GSTIN|Taxable|CGST|SGST|IGST/)
    }
  })
})

describe('PDFs and the share page carry the tax', () => {
  it('the invoice PDF: TAX INVOICE, both GSTINs, the place of supply, SAC and rate per line, the summary by rate — the amounts the ledger holds', async () => {
    const styling = await service(gst, { name: unique('Bridal styling'), sac: '999722', price: 1_000_000, taxRate: 1800 })
    const customer = await b2bCustomer(gst)
    const created = await gst.api.post('/api/invoices', {
      token: gst.tokens.owner,
      body: { store: gst.store.id, customer: customer.id, kind: 'invoice', items: [{ service: styling, quantity: 1 }], status: 'open' },
    })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const id = created.body.doc.id
    const ledger = (await gst.api.get(`/api/invoices/${id}?depth=0`, { token: gst.tokens.owner })).body
    expect(ledger).toMatchObject({ total: 1_180_000, taxTotal: 180_000, igst: 180_000, customerGstin: KARNATAKA_GSTIN, placeOfSupply: '29' })

    const pdf = await raw(gst, `/api/invoices/${id}/pdf`, gst.tokens.owner)
    expect(pdf.status).toBe(200)
    const text = pdfText(pdf.bytes, 'tax-invoice-pdf')
    for (const expected of ['TAX INVOICE', `GSTIN: ${STORE_GSTIN}`, `Customer GSTIN: ${KARNATAKA_GSTIN}`, 'Place of supply: 29-Karnataka', '999722', '18%']) {
      expect(text).toContain(expected)
    }
    expect(text).toMatch(/Taxable value +₹10,000\.00/)
    expect(text).toMatch(/IGST 18% +₹1,800\.00/)
    expect(text).toMatch(/Total +₹11,800\.00/)
    expect(text).not.toMatch(/CGST|SGST/)

    // What the share page of the same invoice shows (SPEC §10): the same heading and summary.
    const link = await gst.api.post('/api/share-links', { token: gst.tokens.owner, body: { document: 'invoice', id, expiresInDays: 7 } })
    expect(link.status, JSON.stringify(link.body)).toBe(201)
    const view = await sharedDocument(await testPayload(), String(link.body.url).split('/s/')[1]!)
    expect(view?.kind).toBe('invoice')
    const tax = view?.kind === 'invoice' ? view.invoice.tax : null
    expect(tax).toEqual({
      heading: 'TAX INVOICE',
      headerLines: [`GSTIN: ${STORE_GSTIN}`, `Customer GSTIN: ${KARNATAKA_GSTIN}`, 'Place of supply: 29-Karnataka'],
      summary: [
        { label: 'Taxable value', amount: 1_000_000 },
        { label: 'IGST 18%', amount: 180_000 },
      ],
    })
  })

  it('an unregistered store’s PDF is a BILL OF SUPPLY without SAC, rate or tax rows', async () => {
    const customer = await newCustomer(plain, 'Walk-in Guest')
    const sale = await checkoutAs(plain, plain.tokens.cashier, { customer: customer.id, items: [{ description: 'Haircut', quantity: 1, unitPrice: 50_000 }] })
    const text = pdfText((await raw(plain, `/api/invoices/${sale.body.bill.id}/pdf`, plain.tokens.owner)).bytes)
    expect(text).toContain('BILL OF SUPPLY')
    expect(text).not.toMatch(/GSTIN|Taxable|CGST|SGST|IGST|SAC|Rate/)
  })

  it('the statement PDF: the store’s GSTIN, each bill’s tax and the period’s', async () => {
    const customer = await newCustomer(gst, 'Statement Guest')
    await checkoutAs(gst, gst.tokens.cashier, { customer: customer.id, items: [{ description: 'Haircut', quantity: 1, unitPrice: 50_000 }] })
    await checkoutAs(gst, gst.tokens.cashier, { customer: customer.id, items: [{ description: 'Facial', quantity: 1, unitPrice: 100_000 }] })
    const pdf = await raw(gst, `/api/customers/${customer.id}/statement.pdf`, gst.tokens.owner)
    expect(pdf.status).toBe(200)
    const text = pdfText(pdf.bytes, 'tax-statement-pdf')
    expect(text).toMatch(new RegExp(`Statement[\\s\\S]*GSTIN: ${STORE_GSTIN}[\\s\\S]*Opening balance`))
    expect(text).toContain(`(incl. GST ${money(9_000)})`)
    expect(text).toContain(`(incl. GST ${money(18_000)})`)
    expect(text).toMatch(/of which GST +₹270\.00/)
  })
})
