import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatMoney } from '@/domain/money'
import { paymentReceiptText, receiptEscPos, receiptText, wrapWords, type ReceiptInput } from '@/domain/receipt'

const STORE = { name: 'Glow Salon', currency: 'INR', locale: 'en-IN', address: '12 MG Road, Indiranagar, Bengaluru 560038', phone: '+91 80 4123 4567' }

function input(overrides: {
  bill?: Partial<ReceiptInput['bill']>
  payments?: ReceiptInput['payments']
  items?: ReceiptInput['items']
  rest?: Partial<Omit<ReceiptInput, 'bill' | 'payments' | 'items'>>
}): ReceiptInput {
  const total = overrides.bill?.total ?? 100000
  return {
    store: STORE,
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
  }
}
const receipt = (overrides: Parameters<typeof input>[0], width: 32 | 48 = 48) => receiptText(input(overrides), width)

// The demo data's three bills (src/seed/demoLedger.ts), printed exactly.
const priya = input({
  bill: { number: 'SAL-26-0001', total: 100000, amountDue: 60000 },
  items: [{ description: 'Hair colour', quantity: 1, unitPrice: 100000 }],
  payments: [{ method: 'upi', amount: 40000, reference: 'PAY-000001' }],
  rest: { customer: { name: 'Priya Sharma', phone: '+919876543210' }, pendingBalance: 60000 },
})
const anita = input({
  bill: { number: 'SAL-26-0002', complimentary: true, subtotal: 50000, total: 0, amountDue: 0 },
  items: [{ description: 'Haircut (family)', quantity: 1, unitPrice: 50000 }],
  rest: { customer: { name: 'Anita Desai', phone: '+919988776655' }, notes: 'Owner’s sister' },
})
const vikram = input({
  bill: { number: 'SAL-26-0003', total: 50000, amountDue: 50000 },
  items: [{ description: 'Beard trim', quantity: 1, unitPrice: 50000 }],
  rest: { customer: { name: 'Vikram Rao', phone: '+919700011223' }, pendingBalance: 50000 },
})

