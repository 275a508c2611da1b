/**
 * SPEC §12's arithmetic: the worked examples written out by hand, then fast-check
 * properties checked against integer (BigInt) arithmetic of their own — never floats.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { lineTotal, sum } from '@/domain/money'
import {
  advanceTax,
  creditNoteTax,
  halfRatePercent,
  isTaxRate,
  placeOfSupply,
  ratePercent,
  splitHalves,
  splitInclusive,
  taxBill,
  taxOn,
  taxTreatment,
  type TaxBillInput,
  type TaxTreatment,
} from '@/domain/tax'

const bill = (overrides: Partial<TaxBillInput>): TaxBillInput => ({ items: [], discount: 0, complimentary: false, pricesIncludeTax: false, treatment: 'intra', ...overrides })

describe('worked examples (₹, paise in the code)', () => {
  it('exclusive, same state, one rate: Haircut ₹500 + Hair spa ₹1,200 less ₹170 discount at 18 %', () => {
    // amounts 50000 + 120000 = subtotal 170000; the discount 17000 is shared 5000 / 12000
    // (in proportion: 50000/170000 × 17000 = 5000 exactly); taxable 45000 and 108000;
    // tax 18 %: 8100 and 19440 = 27540; CGST 9 % = SGST 9 % = 13770; total 153000 + 27540 = 180540.
    const result = taxBill(
      bill({
        items: [
          { quantity: 1, unitPrice: 50_000, taxRate: 1800 },
          { quantity: 1, unitPrice: 120_000, taxRate: 1800 },
        ],
        discount: 17_000,
      }),
    )
    expect(result.lines).toEqual([
      { amount: 50_000, discount: 5_000, taxRate: 1800, taxable: 45_000, tax: 8_100 },
      { amount: 120_000, discount: 12_000, taxRate: 1800, taxable: 108_000, tax: 19_440 },
    ])
    expect(result).toMatchObject({ subtotal: 170_000, discount: 17_000, taxTotal: 27_540, cgst: 13_770, sgst: 13_770, igst: 0, total: 180_540 })
    expect(result.byRate).toEqual([{ taxRate: 1800, taxable: 153_000, tax: 27_540, cgst: 13_770, sgst: 13_770, igst: 0 }])
  })

  it('the odd paisa of CGST + SGST goes to CGST: ₹100.05 at 18 % → tax ₹18.01 = CGST ₹9.01 + SGST ₹9.00', () => {
    // 10005 × 0.18 = 1800.9 → 1801 (half-up); 1801 = 901 + 900.
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 10_005, taxRate: 1800 }] }))
    expect(result).toMatchObject({ taxTotal: 1801, cgst: 901, sgst: 900, igst: 0, total: 11_806 })
  })

  it('half-up, not banker’s rounding: ₹0.25 at 18 % is 4.5 paise of tax → 5 paise', () => {
    expect(taxOn(25, 1800)).toBe(5)
    expect(taxOn(75, 1800)).toBe(14) // 13.5 → 14
    expect(taxOn(24, 1800)).toBe(4) // 4.32 → 4
  })

  it('inclusive prices are split so taxable + tax = price: ₹1,180 incl. 18 % = ₹1,000 + ₹180; ₹500 incl. 18 % = ₹423.73 + ₹76.27', () => {
    // 118000 × 1800 / 11800 = 18000 exactly; 50000 × 1800 / 11800 = 7627.118… → 7627, taxable 50000 − 7627 = 42373.
    expect(splitInclusive(118_000, 1800)).toEqual({ taxable: 100_000, tax: 18_000 })
    expect(splitInclusive(50_000, 1800)).toEqual({ taxable: 42_373, tax: 7_627 })
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 50_000, taxRate: 1800 }], pricesIncludeTax: true }))
    // 7627 = 3814 (CGST, the odd paisa) + 3813 (SGST); the total stays the price the customer saw.
    expect(result).toMatchObject({ subtotal: 50_000, taxTotal: 7_627, cgst: 3_814, sgst: 3_813, igst: 0, total: 50_000 })
    expect(result.lines[0]).toMatchObject({ taxable: 42_373, tax: 7_627 })
  })

  it('inclusive with a discount: the discount comes off the price, then the price is split', () => {
    // ₹1,180 incl. 18 % less ₹118 → ₹1,062 = taxable 90000 + tax 16200 (1062 × 18/118 = 162 exactly).
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 118_000, taxRate: 1800 }], discount: 11_800, pricesIncludeTax: true }))
    expect(result).toMatchObject({ subtotal: 118_000, discount: 11_800, taxTotal: 16_200, cgst: 8_100, sgst: 8_100, total: 106_200 })
    expect(result.lines[0]).toMatchObject({ discount: 11_800, taxable: 90_000, tax: 16_200 })
  })

  it('a discount that does not divide evenly: ₹1 over three ₹100 lines is 34 + 33 + 33 paise (the first of equal remainders takes the odd one)', () => {
    const result = taxBill(
      bill({
        items: [
          { quantity: 1, unitPrice: 10_000, taxRate: 1800 },
          { quantity: 1, unitPrice: 10_000, taxRate: 1800 },
          { quantity: 1, unitPrice: 10_000, taxRate: 1800 },
        ],
        discount: 100,
      }),
    )
    expect(result.lines.map((line) => line.discount)).toEqual([34, 33, 33])
    // taxable 9966, 9967, 9967; tax 1793.88 → 1794, 1794.06 → 1794, 1794 → Σ 5382
    expect(result.lines.map((line) => line.tax)).toEqual([1794, 1794, 1794])
    expect(result).toMatchObject({ taxTotal: 5382, total: 29_900 + 5382 })
  })

  it('two rates on one bill: a summary row per rate; 5 % and 18 %', () => {
    // Product ₹236 at 18 % excl.: 4248 tax; Service ₹1,000 at 5 %: 5000 tax.
    const result = taxBill(
      bill({
        items: [
          { quantity: 2, unitPrice: 11_800, taxRate: 1800 },
          { quantity: 1, unitPrice: 100_000, taxRate: 500 },
        ],
      }),
    )
    expect(result.byRate).toEqual([
      { taxRate: 500, taxable: 100_000, tax: 5_000, cgst: 2_500, sgst: 2_500, igst: 0 },
      { taxRate: 1800, taxable: 23_600, tax: 4_248, cgst: 2_124, sgst: 2_124, igst: 0 },
    ])
    expect(result).toMatchObject({ taxTotal: 9_248, cgst: 4_624, sgst: 4_624, total: 123_600 + 9_248 })
  })

  it('another state: the same bill is IGST', () => {
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 10_005, taxRate: 1800 }], treatment: 'inter' }))
    expect(result).toMatchObject({ taxTotal: 1801, cgst: 0, sgst: 0, igst: 1801, total: 11_806 })
  })

  it('a store outside India: one tax (VAT 20 % on £10.00 = £2.00), no CGST/SGST/IGST', () => {
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 1_000, taxRate: 2000 }], treatment: 'single' }))
    expect(result).toMatchObject({ taxTotal: 200, cgst: 0, sgst: 0, igst: 0, total: 1_200 })
  })

  it('an unregistered store charges no tax, whatever the rates (bill of supply)', () => {
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 50_000, taxRate: 1800 }], discount: 5_000, treatment: 'unregistered' }))
    expect(result).toMatchObject({ subtotal: 50_000, discount: 5_000, taxTotal: 0, cgst: 0, sgst: 0, igst: 0, total: 45_000 })
    expect(result.lines[0]).toMatchObject({ taxRate: 0, taxable: 45_000, tax: 0 })
  })

  it('a complimentary bill is zero-value: taxable 0, tax 0, total 0; the list price stays the subtotal', () => {
    const result = taxBill(bill({ items: [{ quantity: 1, unitPrice: 50_000, taxRate: 1800 }], discount: 1_000, complimentary: true }))
    expect(result).toMatchObject({ subtotal: 50_000, discount: 0, taxTotal: 0, cgst: 0, sgst: 0, igst: 0, total: 0 })
    expect(result.lines[0]).toMatchObject({ amount: 50_000, discount: 0, taxRate: 1800, taxable: 0, tax: 0 })
  })

  it('fractional quantities: 2.5 h × ₹1,999.99 = ₹4,999.975 → ₹4,999.98 before tax', () => {
    const result = taxBill(bill({ items: [{ quantity: 2.5, unitPrice: 199_999, taxRate: 1800 }] }))
    // 2.5 × 199999 = 499997.5 → 499998; × 0.18 = 89999.64 → 90000.
    expect(result.lines[0]).toMatchObject({ amount: 499_998, taxable: 499_998, tax: 90_000 })
  })
})

describe('place of supply and treatment', () => {
  const store = { currency: 'INR', gstin: '27AAPFU0939F1ZV', stateCode: '27' }

  it('same state, or no state known for the customer → CGST + SGST; another state → IGST', () => {
    expect(taxTreatment(store, null)).toBe('intra')
    expect(taxTreatment(store, { stateCode: '27' })).toBe('intra')
    expect(taxTreatment(store, { stateCode: '29' })).toBe('inter')
    // A registered customer's GSTIN says where they are when no state is given.
    expect(taxTreatment(store, { gstin: '29AAGCB7383J1Z4' })).toBe('inter')
    expect(placeOfSupply(store, { gstin: '29AAGCB7383J1Z4' })).toBe('29')
    expect(placeOfSupply(store, {})).toBe('27')
  })

  it('no tax number → unregistered; a store outside India → one tax', () => {
    expect(taxTreatment({ currency: 'INR', gstin: null, stateCode: '27' }, { stateCode: '29' })).toBe('unregistered')
    expect(taxTreatment({ currency: 'GBP', gstin: 'GB123456789' }, { stateCode: '29' })).toBe('single')
    expect(taxTreatment({ currency: 'GBP', gstin: '' }, null)).toBe('unregistered')
  })
})

describe('credit notes take tax back in proportion', () => {
  it('₹590 credited on a ₹1,180 bill (₹1,000 + ₹180 at 18 %) is ₹500 + ₹90 = CGST ₹45 + SGST ₹45', () => {
    const invoice = taxBill(bill({ items: [{ quantity: 1, unitPrice: 100_000, taxRate: 1800 }] }))
    expect(creditNoteTax(59_000, { byRate: invoice.byRate, treatment: 'intra' })).toMatchObject({ taxable: 50_000, taxTotal: 9_000, cgst: 4_500, sgst: 4_500, igst: 0 })
  })

  it('the whole of an invoice credited takes back all of its tax', () => {
    const invoice = taxBill(
      bill({
        items: [
          { quantity: 1, unitPrice: 10_005, taxRate: 1800 },
          { quantity: 3, unitPrice: 333, taxRate: 500 },
        ],
        treatment: 'inter',
      }),
    )
    const note = creditNoteTax(invoice.total, { byRate: invoice.byRate, treatment: 'inter' })
    expect(note).toMatchObject({ taxable: invoice.total - invoice.taxTotal, taxTotal: invoice.taxTotal, igst: invoice.igst })
  })
})

describe('advances: the receipt voucher includes tax at the store’s rate', () => {
  it('a ₹1,180 deposit at 18 % within the state holds ₹180 of tax (CGST ₹90 + SGST ₹90)', () => {
    expect(advanceTax(118_000, 1800, 'intra')).toEqual({ taxRate: 1800, taxable: 100_000, tax: 18_000, cgst: 9_000, sgst: 9_000, igst: 0 })
    expect(advanceTax(118_000, 1800, 'unregistered')).toEqual({ taxRate: 0, taxable: 118_000, tax: 0, cgst: 0, sgst: 0, igst: 0 })
  })
})

describe('rates', () => {
  it('basis points print as percent, halves for CGST/SGST', () => {
    expect(ratePercent(1800)).toBe('18%')
    expect(ratePercent(25)).toBe('0.25%')
    expect(halfRatePercent(1800)).toBe('9%')
    expect(halfRatePercent(500)).toBe('2.5%')
    expect(halfRatePercent(25)).toBe('0.125%')
  })
  it('a rate is whole basis points from 0 to 10000', () => {
    expect([0, 500, 1800, 10_000].every(isTaxRate)).toBe(true)
    expect([-1, 10_001, 18.5, Number.NaN, '1800', null].some(isTaxRate)).toBe(false)
  })
})

// ---------------------------------------------------------------- properties

const TREATMENTS: TaxTreatment[] = ['unregistered', 'intra', 'inter', 'single']
const rateArb = fc.oneof(fc.constantFrom(0, 25, 300, 500, 1200, 1800, 2800, 4000), fc.integer({ min: 0, max: 10_000 }))
const itemArb = fc.record({
  quantity: fc.integer({ min: 1, max: 100_000 }).map((thousandths) => thousandths / 1000),
  unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
  taxRate: rateArb,
})
const billArb = fc
  .record({
    items: fc.array(itemArb, { minLength: 1, maxLength: 8 }),
    discountShare: fc.integer({ min: 0, max: 1000 }),
    complimentary: fc.boolean(),
    pricesIncludeTax: fc.boolean(),
    treatment: fc.constantFrom(...TREATMENTS),
  })
  .map(({ discountShare, ...rest }) => {
    const subtotal = sum(rest.items.map((item) => lineTotal(item.quantity, item.unitPrice)))
    return { ...rest, discount: Number((BigInt(subtotal) * BigInt(discountShare)) / 1000n) }
  })

/** Half-up integer division, in BigInt: ⌊(2n + d) / 2d⌋ for n, d ≥ 0. */
const halfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator)

