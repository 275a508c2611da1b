/**
 * SPEC §12 over real HTTP on real Postgres: the catalogue, tax on every bill and invoice
 * (GST within and across states, prices with and without tax, an unregistered store, a VAT
 * store in pounds), GSTIN checks on stores and customers, ledger:verify recomputing the tax,
 * and the month's tax report with its GSTR-1 CSV.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { taxedBillOf } from '@/domain/billLines'
import { advanceTaxRate } from '@/domain/tax'
import { sql } from '@/ledger/db'
import { verifyLedger } from '@/services/verifyLedger'

import { storeMonth, storeToday } from '../helpers/dates'
import { unique } from '../helpers/factories'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newPhone, newWorld, type World } from '../helpers/world'

/** Published GSTINs with valid check characters: the store in Maharashtra, a customer in Karnataka. */
const STORE_GSTIN = '27AAPFU0939F1ZV'
const KARNATAKA_GSTIN = '29AAGCB7383J1Z4'
const MAHARASHTRA_GSTIN = '27AAACR5055K1Z7'

let gst: World // registered in 27, prices without tax, 18 % for free-text lines
const db = async () => (await testPayload()).db.drizzle

async function ok<T = any>(response: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const { status: got, body } = await response
  expect(got, JSON.stringify(body)).toBe(status)
  return body
}

async function newService(world: World, data: Record<string, unknown>) {
  return (await ok(world.api.post('/api/services', { token: world.tokens.owner, body: { store: world.store.id, ...data } }), 201)).doc as { id: number }
}

async function customerWith(world: World, extra: Record<string, unknown>) {
  return (
    await ok(world.api.post('/api/customers/resolve', { token: world.tokens.cashier, body: { store: world.store.id, phone: newPhone(), name: unique('Firm'), ...extra } }), 201)
  ).customer as { id: number }
}

async function invoiceDoc(world: World, id: number) {
  return (await ok(world.api.get(`/api/invoices/${id}?depth=0`, { token: world.tokens.owner }), 200)) as any
}

beforeAll(async () => {
  gst = await newWorld({ gstin: STORE_GSTIN, pricesIncludeTax: false, defaultTaxRate: 1800 })
})

afterAll(async () => {
  await expectLedgerClean()
})

