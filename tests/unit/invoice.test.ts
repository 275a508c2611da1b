import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { INVOICE_STATUSES, invoiceStatus, invoiceTotals, type StatusInput } from '@/domain/invoice'
import { lineTotal, sum } from '@/domain/money'

const posted = (overrides: Partial<StatusInput>): StatusInput => ({
  posted: true,
  voided: false,
  total: 1_000_000,
  amountPaid: 0,
  dueDate: null,
  today: '2026-03-15',
  ...overrides,
})

describe('invoiceTotals — subtotal, discount, total', () => {
  const items = [
    { description: 'Haircut', quantity: 1, unitPrice: 50000 },
    { description: 'Crane hours', quantity: 2.5, unitPrice: 3 }, // 7.5 → 8
    { description: 'Colour', quantity: 2, unitPrice: 25000 },
  ]

  it('subtotal is Σ half-up line totals and total = subtotal − discount', () => {
    expect(invoiceTotals(items, 0, false)).toEqual({ subtotal: 100008, discount: 0, total: 100008 })
    expect(invoiceTotals(items, 8, false)).toEqual({ subtotal: 100008, discount: 8, total: 100000 })
  })

  it('SPEC §3 rule 4: complimentary → total 0, no discount, list price kept as subtotal', () => {
    expect(invoiceTotals(items, 0, true)).toEqual({ subtotal: 100008, discount: 0, total: 0 })
    expect(invoiceTotals(items, 5000, true)).toEqual({ subtotal: 100008, discount: 0, total: 0 })
  })

  it('no items → all zero', () => {
    expect(invoiceTotals([], 0, false)).toEqual({ subtotal: 0, discount: 0, total: 0 })
  })

  const itemsArb = fc.array(
    fc.record({
      description: fc.string({ maxLength: 10 }),
      quantity: fc.nat({ max: 100_000 }).map((thousandths) => thousandths / 1000),
      unitPrice: fc.nat({ max: 10_000_000 }),
    }),
    { maxLength: 6 },
  )

  it('property: subtotal = Σ lineTotal; total = subtotal − discount; complimentary keeps the same subtotal with total 0', () => {
    fc.assert(
      fc.property(itemsArb, fc.double({ min: 0, max: 1, noNaN: true }), (lineItems, discountShare) => {
        const expectedSubtotal = sum(lineItems.map((item) => lineTotal(item.quantity, item.unitPrice)))
        const discount = Math.floor(expectedSubtotal * discountShare)
        const normal = invoiceTotals(lineItems, discount, false)
        expect(normal).toEqual({ subtotal: expectedSubtotal, discount, total: expectedSubtotal - discount })
        expect(Number.isInteger(normal.subtotal)).toBe(true)
        expect(normal.total).toBeGreaterThanOrEqual(0)
        const free = invoiceTotals(lineItems, discount, true)
        expect(free).toEqual({ subtotal: expectedSubtotal, discount: 0, total: 0 })
      }),
      { numRuns: 200 },
    )
  })
})

describe('invoiceStatus — SPEC §2 status rules', () => {
  it('void wins over everything, draft when not posted', () => {
    expect(invoiceStatus(posted({ voided: true }))).toBe('void')
    expect(invoiceStatus(posted({ voided: true, posted: false }))).toBe('void')
    expect(invoiceStatus(posted({ voided: true, amountPaid: 1_000_000 }))).toBe('void')
    expect(invoiceStatus(posted({ posted: false }))).toBe('draft')
    expect(invoiceStatus(posted({ posted: false, amountPaid: 1_000_000, dueDate: '2020-01-01' }))).toBe('draft')
  })

  it('open when nothing paid, partial when 0 < paid < total, paid when amountDue = 0', () => {
    expect(invoiceStatus(posted({ amountPaid: 0 }))).toBe('open')
    expect(invoiceStatus(posted({ amountPaid: 1 }))).toBe('partial')
    expect(invoiceStatus(posted({ amountPaid: 999_999 }))).toBe('partial')
    expect(invoiceStatus(posted({ amountPaid: 1_000_000 }))).toBe('paid')
  })

  it('SPEC §3 rule 7: a 10,000 invoice paid 5,000 + 5,000 goes open → partial → paid', () => {
    const states = [0, 500000, 1000000].map((amountPaid) => invoiceStatus(posted({ total: 1000000, amountPaid, dueDate: '2026-04-01' })))
    expect(states).toEqual(['open', 'partial', 'paid'])
  })

  it('overdue when something is due and dueDate < today; not on the due date itself', () => {
    expect(invoiceStatus(posted({ dueDate: '2026-03-14' }))).toBe('overdue')
    expect(invoiceStatus(posted({ dueDate: '2026-03-14', amountPaid: 10 }))).toBe('overdue')
    expect(invoiceStatus(posted({ dueDate: '2026-03-15' }))).toBe('open')
    expect(invoiceStatus(posted({ dueDate: '2026-03-16', amountPaid: 10 }))).toBe('partial')
    expect(invoiceStatus(posted({ dueDate: '2025-12-31', amountPaid: 1_000_000 }))).toBe('paid')
    expect(invoiceStatus(posted({ dueDate: null }))).toBe('open')
    expect(invoiceStatus(posted({ dueDate: undefined }))).toBe('open')
  })

  it('SPEC §3 rule 4: a posted complimentary bill (total 0) is paid', () => {
    expect(invoiceStatus(posted({ total: 0, amountPaid: 0 }))).toBe('paid')
    expect(invoiceStatus(posted({ total: 0, amountPaid: 0, dueDate: '2020-01-01' }))).toBe('paid')
  })

  const dayArb = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))

  it('property: the status follows the SPEC rules for every posted invoice', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(dayArb, { nil: null }), dayArb, (total, paidShare, dueDate, today) => {
        const amountPaid = Math.floor(total * paidShare)
        const status = invoiceStatus({ posted: true, voided: false, total, amountPaid, dueDate, today })
        expect(INVOICE_STATUSES).toContain(status)
        const amountDue = total - amountPaid
        if (amountDue === 0) expect(status).toBe('paid')
        else if (dueDate !== null && dueDate < today) expect(status).toBe('overdue')
        else if (amountPaid > 0) expect(status).toBe('partial')
        else expect(status).toBe('open')
      }),
      { numRuns: 300 },
    )
  })
})
