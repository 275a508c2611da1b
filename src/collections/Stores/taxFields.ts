import { ValidationError, type CollectionBeforeChangeHook, type Field } from 'payload'

import { checkTaxIdentity } from '@/domain/gstin'
import { usesGst } from '@/domain/tax'
import { taxRateField } from '@/fields/taxRate'

/** SPEC §12: the store's tax registration and how its prices are written. */
export const taxFields: Field[] = [
  {
    type: 'collapsible',
    label: 'Tax (GST / VAT)',
    fields: [
      {
        name: 'gstin',
        type: 'text',
        maxLength: 20,
        admin: {
          description:
            'GSTIN (15 characters, checked) for a store billing in INR; the VAT / sales-tax number elsewhere. Empty: not registered — bills are bills of supply, without tax',
        },
      },
      { name: 'stateCode', type: 'text', maxLength: 10, admin: { description: 'GST state code (27 = Maharashtra); filled from the GSTIN when empty' } },
      {
        name: 'pricesIncludeTax',
        type: 'checkbox',
        defaultValue: false,
        admin: { description: 'Prices in the catalogue and at the POS already include tax (the bill splits them)' },
      },
      {
        name: 'taxLabel',
        type: 'text',
        defaultValue: 'GST',
        maxLength: 20,
        admin: { description: 'The tax’s name on documents: GST, VAT, Sales tax' },
        validate: (value: string | null | undefined) => value == null || /^[\p{L}][\p{L} .-]{0,19}$/u.test(value) || 'taxLabel must be 1–20 letters, e.g. GST or VAT',
      },
      taxRateField('defaultTaxRate', {
        defaultValue: 0,
        description: 'Rate of services typed freely at the POS (not from the catalogue) and of advances, in basis points: 1800 = 18 %',
      }),
    ],
  },
]

/** The tax number and state are checked (GSTIN format and check character) and normalized. */
export const checkStoreTax: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (!('gstin' in data) && !('stateCode' in data) && !('currency' in data)) return data
  const currency = String(data.currency ?? originalDoc?.currency ?? 'INR')
  const { value, problems } = checkTaxIdentity(usesGst({ currency }), {
    gstin: 'gstin' in data ? data.gstin : originalDoc?.gstin,
    // A new GSTIN without a state brings its own state.
    stateCode: 'stateCode' in data ? data.stateCode : 'gstin' in data ? null : originalDoc?.stateCode,
  })
  if (problems.length > 0) throw new ValidationError({ collection: 'stores', errors: problems })
  return { ...data, gstin: value.gstin, stateCode: value.stateCode }
}