describe('tax on a POS bill (SPEC §12)', () => {
  it('the worked example: Hair spa ₹1,200 from the catalogue + a typed Haircut ₹500, less ₹170, at 18 % → ₹1,530 + CGST ₹137.70 + SGST ₹137.70 = ₹1,805.40', async () => {
    const spa = await newService(gst, { name: unique('Hair spa'), sac: '999721', price: 120_000, taxRate: 1800 })
    const { id: customer } = await newCustomer(gst)
    const sale = await ok(
      checkoutAs(gst, gst.tokens.cashier, {
        customer,
        // Line 1 names only the service: its name, price and rate are the catalogue's.
        items: [{ service: spa.id }, { description: 'Haircut', quantity: 1, unitPrice: 50_000 }],
        discount: 17_000,
        payments: [{ method: 'cash', amount: 180_540 }],
      }),
      201,
    )
    // discount shares 12000 / 5000 → taxable 108000 + 45000; tax 19440 + 8100 = 27540 = 13770 + 13770.
    expect(sale.bill).toMatchObject({ subtotal: 170_000, discount: 17_000, taxTotal: 27_540, cgst: 13_770, sgst: 13_770, igst: 0, total: 180_540, amountDue: 0, status: 'paid' })
    const doc = await invoiceDoc(gst, sale.bill.id)
    expect(doc).toMatchObject({ taxTreatment: 'intra', supplierGstin: STORE_GSTIN, placeOfSupply: '27', pricesIncludeTax: false })
    expect(doc.items.map((item: any) => [item.description, item.service, item.sac, item.taxRate, item.taxable, item.tax])).toEqual([
      [expect.stringMatching(/^Hair spa/), spa.id, '999721', 1800, 108_000, 19_440],
      ['Haircut', null, null, 1800, 45_000, 8_100],
    ])
    const text: string = sale.receipt.text
    expect(text).toContain('TAX INVOICE')
    expect(text).toContain(`GSTIN: ${STORE_GSTIN}`)
    expect(text).toMatch(/Taxable value\s+₹1,530\.00/)
    expect(text).toMatch(/CGST 9%\s+₹137\.70/)
    expect(text).toMatch(/SGST 9%\s+₹137\.70/)
    expect(text).toMatch(/TOTAL\s+₹1,805\.40/)
    expect(text).not.toContain('IGST')
  })

  it('a customer registered in another state: IGST, their GSTIN and the place of supply on the bill', async () => {
    const customer = await customerWith(gst, { gstin: KARNATAKA_GSTIN.toLowerCase() })
    const stored = await ok(gst.api.get(`/api/customers/${customer.id}?depth=0`, { token: gst.tokens.owner }), 200)
    expect(stored).toMatchObject({ gstin: KARNATAKA_GSTIN, stateCode: '29' }) // normalized; the state from the GSTIN
    const sale = await ok(checkoutAs(gst, gst.tokens.cashier, { customer: customer.id, items: [{ description: 'Styling', quantity: 1, unitPrice: 10_005 }], payments: [] }), 201)
    // 10005 × 18 % = 1800.9 → 1801, all IGST.
    expect(sale.bill).toMatchObject({ taxTotal: 1_801, cgst: 0, sgst: 0, igst: 1_801, total: 11_806, amountDue: 11_806 })
    expect(sale.receipt.text).toContain(`Customer GSTIN: ${KARNATAKA_GSTIN}`)
    expect(sale.receipt.text).toContain('Place of supply: 29-Karnataka')
    expect(sale.receipt.text).toMatch(/IGST 18%\s+₹18\.01/)
  })

  it('prices that include tax: a ₹500 service is ₹423.73 + ₹76.27 (CGST ₹38.14 + SGST ₹38.13) and the customer pays ₹500', async () => {
    const inclusive = await newWorld({ gstin: STORE_GSTIN, pricesIncludeTax: true, defaultTaxRate: 1800 })
    const { id: customer } = await newCustomer(inclusive)
    const sale = await ok(
      checkoutAs(inclusive, inclusive.tokens.cashier, {
        customer,
        items: [{ description: 'Facial', quantity: 1, unitPrice: 50_000 }],
        payments: [{ method: 'upi', amount: 50_000 }],
      }),
      201,
    )
    expect(sale.bill).toMatchObject({ total: 50_000, taxTotal: 7_627, cgst: 3_814, sgst: 3_813, amountDue: 0 })
    const doc = await invoiceDoc(inclusive, sale.bill.id)
    expect(doc.items[0]).toMatchObject({ taxable: 42_373, tax: 7_627 })
  })

  it('an unregistered store: a BILL OF SUPPLY with no tax lines, whatever the catalogue says', async () => {
    const plain = await newWorld()
    const service = await newService(plain, { name: unique('Massage'), price: 80_000, taxRate: 1800 })
    const { id: customer } = await newCustomer(plain)
    const sale = await ok(checkoutAs(plain, plain.tokens.cashier, { customer, items: [{ service: service.id }], payments: [] }), 201)
    expect(sale.bill).toMatchObject({ total: 80_000, taxTotal: 0, cgst: 0, sgst: 0, igst: 0 })
    expect((await invoiceDoc(plain, sale.bill.id)).items[0]).toMatchObject({ taxRate: 0, taxable: 80_000, tax: 0, sac: null })
    expect(sale.receipt.text).toContain('BILL OF SUPPLY')
    expect(sale.receipt.text).not.toMatch(/GST|Taxable/)
  })

  it('a complimentary bill of a registered store is zero-value: no tax, nothing owed', async () => {
    const { id: customer } = await newCustomer(gst)
    const sale = await ok(
      checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ description: 'Haircut', quantity: 1, unitPrice: 50_000 }], complimentary: true, complimentaryReason: 'VIP' }),
      201,
    )
    expect(sale.bill).toMatchObject({ subtotal: 50_000, total: 0, taxTotal: 0, cgst: 0, sgst: 0 })
    expect(sale.receipt.text).toContain('COMPLIMENTARY SERVICE')
  })

  it('the catalogue decides a named service’s rate: another rate is 400, another store’s service 404, a retired one 422 — nothing written', async () => {
    const service = await newService(gst, { name: unique('Keratin'), price: 600_000, taxRate: 1800 })
    const retired = await newService(gst, { name: unique('Perm'), price: 300_000, taxRate: 1800, active: false })
    const { id: customer } = await newCustomer(gst)
    const before = (await verifyLedger((await db()) as never)).counts
    const wrongRate = await checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ service: service.id, taxRate: 500 }] })
    expect(wrongRate.status).toBe(400)
    expect(wrongRate.body.errors[0].data.field).toBe('items.0.taxRate')
    const elsewhere = await (
      await testPayload()
    ).create({ collection: 'services', data: { store: gst.otherStore.id, name: 'Theirs', price: 100, taxRate: 0 }, overrideAccess: true })
    const foreign = await checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ service: elsewhere.id }] })
    expect(foreign.status).toBe(404)
    expect(foreign.body.errors[0].data.field).toBe('items.0.service')
    const unknown = await checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ service: 99_999_999 }] })
    expect([unknown.status, unknown.body.errors[0].data.field]).toEqual([404, 'items.0.service'])
    const old = await checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ service: retired.id }] })
    expect(old.status).toBe(422)
    expect(old.body.errors[0].message).toMatch(/retired/)
    expect((await verifyLedger((await db()) as never)).counts).toEqual(before)
  })

  it('a deposit at a registered store holds tax at the store’s default rate; at an unregistered one, none (tally_insert_deposit = advanceTaxRate)', async () => {
    const plain = await newWorld({ defaultTaxRate: 1800 })
    for (const [world, store] of [
      [gst, { gstin: STORE_GSTIN, defaultTaxRate: 1800 }],
      [plain, { gstin: null, defaultTaxRate: 1800 }],
    ] as const) {
      const { id } = await newCustomer(world)
      const taken = await ok(world.api.post(`/api/customers/${id}/advances`, { token: world.tokens.cashier, body: { amount: 118_000, method: 'cash' } }), 201)
      const deposit = await ok(world.api.get(`/api/advance-payments/${taken.advancePayment.id}?depth=0`, { token: world.tokens.owner }), 200)
      expect(deposit.taxRate).toBe(advanceTaxRate(store))
    }
    expect(advanceTaxRate({ gstin: STORE_GSTIN, defaultTaxRate: 1800 })).toBe(1800)
  })
})

