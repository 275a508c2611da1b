import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatMoney } from '@/domain/money'
import { paymentReceiptText, receiptText, type ReceiptInput } from '@/domain/receipt'

function receipt(overrides: {
  bill?: Partial<ReceiptInput['bill']>
  payments?: ReceiptInput['payments']
  items?: ReceiptInput['items']
  rest?: Partial<Omit<ReceiptInput, 'bill' | 'payments' | 'items'>>
}): string {
  const total = overrides.bill?.total ?? 100000
  return receiptText({
    store: { name: 'Glow Salon', currency: 'INR', locale: 'en-IN' },
    bill: { number: 'SAL-26-0042', issueDate: '2026-03-15', complimentary: false, subtotal: total, discount: 0, total, amountDue: total, ...overrides.bill },
    customer: { name: 'Asha', phone: '+919876543210' },
    items: overrides.items ?? [{ description: 'Haircut', quantity: 1, unitPrice: total }],
    payments: overrides.payments ?? [],
    advanceUsed: 0,
    appliedToPending: 0,
    keptAsAdvance: 0,
    pendingBalance: 0,
    advanceBalance: 0,
    ...overrides.rest,
  })
}

describe('receiptText — SPEC §3 rule 3: partial or no payment', () => {
  it('partly paid: PENDING BALANCE: ₹600.00', () => {
    const text = receipt({ bill: { total: 100000, amountDue: 60000 }, payments: [{ method: 'cash', amount: 40000 }] })
    expect(text).toContain('PENDING BALANCE: ₹600.00')
    expect(text).not.toContain('FULL AMOUNT PENDING')
    expect(text).not.toContain('PAID IN FULL')
  })

  it('nothing paid: FULL AMOUNT PENDING: ₹500.00', () => {
    const text = receipt({ bill: { total: 50000, amountDue: 50000 } })
    expect(text).toContain('FULL AMOUNT PENDING: ₹500.00')
    expect(text).not.toContain('PENDING BALANCE')
  })

  it('a zero payment line is not a payment: still FULL AMOUNT PENDING', () => {
    const text = receipt({ bill: { total: 50000, amountDue: 50000 }, payments: [{ method: 'cash', amount: 0 }] })
    expect(text).toContain('FULL AMOUNT PENDING: ₹500.00')
  })

  it('paid only from the advance, partly: PENDING BALANCE and a "Paid from advance" line', () => {
    const text = receipt({ bill: { total: 100000, amountDue: 60000 }, rest: { advanceUsed: 40000 } })
    expect(text).toContain('PENDING BALANCE: ₹600.00')
    expect(text).toMatch(/Paid from advance +₹400\.00/)
  })

  it('fully paid: PAID IN FULL and each payment line with method and reference', () => {
    const text = receipt({
      bill: { total: 100000, amountDue: 0 },
      payments: [
        { method: 'cash', amount: 30000 },
        { method: 'upi', amount: 70000, reference: 'UTR123' },
      ],
    })
    expect(text).toContain('PAID IN FULL')
    expect(text).toMatch(/Paid \(Cash\) +₹300\.00/)
    expect(text).toMatch(/Paid \(UPI\) UTR123 +₹700\.00/)
    expect(text).not.toContain('PENDING')
  })
})

describe('receiptText — SPEC §3 rule 4: complimentary', () => {
  it('shows COMPLIMENTARY SERVICE, the list price and a zero total, nothing pending', () => {
    const text = receipt({ bill: { complimentary: true, subtotal: 80000, total: 0, amountDue: 0 }, items: [{ description: 'Facial', quantity: 1, unitPrice: 80000 }] })
    expect(text).toContain('COMPLIMENTARY SERVICE')
    expect(text).toMatch(/List price +₹800\.00/)
    expect(text).toMatch(/TOTAL +₹0\.00/)
    expect(text).not.toContain('PENDING')
    expect(text).not.toContain('PAID IN FULL')
  })
})

