/**
 * Tax on a bill or invoice (SPEC §12), pure and in integer minor units:
 *
 * 1. each line's amount is quantity × unit price (half-up), the list price;
 * 2. the bill's discount is shared over the lines in proportion to their amounts, the
 *    shares adding up to the discount exactly (largest remainder, like dinero.js's allocate);
 * 3. per line, after its share: with prices **exclusive** of tax, tax = taxable × rate,
 *    half-up to minor units; with prices **inclusive** of tax, the price is split so that
 *    taxable + tax = price exactly (tax = price × rate / (1 + rate), half-up);
 * 4. per rate, the tax is CGST + SGST (halves, the odd minor unit to CGST) when the place
 *    of supply is the store's state or unknown, IGST when it is another state — or one
 *    tax (VAT, sales tax) for a store outside India; an unregistered store charges none
 *    (a bill of supply);
 * 5. total = Σ taxable + Σ tax. A complimentary bill is zero-value: every line taxable 0, tax 0.
 *
 * Rates are basis points (1800 = 18 %). No float anywhere: decimal.js, half-up.
 */
import Decimal from 'decimal.js'

import { stateOfGstin } from './gstin'
import { allocateProportionally, lineTotal, sum, type Minor } from './money'

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })

/** A tax rate in basis points of the taxable value: 1800 = 18 %. */
export type BasisPoints = number

/** 100 %: no rate is higher. */
export const MAX_TAX_RATE: BasisPoints = 10_000
const ONE: BasisPoints = 10_000

export const isTaxRate = (value: unknown): value is BasisPoints => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_TAX_RATE

/**
 * How a bill is taxed, decided when it is made and kept on it:
 * `unregistered` — the store has no tax number: a bill of supply, no tax;
 * `intra` — GST within the store's state: CGST + SGST;
 * `inter` — GST to another state: IGST;
 * `single` — a store outside India: one tax named by its `taxLabel` (VAT, sales tax).
 */
export const TAX_TREATMENTS = ['unregistered', 'intra', 'inter', 'single'] as const
export type TaxTreatment = (typeof TAX_TREATMENTS)[number]

export interface TaxStore {
  currency: string
  /** The store's tax number: a GSTIN in India, a VAT / sales-tax number elsewhere. */
  gstin?: string | null
  stateCode?: string | null
}

export interface TaxCustomer {
  gstin?: string | null
  stateCode?: string | null
}

/** Indian GST (CGST + SGST, or IGST) for a store that bills in rupees; one tax elsewhere. */
export const usesGst = (store: Pick<TaxStore, 'currency'>): boolean => store.currency === 'INR'

export const isRegistered = (store: Pick<TaxStore, 'gstin'>): boolean => Boolean(store.gstin?.trim())

/**
 * Where a service is supplied (GST): the customer's state (given, or their GSTIN's), else
 * the store's own — so a walk-in with no state on record is taxed as within the state.
 */
export function placeOfSupply(store: TaxStore, customer: TaxCustomer | null | undefined): string | null {
  return customer?.stateCode || stateOfGstin(customer?.gstin) || store.stateCode || null
}

export function taxTreatment(store: TaxStore, customer: TaxCustomer | null | undefined): TaxTreatment {
  if (!isRegistered(store)) return 'unregistered'
  if (!usesGst(store)) return 'single'
  const place = placeOfSupply(store, customer)
  return !place || !store.stateCode || place === store.stateCode ? 'intra' : 'inter'
}

/** CGST and SGST of an amount of tax: halves, the odd minor unit to CGST. */
export function splitHalves(tax: Minor): { cgst: Minor; sgst: Minor } {
  const sgst = Math.floor(tax / 2)
  return { cgst: tax - sgst, sgst }
}

/** taxable × rate, half-up to minor units (prices exclusive of tax). */
export function taxOn(taxable: Minor, rate: BasisPoints): Minor {
  return new D(taxable).times(rate).dividedBy(ONE).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
}

/** A price that includes tax, split so that taxable + tax = price exactly. */
export function splitInclusive(price: Minor, rate: BasisPoints): { taxable: Minor; tax: Minor } {
  const tax = new D(price)
    .times(rate)
    .dividedBy(ONE + rate)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber()
  return { taxable: price - tax, tax }
}

export interface TaxableItem {
  quantity: number | string
  unitPrice: Minor
  taxRate: BasisPoints
}

export interface TaxedLine {
  /** quantity × unit price: the list price of the line. */
  amount: Minor
  /** The line's share of the bill's discount. */
  discount: Minor
  /** The rate charged (0 on an unregistered store's bill). */
  taxRate: BasisPoints
  taxable: Minor
  tax: Minor
}

export interface RateGroup {
  taxRate: BasisPoints
  taxable: Minor
  tax: Minor
  cgst: Minor
  sgst: Minor
  igst: Minor
}

export interface TaxFigures {
  taxTotal: Minor
  cgst: Minor
  sgst: Minor
  igst: Minor
}

export interface TaxedBill extends TaxFigures {
  /** Σ line amounts before discount: the list price, kept even when complimentary. */
  subtotal: Minor
  discount: Minor
  lines: TaxedLine[]
  /** Per rate, ascending: the tax summary of the documents and the report. */
  byRate: RateGroup[]
  /** Σ taxable + taxTotal. */
  total: Minor
}