describe('properties', () => {
  it('Σ taxable + Σ tax = total; the discount shares add up to the discount; every figure a safe integer ≥ 0', () => {
    fc.assert(
      fc.property(billArb, (input) => {
        const result = taxBill(input)
        expect(sum(result.lines.map((line) => line.taxable)) + result.taxTotal).toBe(result.total)
        expect(sum(result.lines.map((line) => line.tax))).toBe(result.taxTotal)
        expect(result.subtotal).toBe(sum(result.lines.map((line) => line.amount)))
        if (!input.complimentary) {
          expect(sum(result.lines.map((line) => line.discount))).toBe(input.discount)
          // Inclusive: the customer pays the prices less the discount; exclusive: that plus tax.
          expect(result.total).toBe(input.pricesIncludeTax ? result.subtotal - input.discount : result.subtotal - input.discount + result.taxTotal)
        } else {
          expect(result.total).toBe(0)
        }
        for (const line of result.lines) {
          for (const value of [line.amount, line.discount, line.taxable, line.tax]) {
            expect(Number.isSafeInteger(value) && value >= 0).toBe(true)
          }
          expect(line.discount).toBeLessThanOrEqual(line.amount)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('per line: exclusive tax = taxable × rate half-up; inclusive taxable + tax = price exactly, tax = price × r/(1+r) half-up', () => {
    fc.assert(
      fc.property(billArb, (input) => {
        const result = taxBill(input)
        result.lines.forEach((line, index) => {
          const rate = input.treatment === 'unregistered' ? 0 : input.items[index]!.taxRate
          expect(line.taxRate).toBe(rate)
          if (input.complimentary) return expect([line.taxable, line.tax]).toEqual([0, 0])
          const net = BigInt(line.amount - line.discount)
          if (input.pricesIncludeTax) {
            expect(line.taxable + line.tax).toBe(line.amount - line.discount)
            expect(BigInt(line.tax)).toBe(halfUp(net * BigInt(rate), BigInt(10_000 + rate)))
          } else {
            expect(line.taxable).toBe(line.amount - line.discount)
            expect(BigInt(line.tax)).toBe(halfUp(net * BigInt(rate), 10_000n))
          }
        })
      }),
      { numRuns: 500 },
    )
  })

  it('CGST + SGST + IGST = tax; per rate the halves differ by at most the odd paisa, which is CGST’s', () => {
    fc.assert(
      fc.property(billArb, (input) => {
        const result = taxBill(input)
        for (const group of result.byRate) {
          if (input.treatment === 'intra') {
            expect(group.cgst + group.sgst).toBe(group.tax)
            expect(group.cgst - group.sgst).toBe(group.tax % 2)
            expect(group.igst).toBe(0)
          } else if (input.treatment === 'inter') {
            expect([group.cgst, group.sgst, group.igst]).toEqual([0, 0, group.tax])
          } else {
            expect([group.cgst, group.sgst, group.igst]).toEqual([0, 0, 0])
          }
        }
        const split = result.cgst + result.sgst + result.igst
        expect(split).toBe(input.treatment === 'intra' || input.treatment === 'inter' ? result.taxTotal : 0)
        expect(sum(result.byRate.map((group) => group.taxable))).toBe(sum(result.lines.map((line) => line.taxable)))
      }),
      { numRuns: 500 },
    )
  })

  it('halves of any tax add up, CGST taking the odd unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (tax) => {
        const { cgst, sgst } = splitHalves(tax)
        expect(cgst + sgst).toBe(tax)
        expect(cgst - sgst).toBe(tax % 2)
      }),
    )
  })

  it('a credit note of any amount up to the total: taxable + tax = amount, never more than the invoice’s, halves add up', () => {
    fc.assert(
      fc.property(billArb, fc.integer({ min: 0, max: 1000 }), (input, share) => {
        const invoice = taxBill(input)
        const amount = Number((BigInt(invoice.total) * BigInt(share)) / 1000n)
        const note = creditNoteTax(amount, { byRate: invoice.byRate, treatment: input.treatment })
        expect(note.taxable + note.taxTotal).toBe(invoice.byRate.length > 0 ? amount : 0)
        expect(note.taxTotal).toBeLessThanOrEqual(invoice.taxTotal)
        note.byRate.forEach((group, index) => {
          expect(group.tax).toBeLessThanOrEqual(invoice.byRate[index]!.tax)
          expect(group.taxable).toBeLessThanOrEqual(invoice.byRate[index]!.taxable)
        })
        if (input.treatment === 'intra') expect(note.cgst + note.sgst).toBe(note.taxTotal)
      }),
      { numRuns: 300 },
    )
  })
})