describe('tax on invoices made in the admin or the API', () => {
  it('a line naming a service takes its name, price, SAC and rate; a typed line its own rate; the client cannot write the tax', async () => {
    const service = await newService(gst, { name: unique('Bridal make-up'), sac: '999729', price: 1_500_000, taxRate: 1800 })
    const { id: customer } = await newCustomer(gst)
    const created = await ok(
      gst.api.post('/api/invoices', {
        token: gst.tokens.owner,
        body: {
          store: gst.store.id,
          customer,
          status: 'open',
          items: [
            { service: service.id, quantity: 1 },
            { description: 'Travel', quantity: 1, unitPrice: 100_000, taxRate: 500, taxable: 1, tax: 999 },
          ],
          taxTotal: 1,
          cgst: 1,
          igst: 5,
        },
      }),
      201,
    )
    const doc = await invoiceDoc(gst, created.doc.id)
    // 15000 × 18 % = 2700; 1000 × 5 % = 50 → tax 2750 = CGST 1350 + 25 and SGST 1350 + 25.
    expect(doc).toMatchObject({ subtotal: 1_600_000, taxTotal: 275_000, cgst: 137_500, sgst: 137_500, igst: 0, total: 1_875_000, amountDue: 1_875_000, taxTreatment: 'intra' })
    expect(doc.items.map((item: any) => [item.description, item.unitPrice, item.sac, item.taxRate, item.taxable, item.tax])).toEqual([
      [expect.stringMatching(/^Bridal make-up/), 1_500_000, '999729', 1800, 1_500_000, 270_000],
      ['Travel', 100_000, null, 500, 100_000, 5_000],
    ])
  })

  it('a bad rate on an invoice line is 400 naming items.N.taxRate', async () => {
    const { id: customer } = await newCustomer(gst)
    for (const taxRate of [-1, 18.5, 10_001]) {
      const res = await gst.api.post('/api/invoices', {
        token: gst.tokens.owner,
        body: { store: gst.store.id, customer, items: [{ description: 'X', quantity: 1, unitPrice: 100, taxRate }] },
      })
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(JSON.stringify(res.body)).toContain('items.0.taxRate')
    }
  })
})