export interface TaxBillInput {
  items: readonly TaxableItem[]
  discount: Minor
  complimentary: boolean
  pricesIncludeTax: boolean
  treatment: TaxTreatment
}

/** One rate's tax as CGST / SGST / IGST under a treatment. */
export function splitTax(tax: Minor, treatment: TaxTreatment): Pick<RateGroup, 'cgst' | 'sgst' | 'igst'> {
  if (treatment === 'intra') return { ...splitHalves(tax), igst: 0 }
  if (treatment === 'inter') return { cgst: 0, sgst: 0, igst: tax }
  return { cgst: 0, sgst: 0, igst: 0 }
}

/** Lines grouped by rate (ascending), each group's tax split by the treatment. */
export function groupByRate(lines: readonly Pick<TaxedLine, 'taxRate' | 'taxable' | 'tax'>[], treatment: TaxTreatment): RateGroup[] {
  const groups = new Map<BasisPoints, { taxable: Minor; tax: Minor }>()
  for (const line of lines) {
    const group = groups.get(line.taxRate) ?? { taxable: 0, tax: 0 }
    group.taxable += line.taxable
    group.tax += line.tax
    groups.set(line.taxRate, group)
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([taxRate, group]) => ({ taxRate, taxable: group.taxable, tax: group.tax, ...splitTax(group.tax, treatment) }))
}

export function sumFigures(groups: readonly Pick<RateGroup, 'tax' | 'cgst' | 'sgst' | 'igst'>[]): TaxFigures {
  return {
    taxTotal: sum(groups.map((group) => group.tax)),
    cgst: sum(groups.map((group) => group.cgst)),
    sgst: sum(groups.map((group) => group.sgst)),
    igst: sum(groups.map((group) => group.igst)),
  }
}

/** A bill's lines, tax and total (the steps in this file's header). */
export function taxBill(input: TaxBillInput): TaxedBill {
  const amounts = input.items.map((item) => lineTotal(item.quantity, item.unitPrice))
  const subtotal = sum(amounts)
  const charged = input.treatment !== 'unregistered'
  const discount = input.complimentary ? 0 : input.discount
  const shares = input.complimentary ? amounts.map(() => 0) : allocateProportionally(discount, amounts)
  const lines = input.items.map((item, index): TaxedLine => {
    const amount = amounts[index]!
    const taxRate = charged ? item.taxRate : 0
    if (input.complimentary) return { amount, discount: 0, taxRate, taxable: 0, tax: 0 }
    const net = amount - shares[index]!
    const { taxable, tax } = input.pricesIncludeTax ? splitInclusive(net, taxRate) : { taxable: net, tax: taxOn(net, taxRate) }
    return { amount, discount: shares[index]!, taxRate, taxable, tax }
  })
  const byRate = groupByRate(lines, input.treatment)
  const figures = sumFigures(byRate)
  return { subtotal, discount, lines, byRate, ...figures, total: sum(lines.map((line) => line.taxable)) + figures.taxTotal }
}

/**
 * The tax a credit note takes back (SPEC §9, §12): its amount is shared over the invoice's
 * taxable value and tax, rate by rate, in proportion (largest remainder), so the note's
 * taxable + tax = its amount exactly; each rate's tax is split like the invoice's.
 */
export function creditNoteTax(
  amount: Minor,
  invoice: { byRate: readonly Pick<RateGroup, 'taxRate' | 'taxable' | 'tax'>[]; treatment: TaxTreatment },
): TaxFigures & { taxable: Minor; byRate: RateGroup[] } {
  const weights = invoice.byRate.flatMap((group) => [group.taxable, group.tax])
  const parts = weights.length > 0 ? allocateProportionally(amount, weights) : []
  const byRate = invoice.byRate.map((group, index) => {
    const tax = parts[2 * index + 1]!
    return { taxRate: group.taxRate, taxable: parts[2 * index]!, tax, ...splitTax(tax, invoice.treatment) }
  })
  return { taxable: sum(byRate.map((group) => group.taxable)), byRate, ...sumFigures(byRate) }
}

/**
 * The rate of tax inside a deposit taken now: the store's default rate when it is
 * registered, else 0. Restated in tally_insert_deposit (SQL), held equal by a test.
 */
export const advanceTaxRate = (store: Pick<TaxStore, 'gstin'> & { defaultTaxRate?: number | null }): BasisPoints => (isRegistered(store) ? (store.defaultTaxRate ?? 0) : 0)

/**
 * Tax in a customer's advance (SPEC §12, README "Tax on advances"): a registered store's
 * deposit is a receipt voucher whose amount includes tax at the store's rate for advances;
 * the bill that uses it adjusts that tax (the same split of the amount used).
 */
export function advanceTax(amount: Minor, rate: BasisPoints, treatment: TaxTreatment): RateGroup {
  const { taxable, tax } = treatment === 'unregistered' ? { taxable: amount, tax: 0 } : splitInclusive(amount, rate)
  return { taxRate: treatment === 'unregistered' ? 0 : rate, taxable, tax, ...splitTax(tax, treatment) }
}

/** 1800 → "18%", 250 → "2.5%", 25 → "0.25%". */
export function ratePercent(rate: BasisPoints): string {
  return `${new D(rate).dividedBy(100).toString()}%`
}

/** Half a rate, as CGST and SGST each print it: 1800 → "9%", 500 → "2.5%". */
export function halfRatePercent(rate: BasisPoints): string {
  return `${new D(rate).dividedBy(200).toString()}%`
}