describe('receiptText — contents', () => {
  it('has the store, bill number, date, customer and phone', () => {
    const text = receipt({})
    const lines = text.split('\n')
    expect(lines[0]).toBe('Glow Salon')
    expect(lines[1]).toContain('SAL-26-0042')
    expect(lines[1]).toContain('2026-03-15')
    expect(lines[2]).toBe('Customer: Asha (+919876543210)')
    expect(lines.at(-1)).toBe('Thank you!')
  })

  it('lists each item with quantity, unit price and its half-up line total', () => {
    const text = receipt({ bill: { total: 50008, subtotal: 50008, amountDue: 50008 }, items: [{ description: 'Crane', quantity: 2.5, unitPrice: 3 }, { description: 'Haircut', quantity: 2, unitPrice: 25000 }] })
    expect(text).toMatch(/Crane\n {2}2\.5 × ₹0\.03 +₹0\.08/)
    expect(text).toMatch(/Haircut\n {2}2 × ₹250\.00 +₹500\.00/)
  })

  it('shows subtotal and discount only when there is a discount', () => {
    const discounted = receipt({ bill: { subtotal: 100000, discount: 10000, total: 90000, amountDue: 0 }, payments: [{ method: 'card', amount: 90000 }] })
    expect(discounted).toMatch(/Subtotal +₹1,000\.00/)
    expect(discounted).toMatch(/Discount +-₹100\.00/)
    expect(discounted).toMatch(/TOTAL +₹900\.00/)
    expect(receipt({})).not.toContain('Discount')
    expect(receipt({})).not.toContain('Subtotal')
  })

  it('shows what went to earlier bills, what was kept as advance, balances and notes', () => {
    const text = receipt({
      bill: { amountDue: 0 },
      payments: [{ method: 'cash', amount: 200000 }],
      rest: { appliedToPending: 50000, keptAsAdvance: 50000, pendingBalance: 12345, advanceBalance: 50000, notes: 'VIP' },
    })
    expect(text).toMatch(/Applied to earlier bills +₹500\.00/)
    expect(text).toMatch(/Kept as advance +₹500\.00/)
    expect(text).toContain('Total pending (all bills): ₹123.45')
    expect(text).toContain('Advance held: ₹500.00')
    expect(text).toContain('Notes: VIP')
  })

  it('leaves out zero lines: no applied/kept/pending/advance/notes lines when all are zero or empty', () => {
    const text = receipt({ bill: { amountDue: 0 }, payments: [{ method: 'cash', amount: 100000 }] })
    for (const absent of ['Applied to earlier bills', 'Kept as advance', 'Total pending', 'Advance held', 'Notes:', 'Paid from advance']) {
      expect(text).not.toContain(absent)
    }
  })

  it('omits the phone when there is none', () => {
    const text = receiptText({
      store: { name: 'S', currency: 'INR', locale: 'en-IN' },
      bill: { number: 'N', issueDate: 'D', complimentary: false, subtotal: 0, discount: 0, total: 0, amountDue: 0 },
      customer: { name: 'Ravi', phone: null },
      items: [],
      payments: [],
      advanceUsed: 0,
      appliedToPending: 0,
      keptAsAdvance: 0,
      pendingBalance: 0,
      advanceBalance: 0,
    })
    expect(text.split('\n')[2]).toBe('Customer: Ravi')
  })

  it('property: exactly one closing status line, with the amount due formatted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        (total, paidShare, useAdvance, complimentary) => {
          const paid = Math.floor(total * paidShare)
          const amountDue = complimentary ? 0 : total - paid
          const text = receipt({
            bill: { complimentary, subtotal: total, total: complimentary ? 0 : total, amountDue },
            payments: useAdvance || complimentary || paid === 0 ? [] : [{ method: 'cash', amount: paid }],
            rest: { advanceUsed: useAdvance && !complimentary ? paid : 0 },
          })
          const markers = ['COMPLIMENTARY SERVICE', 'PAID IN FULL', 'PENDING BALANCE: ', 'FULL AMOUNT PENDING: '].filter((marker) => text.includes(marker))
          expect(markers).toHaveLength(1)
          const money = formatMoney(amountDue, 'INR', 'en-IN')
          if (complimentary) expect(markers[0]).toBe('COMPLIMENTARY SERVICE')
          else if (amountDue === 0) expect(markers[0]).toBe('PAID IN FULL')
          else if (paid > 0) expect(text).toContain(`PENDING BALANCE: ${money}`)
          else expect(text).toContain(`FULL AMOUNT PENDING: ${money}`)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('the receipts issue 13 adds', () => {
  const store = { name: 'Demo Salon', currency: 'INR', locale: 'en-IN' }

  it('cash tendered and the change are printed under the payment', () => {
    const text = receipt({ bill: { total: 30000, amountDue: 0 }, payments: [{ method: 'cash', amount: 30000, tendered: 100000 }] })
    expect(text).toMatch(/Paid \(Cash\) +₹300\.00\nCash tendered +₹1,000\.00\nChange +₹700\.00/)
  })

  it('a complimentary bill prints its reason; a reprint says so, and VOID when voided since', () => {
    expect(receipt({ bill: { complimentary: true, complimentaryReason: 'Family', subtotal: 50000, total: 0, amountDue: 0 } })).toContain('COMPLIMENTARY SERVICE\nReason: Family')
    expect(receipt({ rest: { reprint: { at: '2026-12-02', void: true } } })).toContain('REPRINT 2026-12-02 · VOID')
  })

  it('a collection: what was received, the bills it paid, what is still pending', () => {
    const text = paymentReceiptText({
      store,
      payment: { reference: 'PAY-000007', date: '2026-12-02', method: 'upi', amount: 60000, reversed: false },
      customer: { name: 'Priya Sharma', phone: '+919876543210' },
      applied: [
        { number: 'SAL-26-0001', amount: 50000 },
        { number: 'SAL-26-0004', amount: 10000 },
      ],
      keptAsAdvance: 0,
      pendingBalance: 20000,
    })
    expect(text).toContain('Payment PAY-000007   2026-12-02')
    expect(text).toMatch(/Received \(UPI\) +₹600\.00/)
    expect(text).toMatch(/ {2}SAL-26-0001 +₹500\.00\n {2}SAL-26-0004 +₹100\.00/)
    expect(text).toContain('Still pending (all bills): ₹200.00')
    expect(text.split('\n').every((line) => line.length <= 40)).toBe(true)
  })
})