describe('receiptText — the exact receipt at 32 columns (58 mm) and 48 columns (80 mm)', () => {
  it('partly paid (₹1,000 paid ₹400), 32 columns', () => {
    expect(receiptText(priya, 32)).toBe(
      [
        '           Glow Salon',
        '    12 MG Road, Indiranagar,',
        '        Bengaluru 560038',
        '      Ph: +91 80 4123 4567',
        '--------------------------------',
        'Bill SAL-26-0001      2026-03-15',
        'Customer: Priya Sharma',
        '(+919876543210)',
        '--------------------------------',
        'Item               Qty    Amount',
        'Hair colour          1 ₹1,000.00',
        '--------------------------------',
        'TOTAL                  ₹1,000.00',
        'Paid (UPI) PAY-000001    ₹400.00',
        '',
        '    PENDING BALANCE: ₹600.00',
        '',
        'Pending (all bills)      ₹600.00',
        '',
        '           Thank you!',
      ].join('\n'),
    )
  })

  it('partly paid (₹1,000 paid ₹400), 48 columns', () => {
    expect(receiptText(priya, 48)).toBe(
      [
        '                   Glow Salon',
        '    12 MG Road, Indiranagar, Bengaluru 560038',
        '              Ph: +91 80 4123 4567',
        '------------------------------------------------',
        'Bill SAL-26-0001                      2026-03-15',
        'Customer: Priya Sharma (+919876543210)',
        '------------------------------------------------',
        'Item                               Qty    Amount',
        'Hair colour                          1 ₹1,000.00',
        '------------------------------------------------',
        'TOTAL                                  ₹1,000.00',
        'Paid (UPI) PAY-000001                    ₹400.00',
        '',
        '            PENDING BALANCE: ₹600.00',
        '',
        'Pending (all bills)                      ₹600.00',
        '',
        '                   Thank you!',
      ].join('\n'),
    )
  })

  it('complimentary, 32 and 48 columns', () => {
    expect(receiptText(anita, 32)).toBe(
      [
        '           Glow Salon',
        '    12 MG Road, Indiranagar,',
        '        Bengaluru 560038',
        '      Ph: +91 80 4123 4567',
        '--------------------------------',
        'Bill SAL-26-0002      2026-03-15',
        'Customer: Anita Desai',
        '(+919988776655)',
        '--------------------------------',
        'Item                 Qty  Amount',
        'Haircut (family)       1 ₹500.00',
        '--------------------------------',
        'List price               ₹500.00',
        'TOTAL                      ₹0.00',
        '',
        '      COMPLIMENTARY SERVICE',
        '',
        'Notes: Owner’s sister',
        '',
        '           Thank you!',
      ].join('\n'),
    )
    expect(receiptText(anita, 48)).toBe(
      [
        '                   Glow Salon',
        '    12 MG Road, Indiranagar, Bengaluru 560038',
        '              Ph: +91 80 4123 4567',
        '------------------------------------------------',
        'Bill SAL-26-0002                      2026-03-15',
        'Customer: Anita Desai (+919988776655)',
        '------------------------------------------------',
        'Item                                 Qty  Amount',
        'Haircut (family)                       1 ₹500.00',
        '------------------------------------------------',
        'List price                               ₹500.00',
        'TOTAL                                      ₹0.00',
        '',
        '              COMPLIMENTARY SERVICE',
        '',
        'Notes: Owner’s sister',
        '',
        '                   Thank you!',
      ].join('\n'),
    )
  })

  it('nothing paid, 32 and 48 columns', () => {
    expect(receiptText(vikram, 32)).toBe(
      [
        '           Glow Salon',
        '    12 MG Road, Indiranagar,',
        '        Bengaluru 560038',
        '      Ph: +91 80 4123 4567',
        '--------------------------------',
        'Bill SAL-26-0003      2026-03-15',
        'Customer: Vikram Rao',
        '(+919700011223)',
        '--------------------------------',
        'Item                 Qty  Amount',
        'Beard trim             1 ₹500.00',
        '--------------------------------',
        'TOTAL                    ₹500.00',
        '',
        '  FULL AMOUNT PENDING: ₹500.00',
        '',
        'Pending (all bills)      ₹500.00',
        '',
        '           Thank you!',
      ].join('\n'),
    )
    expect(receiptText(vikram, 48).split('\n').slice(7, 14)).toEqual([
      'Item                                 Qty  Amount',
      'Beard trim                             1 ₹500.00',
      '------------------------------------------------',
      'TOTAL                                    ₹500.00',
      '',
      '          FULL AMOUNT PENDING: ₹500.00',
      '',
    ])
  })

  it('long item names wrap at words inside their column; quantities and amounts stay right-aligned', () => {
    const text = receipt(
      {
        bill: { total: 1060000, subtotal: 1060000 },
        items: [
          { description: 'Bridal party styling (10 guests) with trial session', quantity: 1, unitPrice: 1000000 },
          { description: 'Haircut', quantity: 2, unitPrice: 30000 },
        ],
      },
      32,
    )
    expect(text.split('\n').slice(8, 15)).toEqual([
      'Item              Qty     Amount',
      'Bridal party        1 ₹10,000.00',
      'styling (10',
      'guests) with',
      'trial session',
      'Haircut             2    ₹600.00',
      '  @ ₹300.00',
    ])
  })

  it('no line is wider than the paper, whatever the names and amounts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(32 as const, 48 as const),
        fc.array(
          fc.record({ description: fc.string({ minLength: 1, maxLength: 120 }), quantity: fc.integer({ min: 1, max: 9999 }), unitPrice: fc.integer({ min: 0, max: 10_000_000 }) }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.string({ maxLength: 200 }),
        (width, items, name) => {
          const text = receiptText(input({ items, rest: { customer: { name: name || 'X', phone: null }, notes: name } }), width)
          for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(width)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('characters that mean something to ReceiptLine are printed as themselves', () => {
    const text = receipt({ rest: { notes: 'a|b {c} -d =e _f "g" `h` ^i ~j \\n' } })
    expect(text).toContain('Notes: a|b {c} -d =e _f "g" `h` ^i ~j \\n')
  })

  it('the store has no address or phone: just its name', () => {
    const text = receiptText({ ...input({}), store: { name: 'S', currency: 'INR', locale: 'en-IN' } }, 32)
    expect(text.split('\n').slice(0, 2)).toEqual(['                S', '-'.repeat(32)])
  })
})

describe('receiptEscPos — bytes for a receipt printer', () => {
  it('initialises the printer, prints Rs. for ₹ (no code page has it), and cuts', () => {
    const bytes = receiptEscPos(priya, 32)
    const text = Buffer.from(bytes).toString('latin1')
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]) // ESC @
    expect(text).toContain('PENDING BALANCE: Rs.600.00')
    expect(text).toContain('Hair colour')
    expect(text).not.toContain('₹')
    expect(text).toMatch(/\x1dV/) // GS V: cut
  })

  it('48 columns differ from 32 (the printer is told the width through the layout)', () => {
    expect(Buffer.from(receiptEscPos(priya, 48)).equals(Buffer.from(receiptEscPos(priya, 32)))).toBe(false)
  })
})

describe('wrapWords', () => {
  it('breaks at spaces and cuts words longer than the width', () => {
    expect(wrapWords('Bridal party styling', 10)).toEqual(['Bridal', 'party', 'styling'])
    expect(wrapWords('ABCDEFGHIJKLMNOP xy', 6)).toEqual(['ABCDEF', 'GHIJKL', 'MNOP', 'xy'])
    expect(wrapWords('one\ntwo three', 20)).toEqual(['one', 'two three'])
  })
})

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
  it('lists each item with its quantity, unit price and half-up line total', () => {
    const text = receipt({
      bill: { total: 50008, subtotal: 50008, amountDue: 50008 },
      items: [
        { description: 'Crane', quantity: 2.5, unitPrice: 3 },
        { description: 'Haircut', quantity: 2, unitPrice: 25000 },
      ],
    })
    expect(text).toMatch(/Crane +2\.5 +₹0\.08\n {2}@ ₹0\.03/)
    expect(text).toMatch(/Haircut +2 +₹500\.00\n {2}@ ₹250\.00/)
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
    expect(text).toMatch(/Pending \(all bills\) +₹123\.45/)
    expect(text).toMatch(/Advance held +₹500\.00/)
    expect(text).toContain('Notes: VIP')
  })

  it('leaves out zero lines: no applied/kept/pending/advance/notes lines when all are zero or empty', () => {
    const text = receipt({ bill: { amountDue: 0 }, payments: [{ method: 'cash', amount: 100000 }] })
    for (const absent of ['Applied to earlier bills', 'Kept as advance', 'Pending (all', 'Advance held', 'Notes:', 'Paid from advance']) {
      expect(text).not.toContain(absent)
    }
  })

  it('omits the phone when there is none', () => {
    const text = receipt({ rest: { customer: { name: 'Ravi', phone: null } } })
    expect(text).toContain('\nCustomer: Ravi\n')
  })

  it('a reprint of a bill paid since says so, and a void bill is marked VOID', () => {
    const paidSince = receipt({
      bill: { total: 100000, amountDue: 60000 },
      payments: [{ method: 'cash', amount: 40000 }],
      rest: { since: { paid: 60000, amountDue: 0, voided: false } },
    })
    expect(paidSince).toContain('PENDING BALANCE: ₹600.00')
    expect(paidSince).toMatch(/Paid on this bill since +₹600\.00\nDue on this bill now +₹0\.00/)
    const voided = receipt({ rest: { since: { paid: 0, amountDue: 0, voided: true } } })
    expect(voided.split('\n').map((line) => line.trim())).toContain('VOID')
  })

  it('the tax hook (issue 17) prints a heading under the store and summary rows after TOTAL', () => {
    const text = receipt({ rest: { tax: { heading: 'TAX INVOICE', headerLines: ['GSTIN 29ABCDE1234F1Z5'], summary: [{ label: 'CGST 9%', amount: 900 }] } } })
    const lines = text.split('\n').map((line) => line.trim())
    expect(lines.slice(3, 5)).toEqual(['TAX INVOICE', 'GSTIN 29ABCDE1234F1Z5'])
    expect(text).toMatch(/TOTAL +₹1,000\.00\nCGST 9% +₹9\.00/)
  })

  it('a closing line longer than 32 columns wraps at its words (₹1,00,000.00 unpaid)', () => {
    const text = receipt({ bill: { subtotal: 10_000_000, total: 10_000_000, amountDue: 10_000_000 }, payments: [] }, 32)
    const lines = text.split('\n').map((line) => line.trim())
    const at = lines.indexOf('FULL AMOUNT PENDING:')
    expect(at, text).toBeGreaterThan(0)
    expect(lines[at + 1]).toBe('₹1,00,000.00')
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(32)
  })

  it('property: exactly one closing status line, with the amount due formatted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(32 as const, 48 as const),
        (total, paidShare, useAdvance, complimentary, width) => {
          const paid = Math.floor(total * paidShare)
          const amountDue = complimentary ? 0 : total - paid
          const text = receipt(
            {
              bill: { complimentary, subtotal: total, total: complimentary ? 0 : total, amountDue },
              payments: useAdvance || complimentary || paid === 0 ? [] : [{ method: 'cash', amount: paid }],
              rest: { advanceUsed: useAdvance && !complimentary ? paid : 0 },
            },
            width,
          )
          // At 32 columns a long closing line wraps at a word ("FULL AMOUNT PENDING:" / "₹1,00,000.00"): read it joined.
          const flat = text
            .split('\n')
            .map((line) => line.trim())
            .join(' ')
          const markers = ['COMPLIMENTARY SERVICE', 'PAID IN FULL', 'PENDING BALANCE: ', 'FULL AMOUNT PENDING: '].filter((marker) => flat.includes(marker))
          expect(markers).toHaveLength(1)
          const money = formatMoney(amountDue, 'INR', 'en-IN')
          if (complimentary) expect(markers[0]).toBe('COMPLIMENTARY SERVICE')
          else if (amountDue === 0) expect(markers[0]).toBe('PAID IN FULL')
          else if (paid > 0) expect(flat).toContain(`PENDING BALANCE: ${money}`)
          else expect(flat).toContain(`FULL AMOUNT PENDING: ${money}`)
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
