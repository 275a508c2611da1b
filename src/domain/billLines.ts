/**
 * A bill's lines as the cashier or the API gives them, completed from the catalogue
 * (SPEC §12): a line naming a `service` takes that service's rate and SAC (and its name and
 * price when not given); a free-text line carries its own `taxRate`, else the store's
 * default rate. What a line keeps is a copy: the catalogue may change later.
 */
import { notFound, RuleError } from './errors'
import type { Minor } from './money'
import { placeOfSupply, ratePercent, taxBill, taxTreatment, type BasisPoints, type TaxCustomer, type TaxedBill, type TaxStore, type TaxTreatment } from './tax'

export interface CatalogueService {
  id: number
  storeId: number
  name: string
  sac: string | null
  price: Minor
  taxRate: BasisPoints
  active: boolean
}

export interface BillLineInput {
  description?: string | null
  quantity: number
  unitPrice?: Minor | null
  service?: number | null
  taxRate?: BasisPoints | null
  sac?: string | null
}

export interface BillLine {
  description: string
  quantity: number
  unitPrice: Minor
  service: number | null
  sac: string | null
  taxRate: BasisPoints
}

/** The catalogue ids the lines name (to read them in one query). */
export const servicesNamed = (items: readonly Pick<BillLineInput, 'service'>[]): number[] => [
  ...new Set(items.map((item) => item.service).filter((id): id is number => typeof id === 'number')),
]

export function billLines(items: readonly BillLineInput[], catalogue: ReadonlyMap<number, CatalogueService>, store: { id: number; defaultTaxRate: BasisPoints }): BillLine[] {
  return items.map((item, index) => {
    const path = (field: string) => `items.${index}.${field}`
    if (item.service === null || item.service === undefined) {
      if (!item.description?.trim()) throw new RuleError(`${path('description')} is required (or name a catalogue service)`, path('description'), 400)
      if (item.unitPrice === null || item.unitPrice === undefined) throw new RuleError(`${path('unitPrice')} is required (or name a catalogue service)`, path('unitPrice'), 400)
      return {
        description: item.description.trim(),
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        service: null,
        sac: item.sac?.trim() || null,
        taxRate: item.taxRate ?? store.defaultTaxRate,
      }
    }
    const service = catalogue.get(item.service)
    // Another store's service is as unknown as a missing one.
    if (!service || service.storeId !== store.id) throw notFound(path('service'))
    if (!service.active) throw new RuleError(`${path('service')}: "${service.name}" is retired from the catalogue; pick another or type the line`, path('service'), 422)
    if (item.taxRate !== null && item.taxRate !== undefined && item.taxRate !== service.taxRate) {
      throw new RuleError(`${path('taxRate')} must be left out or be ${service.taxRate} (${ratePercent(service.taxRate)}), the rate of "${service.name}"`, path('taxRate'), 400)
    }
    return {
      description: item.description?.trim() || service.name,
      quantity: item.quantity,
      unitPrice: item.unitPrice ?? service.price,
      service: service.id,
      sac: item.sac?.trim() || service.sac,
      taxRate: service.taxRate,
    }
  })
}

export interface BillTaxContext {
  store: TaxStore & { pricesIncludeTax: boolean }
  customer: TaxCustomer
}

export interface TaxedBillOf extends TaxedBill {
  treatment: TaxTreatment
  pricesIncludeTax: boolean
  /** The store's tax number as printed on this bill (null on a bill of supply). */
  supplierGstin: string | null
  customerGstin: string | null
  /** GST: the customer's state, else the store's; null when not GST-registered. */
  placeOfSupply: string | null
}

/** The bill's tax, decided from the store and the customer as they are now (kept on the bill). */
export function taxedBillOf(lines: readonly BillLine[], discount: Minor, complimentary: boolean, { store, customer }: BillTaxContext): TaxedBillOf {
  const treatment = taxTreatment(store, customer)
  const taxed = taxBill({ items: lines, discount, complimentary, pricesIncludeTax: store.pricesIncludeTax, treatment })
  return {
    ...taxed,
    treatment,
    pricesIncludeTax: store.pricesIncludeTax,
    supplierGstin: treatment === 'unregistered' ? null : (store.gstin ?? null),
    customerGstin: customer.gstin || null,
    placeOfSupply: treatment === 'intra' || treatment === 'inter' ? placeOfSupply(store, customer) : null,
  }
}