describe('GSTIN: format and check character, on stores and customers (400 naming the field)', () => {
  it('a store’s GSTIN is checked and normalized; its state comes with it; a state that disagrees is refused', async () => {
    const world = await newWorld()
    const typo = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { gstin: '27AAPFU0939F1ZW' } })
    expect(typo.status).toBe(400)
    expect(typo.body.errors[0].data.errors[0]).toMatchObject({ path: 'gstin', message: expect.stringMatching(/check character/) })
    const short = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { gstin: '27AAPFU' } })
    expect([short.status, short.body.errors[0].data.errors[0].path]).toEqual([400, 'gstin'])
    const mismatch = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { gstin: STORE_GSTIN, stateCode: '29' } })
    expect([mismatch.status, mismatch.body.errors[0].data.errors[0].path]).toEqual([400, 'stateCode'])
    const badState = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { stateCode: '99' } })
    expect([badState.status, badState.body.errors[0].data.errors[0].path]).toEqual([400, 'stateCode'])
    const rate = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { defaultTaxRate: 1.5 } })
    expect([rate.status, rate.body.errors[0].data.errors[0].path]).toEqual([400, 'defaultTaxRate'])
    const stored = await ok(world.api.get(`/api/stores/${world.store.id}?depth=0`, { token: world.tokens.owner }), 200)
    expect(stored.gstin ?? null).toBeNull()

    const good = await ok(world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { gstin: ' 27aapfu0939f1zv ' } }), 200)
    expect(good.doc).toMatchObject({ gstin: STORE_GSTIN, stateCode: '27' })
  })

  it('a customer’s GSTIN: POST /api/customers and /api/customers/resolve refuse a bad one and write nothing', async () => {
    const before = (await verifyLedger((await db()) as never)).counts.customers
    const created = await gst.api.post('/api/customers', {
      token: gst.tokens.cashier,
      body: { store: gst.store.id, name: 'Bad GSTIN', phone: newPhone(), gstin: '29AAGCB7383J1Z5' },
    })
    expect([created.status, created.body.errors[0].data.errors[0].path]).toEqual([400, 'gstin'])
    const resolved = await gst.api.post('/api/customers/resolve', { token: gst.tokens.cashier, body: { store: gst.store.id, phone: newPhone(), gstin: 'NOT-A-GSTIN' } })
    expect([resolved.status, resolved.body.errors[0].data.field]).toEqual([400, 'gstin'])
    const state = await gst.api.post('/api/customers/resolve', {
      token: gst.tokens.cashier,
      body: { store: gst.store.id, phone: newPhone(), gstin: KARNATAKA_GSTIN, stateCode: '27' },
    })
    expect([state.status, state.body.errors[0].data.field]).toEqual([400, 'stateCode'])
    const inCheckout = await checkoutAs(gst, gst.tokens.cashier, { newCustomer: { phone: newPhone(), gstin: '12345' }, items: [{ description: 'X', quantity: 1, unitPrice: 100 }] })
    expect([inCheckout.status, inCheckout.body.errors[0].data.field]).toEqual([400, 'gstin'])
    expect((await verifyLedger((await db()) as never)).counts.customers).toBe(before)
  })
})

