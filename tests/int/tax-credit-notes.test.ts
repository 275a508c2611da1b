/**
 * Issues 15 and 17 together: a credit note (SPEC §9) on a taxed bill takes tax back in
 * proportion to the bill's rates (SPEC §12, creditNoteTax), and the month's tax report lists
 * it and subtracts its tax from the net. Real HTTP on real Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { storeMonth } from '../helpers/dates'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

const STORE_GSTIN = '27AAPFU0939F1ZV'

let gst: World

async function ok<T = any>(response: Promise<{ status: number; body: T }>, status: number): Promise<T> {
  const { status: got, body } = await response
  expect(got, JSON.stringify(body)).toBe(status)
  return body
}

beforeAll(async () => {
  gst = await newWorld({ gstin: STORE_GSTIN, pricesIncludeTax: false, defaultTaxRate: 1800 })
})

afterAll(async () => {
  await expectLedgerClean()
})

describe('a credit note on a taxed bill (SPEC §9 + §12)', () => {
  it('₹1,000 at 18 % left due (₹1,180); a ₹590 credit note takes back ₹500 taxable and ₹90 tax (CGST ₹45 + SGST ₹45); the month nets ₹180 − ₹90', async () => {
    const { id: customer } = await newCustomer(gst)
    const sale = await ok(checkoutAs(gst, gst.tokens.cashier, { customer, items: [{ description: 'Hair colour', quantity: 1, unitPrice: 100_000 }], payments: [] }), 201)
    expect(sale.bill).toMatchObject({ subtotal: 100_000, taxTotal: 18_000, cgst: 9_000, sgst: 9_000, total: 118_000, amountDue: 118_000 })

    const note = await ok(gst.api.post(`/api/invoices/${sale.bill.id}/credit-notes`, { token: gst.tokens.owner, body: { amount: 59_000, reason: 'colour redone' } }), 201)
    expect(note.invoice).toMatchObject({ creditedAmount: 59_000, amountDue: 59_000 })

    const report = await ok(gst.api.get(`/api/reports/tax?store=${gst.store.id}&month=${storeMonth()}`, { token: gst.tokens.owner }), 200)
    expect(report.creditNotes).toEqual([
      expect.objectContaining({
        id: note.creditNote.id,
        number: note.creditNote.number,
        invoice: { id: sale.bill.id, number: sale.bill.number },
        amount: 59_000,
        taxable: 50_000,
        taxTotal: 9_000,
        cgst: 4_500,
        sgst: 4_500,
        igst: 0,
      }),
    ])
    // The invoice's own tax is as issued; the credit note's is taken off the month's net.
    expect(report.summary).toMatchObject({ invoices: 1, taxable: 100_000, taxTotal: 18_000 })
    expect(report.netTax).toEqual({ taxTotal: 9_000, cgst: 4_500, sgst: 4_500, igst: 0 })
  })
})
