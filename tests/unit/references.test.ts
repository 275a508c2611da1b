import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { creditNoteNumbering, formatReference, invoiceNumber, lineReferences, looksNumbered, numberedReferences, PAYMENT_REFERENCE, paymentReference } from '@/domain/references'

describe('invoiceNumber — per store and year, e.g. SAL-26-0042', () => {
  it.each([
    ['SAL', 2026, 42, 'SAL-26-0042'],
    ['SAL', 2026, 1, 'SAL-26-0001'],
    ['RNT', 2030, 9999, 'RNT-30-9999'],
    ['RNT', 2030, 12345, 'RNT-30-12345'],
    ['INV', 2000, 7, 'INV-00-0007'],
    ['INV', 2105, 7, 'INV-05-0007'],
  ])('invoiceNumber(%j, %d, %d) = %j', (prefix, year, sequence, expected) => {
    expect(invoiceNumber(prefix, year, sequence)).toBe(expected)
  })

  it('property: the number reads back as prefix, two-digit year and the sequence', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2,5}$/), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 999_999 }), (prefix, year, sequence) => {
        const number = invoiceNumber(prefix, year, sequence)
        const match = /^([A-Z]+)-(\d{2})-(\d{4,})$/.exec(number)
        expect(match).not.toBeNull()
        expect(match![1]).toBe(prefix)
        expect(Number(match![2])).toBe(year - 2000)
        expect(Number(match![3])).toBe(sequence)
      }),
      { numRuns: 200 },
    )
  })

  it('property: within a year, numbers up to 9999 sort like their sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), (a, b) => {
        const byText = invoiceNumber('SAL', 2026, a) < invoiceNumber('SAL', 2026, b)
        expect(byText).toBe(a < b)
      }),
      { numRuns: 200 },
    )
  })
})

describe('PAY- references and CN- credit notes', () => {
  it.each([
    [1, 'PAY-000001'],
    [123, 'PAY-000123'],
    [999_999, 'PAY-999999'],
    [1_234_567, 'PAY-1234567'],
  ])('paymentReference(%d) = %s (padded to six digits, never cut)', (sequence, expected) => {
    expect(paymentReference(sequence)).toBe(expected)
    expect(formatReference(PAYMENT_REFERENCE, sequence)).toBe(expected)
  })

  it('a credit note is CN-YY-0001, counted per year', () => {
    expect(formatReference(creditNoteNumbering(2026), 1)).toBe('CN-26-0001')
    expect(creditNoteNumbering(2026).counter).not.toBe(creditNoteNumbering(2027).counter)
  })

  it('property: a reference reads back as its prefix and its number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 1, max: 8 }), (value, digits) => {
        const text = formatReference({ prefix: 'X-', digits }, value)
        expect(text.startsWith('X-')).toBe(true)
        expect(Number(text.slice(2))).toBe(value)
        expect(text.length - 2).toBe(Math.max(digits, String(value).length))
      }),
      { numRuns: 300 },
    )
  })

  it('a typed reference that looks like a PAY- number is recognised (it would collide later)', () => {
    expect(looksNumbered('PAY-000042')).toBe(true)
    expect(looksNumbered(' pay-42 ')).toBe(true)
    expect(looksNumbered('EXP-000007')).toBe(true)
    expect(looksNumbered('PAY-UPI-42')).toBe(false)
    expect(looksNumbered('UTR-7781')).toBe(false)
  })
})

describe('lineReferences — which rows of a payment line carry the typed reference', () => {
  it('a payment carries the reference typed; its excess kept as a deposit is numbered', () => {
    expect(lineReferences({ applied: 300, kept: 200, given: 'UTR-1' })).toEqual({ payment: 'UTR-1', deposit: null })
  })

  it('a line that is all deposit gives the deposit the reference typed', () => {
    expect(lineReferences({ applied: 0, kept: 500, given: 'UTR-1' })).toEqual({ payment: undefined, deposit: 'UTR-1' })
  })

  it('without a typed reference, each row is numbered; a row that does not exist takes none', () => {
    const lines = [
      lineReferences({ applied: 300, kept: 200, given: null }),
      lineReferences({ applied: 100, kept: 0, given: null }),
      lineReferences({ applied: 0, kept: 50, given: 'CHQ-9' }),
    ]
    expect(lines).toEqual([
      { payment: null, deposit: null },
      { payment: null, deposit: undefined },
      { payment: undefined, deposit: 'CHQ-9' },
    ])
    expect(numberedReferences(lines)).toBe(3)
  })
})