describe('stores outside India: one tax, the same mechanics', () => {
  let vat: World
  beforeAll(async () => {
    vat = await newWorld({ currency: 'GBP', locale: 'en-GB', timezone: 'Europe/London', invoicePrefix: 'LON', gstin: 'GB123456789', taxLabel: 'VAT', defaultTaxRate: 2000 })
  })

  it('a £10.00 haircut with VAT at 20 % is £12.00: one tax, no CGST/SGST/IGST, the VAT number on the receipt', async () => {
    const { id: customer } = await newCustomer(vat)
    const sale = await ok(
      checkoutAs(vat, vat.tokens.cashier, { customer, items: [{ description: 'Haircut', quantity: 1, unitPrice: 1_000 }], payments: [{ method: 'card', amount: 1_200 }] }),
      201,
    )
    expect(sale.bill).toMatchObject({ total: 1_200, taxTotal: 200, cgst: 0, sgst: 0, igst: 0, amountDue: 0 })
    expect((await invoiceDoc(vat, sale.bill.id)).taxTreatment).toBe('single')
    expect(sale.receipt.text).toContain('TAX INVOICE')
    expect(sale.receipt.text).toContain('VAT No.: GB123456789')
    expect(sale.receipt.text).toMatch(/VAT 20%\s+£2\.00/)
    expect(sale.receipt.text).not.toMatch(/CGST|SGST|IGST|GSTIN/)
  })

  it('its month: tax by rate in one column, no GST split', async () => {
    const report = await ok(vat.api.get(`/api/reports/tax?store=${vat.store.id}&month=${storeMonth('Europe/London')}`, { token: vat.tokens.owner }), 200)
    expect(report.store).toMatchObject({ gst: false, registered: true, taxLabel: 'VAT', currency: 'GBP' })
    expect(report.byRate).toEqual([{ taxRate: 2000, taxable: 1_000, tax: 200, cgst: 0, sgst: 0, igst: 0 }])
    expect(report.summary).toMatchObject({ invoices: 1, taxable: 1_000, taxTotal: 200, cgst: 0, sgst: 0, igst: 0, value: 1_200 })
  })

  it('a GSTIN check does not apply to a VAT number, but junk is still refused', async () => {
    const junk = await vat.api.patch(`/api/stores/${vat.store.id}`, { token: vat.tokens.owner, body: { gstin: '<x>' } })
    expect([junk.status, junk.body.errors[0].data.errors[0].path]).toEqual([400, 'gstin'])
  })
})

describe('quantities', () => {
  it('a quantity with three decimals (2.006 h) is accepted — it was refused as "at most 3 decimals" because 2.006 × 1000 is 2005.9999… in floating point', async () => {
    const { id: customer } = await newCustomer(gst)
    const sale = await ok(checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ description: 'Crane hours', quantity: 2.006, unitPrice: 100_000 }], payments: [] }), 201)
    // 2.006 × ₹1,000 = ₹2,006 + 18 % = ₹2,367.08
    expect(sale.bill).toMatchObject({ subtotal: 200_600, taxTotal: 36_108, total: 236_708 })
    const refused = await checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ description: 'Crane hours', quantity: 2.0061, unitPrice: 100_000 }] })
    expect([refused.status, refused.body.errors[0].data.errors[0].path]).toEqual([400, 'items.0.quantity'])
  })
})

describe('ledger:verify recomputes the tax', () => {
  it('finds a line whose tax was changed behind the ledger’s back, and an invoice whose CGST/SGST split is wrong', async () => {
    const { id: customer } = await newCustomer(gst)
    const sale = await ok(checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ description: 'Colour', quantity: 1, unitPrice: 10_005 }], payments: [] }), 201)
    const bill = sale.bill.id as number
    const database = await db()
    await database.execute(sql`UPDATE invoices_items SET tax = tax + 1 WHERE _parent_id = ${bill}`)
    await database.execute(sql`UPDATE invoices SET cgst = cgst - 1, sgst = sgst + 1 WHERE id = ${bill}`)
    try {
      const { drifts } = await verifyLedger(database as never)
      const mine = drifts.filter((drift) => drift.id === bill)
      expect(mine).toContainEqual(expect.objectContaining({ entity: 'invoice-item', field: expect.stringMatching(/\.tax$/), stored: '1802', recomputed: '1801' }))
      expect(mine).toContainEqual({ entity: 'invoice', id: bill, field: 'cgst', stored: '900', recomputed: '901' })
      expect(mine).toContainEqual({ entity: 'invoice', id: bill, field: 'sgst', stored: '901', recomputed: '900' })
    } finally {
      await database.execute(sql`UPDATE invoices_items SET tax = tax - 1 WHERE _parent_id = ${bill}`)
      await database.execute(sql`UPDATE invoices SET cgst = cgst + 1, sgst = sgst - 1 WHERE id = ${bill}`)
    }
  })

  it('property: random carts at every kind of store — what the API stores is what verify recomputes, and what the domain says', async () => {
    const worlds = [
      gst,
      await newWorld({ gstin: STORE_GSTIN, pricesIncludeTax: true, defaultTaxRate: 500 }),
      await newWorld({ currency: 'EUR', locale: 'de-DE', timezone: 'Europe/Berlin', invoicePrefix: 'BER', gstin: 'DE123456789', taxLabel: 'MwSt', defaultTaxRate: 1900 }),
      await newWorld({ defaultTaxRate: 1800 }),
    ]
    const services = await Promise.all(worlds.map((world) => newService(world, { name: unique('Svc'), price: 12_345, taxRate: 1200 })))
    const customers = await Promise.all(
      worlds.map(async (world) => [(await newCustomer(world)).id, (await customerWith(world, world === worlds[0] ? { gstin: KARNATAKA_GSTIN } : {})).id]),
    )
    const line = fc.oneof(
      fc.record({
        description: fc.constant('Typed'),
        quantity: fc.integer({ min: 1, max: 5000 }).map((n) => n / 1000),
        unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
        taxRate: fc.option(fc.constantFrom(0, 300, 500, 1200, 1800, 2800), { nil: undefined }),
      }),
      fc.record({ service: fc.constant(-1), quantity: fc.integer({ min: 1, max: 3 }) }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1 }),
        fc.array(line, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        async (which, who, lines, percent) => {
          const world = worlds[which]!
          const items = lines.map((item) => ('service' in item ? { ...item, service: services[which]!.id } : item))
          const subtotal = items.reduce((total, item) => total + Math.round(item.quantity * ('unitPrice' in item ? (item.unitPrice as number) : 12_345)), 0)
          const discount = Math.floor((subtotal * percent) / 100)
          const sale = await checkoutAs(world, world.tokens.cashier, { customer: customers[which]![who], items, discount, payments: [] })
          expect(sale.status, JSON.stringify(sale.body)).toBe(201)
          const doc = await invoiceDoc(world, sale.body.bill.id)
          const store = await ok(world.api.get(`/api/stores/${world.store.id}?depth=0`, { token: world.tokens.owner }), 200)
          const customer = await ok(world.api.get(`/api/customers/${customers[which]![who]}?depth=0`, { token: world.tokens.owner }), 200)
          // The rates the lines should carry: the service's, the line's own, or the store's default.
          const rates = items.map((item) => ('service' in item ? 1200 : (item.taxRate ?? store.defaultTaxRate)))
          const billed = doc.items.map((item: any, index: number) => ({ ...item, taxRate: rates[index] }))
          const expected = taxedBillOf(billed, discount, false, { store, customer })
          expect(sale.body.bill).toMatchObject({ total: expected.total, taxTotal: expected.taxTotal, cgst: expected.cgst, sgst: expected.sgst, igst: expected.igst })
          expect(doc.items.map((item: any) => [item.taxable, item.tax])).toEqual(expected.lines.map((item) => [item.taxable, item.tax]))
        },
      ),
      { numRuns: 30 },
    )
    const { drifts } = await verifyLedger((await db()) as never)
    expect(drifts).toEqual([])
  })
})

describe('GET /api/reports/tax — the month’s tax (SPEC §12)', () => {
  let month: World
  let invoices: { b2bIntra: number; b2bInter: number }
  beforeAll(async () => {
    month = await newWorld({ gstin: STORE_GSTIN, pricesIncludeTax: true, defaultTaxRate: 1800 })
    const walkIn = await newCustomer(month)
    const mumbaiFirm = await customerWith(month, { gstin: MAHARASHTRA_GSTIN })
    const bangaloreFirm = await customerWith(month, { gstin: KARNATAKA_GSTIN })
    const product = await newService(month, { name: 'Shampoo 200 ml', sac: '3305', price: 59_000, taxRate: 1800 })
    const reduced = await newService(month, { name: 'Yoga class', sac: '999723', price: 10_500, taxRate: 500 })
    // B2C: ₹1,180 incl. 18 % (₹1,000 + ₹180) and ₹105 incl. 5 % (₹100 + ₹5); a complimentary one.
    await ok(
      checkoutAs(month, month.tokens.cashier, { customer: walkIn.id, items: [{ description: 'Haircut', quantity: 1, unitPrice: 118_000 }, { service: reduced.id }], payments: [] }),
      201,
    )
    await ok(
      checkoutAs(month, month.tokens.cashier, {
        customer: walkIn.id,
        items: [{ description: 'Haircut', quantity: 1, unitPrice: 118_000 }],
        complimentary: true,
        complimentaryReason: 'VIP',
      }),
      201,
    )
    // B2B within the state: 2 × ₹590 shampoo (₹1,000 + ₹180); B2B to Karnataka: ₹2,360 (₹2,000 + ₹360 IGST).
    const intra = await ok(checkoutAs(month, month.tokens.cashier, { customer: mumbaiFirm.id, items: [{ service: product.id, quantity: 2 }], payments: [] }), 201)
    const inter = await ok(
      checkoutAs(month, month.tokens.cashier, {
        customer: bangaloreFirm.id,
        items: [{ description: 'Event styling', quantity: 1, unitPrice: 236_000, sac: '999729' }],
        payments: [],
      }),
      201,
    )
    invoices = { b2bIntra: intra.bill.id, b2bInter: inter.bill.id }
    // An advance of ₹1,180 (₹180 GST in it), ₹590 of it used on a bill (₹90 adjusted).
    await ok(month.api.post(`/api/customers/${walkIn.id}/advances`, { token: month.tokens.cashier, body: { amount: 118_000, method: 'upi' } }), 201)
    await ok(checkoutAs(month, month.tokens.cashier, { customer: walkIn.id, items: [{ description: 'Manicure', quantity: 1, unitPrice: 59_000 }], useAdvance: 59_000 }), 201)
    // A void bill is not in the month's tax.
    const voided = await ok(checkoutAs(month, month.tokens.cashier, { customer: walkIn.id, items: [{ description: 'Mistake', quantity: 1, unitPrice: 100_000 }] }), 201)
    await ok(month.api.post(`/api/invoices/${voided.bill.id}/void`, { token: month.tokens.owner, body: { reason: 'typo' } }), 200)
  })

  it('by rate and by CGST / SGST / IGST; B2B by GSTIN; B2C by place and rate; the HSN/SAC summary; advances; the net tax', async () => {
    const report = await ok(month.api.get(`/api/reports/tax?store=${month.store.id}&month=${storeMonth()}`, { token: month.tokens.owner }), 200)
    // Taxable 100000 + 10000 (B2C) + 100000 (B2B intra) + 200000 (B2B inter) + 50000 (manicure) at 18 % and 5 %.
    expect(report.byRate).toEqual([
      { taxRate: 500, taxable: 10_000, tax: 500, cgst: 250, sgst: 250, igst: 0 },
      { taxRate: 1800, taxable: 450_000, tax: 81_000, cgst: 22_500, sgst: 22_500, igst: 36_000 },
    ])
    expect(report.summary).toMatchObject({ invoices: 4, taxable: 460_000, taxTotal: 81_500, cgst: 22_750, sgst: 22_750, igst: 36_000, value: 541_500 })
    expect(report.zeroValue).toEqual({ invoices: 1 })
    // The sums are the stored invoices' own figures.
    const { rows } = await (
      await db()
    ).execute(sql`
      SELECT sum(tax_total) AS tax, sum(cgst) AS cgst, sum(sgst) AS sgst, sum(igst) AS igst FROM invoices
       WHERE store_id = ${month.store.id} AND status NOT IN ('draft', 'void')`)
    expect(rows[0]).toEqual({ tax: '81500', cgst: '22750', sgst: '22750', igst: '36000' })

    expect(report.b2b.map((entry: any) => [entry.gstin, entry.invoices.map((invoice: any) => invoice.id), entry.taxable, entry.tax])).toEqual([
      [MAHARASHTRA_GSTIN, [invoices.b2bIntra], 100_000, 18_000],
      [KARNATAKA_GSTIN, [invoices.b2bInter], 200_000, 36_000],
    ])
    expect(report.b2b[1].invoices[0]).toMatchObject({ placeOfSupply: '29', treatment: 'inter', igst: 36_000, value: 236_000 })
    expect(report.b2c).toEqual([
      { placeOfSupply: '27', taxRate: 500, taxable: 10_000, tax: 500, cgst: 250, sgst: 250, igst: 0 },
      { placeOfSupply: '27', taxRate: 1800, taxable: 150_000, tax: 27_000, cgst: 13_500, sgst: 13_500, igst: 0 },
    ])
    expect(report.hsn.find((group: any) => group.sac === '3305')).toMatchObject({ quantity: 2, taxable: 100_000, tax: 18_000, value: 118_000 })
    // Advances: ₹1,180 received (₹180 in it), ₹590 used (₹90 in it); net = 81500 + 18000 − 9000.
    expect(report.advances.received).toEqual([{ placeOfSupply: '27', taxRate: 1800, amount: 118_000, taxable: 100_000, tax: 18_000, cgst: 9_000, sgst: 9_000, igst: 0 }])
    expect(report.advances.adjusted).toEqual([{ placeOfSupply: '27', taxRate: 1800, amount: 59_000, taxable: 50_000, tax: 9_000, cgst: 4_500, sgst: 4_500, igst: 0 }])
    expect(report.netTax).toEqual({ taxTotal: 90_500, cgst: 27_250, sgst: 27_250, igst: 36_000 })
    expect(report.creditNotes).toEqual([])
  })

  it('CSV for the GSTR-1 offline tool: b2b with its columns, the rate summary', async () => {
    const response = await fetch(`${month.api.baseUrl}/api/reports/tax?store=${month.store.id}&month=${storeMonth()}&format=csv&section=b2b`, {
      headers: { Authorization: `JWT ${month.tokens.owner}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/csv/)
    const [header, ...lines] = (await response.text()).trim().split(/\r?\n/)
    expect(header).toBe(
      'GSTIN/UIN of Recipient,Receiver Name,Invoice Number,Invoice date,Invoice Value,Place Of Supply,Reverse Charge,Applicable % of Tax Rate,Invoice Type,E-Commerce GSTIN,Rate,Taxable Value,Cess Amount',
    )
    expect(lines).toHaveLength(2)
    const day = storeToday()
    const gstrDay = `${day.slice(8)}-${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(day.slice(5, 7)) - 1]}-${day.slice(0, 4)}`
    expect(lines[1]).toMatch(new RegExp(`^${KARNATAKA_GSTIN},Firm-[^,]+,SAL-\\d{2}-\\d{4},${gstrDay},2360\\.00,29-Karnataka,N,,Regular B2B,,18\\.00,2000\\.00,$`))
    const summary = await fetch(`${month.api.baseUrl}/api/reports/tax?store=${month.store.id}&month=${storeMonth()}&format=csv`, {
      headers: { Authorization: `JWT ${month.tokens.owner}` },
    })
    expect((await summary.text()).trim().split(/\r?\n/)).toEqual([
      'Rate,Taxable Value,Integrated Tax,Central Tax,State/UT Tax,Tax',
      '5.00,100.00,0.00,2.50,2.50,5.00',
      '18.00,4500.00,360.00,225.00,225.00,810.00',
    ])
  })

  it('the month is the store’s calendar: an invoice issued on the last day of a month is not in the next', async () => {
    const { id: customer } = await newCustomer(month)
    for (const issueDate of ['2026-10-31', '2026-11-01']) {
      await ok(
        month.api.post('/api/invoices', {
          token: month.tokens.owner,
          body: { store: month.store.id, customer, issueDate, items: [{ description: 'Styling', quantity: 1, unitPrice: 11_800 }], status: 'open' },
        }),
        201,
      )
    }
    const october = await ok(month.api.get(`/api/reports/tax?store=${month.store.id}&month=2026-10`, { token: month.tokens.owner }), 200)
    const november = await ok(month.api.get(`/api/reports/tax?store=${month.store.id}&month=2026-11`, { token: month.tokens.owner }), 200)
    expect([october.summary.invoices, october.summary.taxable, october.from, october.to]).toEqual([1, 10_000, '2026-10-01', '2026-10-31'])
    expect(november.summary.invoices).toBe(storeMonth() === '2026-11' ? 5 : 1)
  })

  it('bad input: a month that is not one, a section that is not a table — 400 naming the field; a cashier 403; another store 404', async () => {
    for (const [query, field] of [
      ['month=2026-13', 'month'],
      ['month=December', 'month'],
      ['format=pdf', 'format'],
      ['format=csv&section=b2x', 'section'],
    ] as const) {
      const res = await month.api.get(`/api/reports/tax?store=${month.store.id}&${query}`, { token: month.tokens.owner })
      expect(res.status, query).toBe(400)
      expect(JSON.stringify(res.body), query).toContain(field)
    }
    expect((await month.api.get(`/api/reports/tax?store=${month.store.id}`, { token: month.tokens.cashier })).status).toBe(403)
    expect((await month.api.get(`/api/reports/tax?store=${month.store.id}`, { token: month.tokens.otherOwner })).status).toBe(404)
    expect((await month.api.get('/api/reports/tax', { token: month.tokens.owner })).status).toBe(400)
  })
})
