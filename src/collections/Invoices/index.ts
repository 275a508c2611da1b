import type { CollectionConfig } from 'payload'

import { claimIdempotencyKey, storeIdempotentReply } from '@/hooks/idempotentCreate'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { hasRole, type AccessUser } from '@/access/roles'
import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { INVOICE_STATUSES } from '@/domain/invoice'
import { INVOICE_KINDS } from '@/domain/ledgerKinds'
import { TAX_TREATMENTS } from '@/domain/tax'
import { derived } from '@/fields/derived'
import { derivedMoney, money } from '@/fields/money'
import { storeField } from '@/fields/store'
import { validateTaxRate } from '@/fields/taxRate'

import { invoiceEndpoints } from './endpoints'
import { applyStatusTransition } from './hooks/applyStatusTransition'
import { deriveInvoiceFields } from './hooks/deriveInvoiceFields'
import { guardInvoiceDelete } from './hooks/guardInvoiceDelete'

/** Owned by the ledger once posted: read-only in the admin (the API refuses changes, 422). */
const locked = { Field: '@/components/admin/LockedWhenPosted#LockedWhenPosted' }

const ownerOrAdmin = ({ req }: { req: { user: unknown } }) => hasRole(req.user as AccessUser | null, 'admin', 'owner')

const KIND_LABELS: Record<(typeof INVOICE_KINDS)[number], string> = {
  bill: 'Bill (POS)',
  invoice: 'Invoice',
  timesheet: 'Timesheet (rental)',
  opening: 'Opening balance (imported)',
}
/** "Duplicate" (admin, POST /api/invoices/:id/duplicate) copies the bill as a new draft: no number, dated when posted. */
const resetOnDuplicate = (value: unknown) => ({ hooks: { beforeDuplicate: [() => value] } })

export const Invoices: CollectionConfig = {
  slug: 'invoices',
  admin: {
    useAsTitle: 'number',
    defaultColumns: ['number', 'kind', 'customer', 'issueDate', 'total', 'amountDue', 'status'],
    listSearchableFields: ['number', 'notes'],
    group: 'Ledger',
  },
  access: {
    read: inOwnStores(),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  hooks: {
    beforeOperation: [claimIdempotencyKey('invoices'), rejectTextAmounts('invoices', ['discount', 'rate', 'items.*.unitPrice'])],
    beforeChange: [deriveInvoiceFields],
    afterChange: [applyStatusTransition, storeIdempotentReply],
    beforeDelete: [guardInvoiceDelete],
  },
  endpoints: invoiceEndpoints,
  fields: [
    {
      name: 'ledgerActions',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: '@/components/admin/InvoiceAdminActions#InvoiceAdminActions' } },
    },
    { ...storeField(), admin: { position: 'sidebar', components: locked } },
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true, admin: { components: locked } },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'invoice',
      admin: { components: locked },
      options: INVOICE_KINDS.map((value) => ({ label: KIND_LABELS[value], value })),
    },
    derived({ name: 'number', type: 'text', index: true, admin: { description: 'Assigned on posting, e.g. SAL-26-0042' } }),
    { name: 'issueDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' }, components: locked }, ...resetOnDuplicate(null) },
    { name: 'dueDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' } }, ...resetOnDuplicate(null) },
    {
      name: 'items',
      type: 'array',
      admin: { components: locked },
      fields: [
        { name: 'description', type: 'text', required: true, maxLength: 200, admin: { components: locked } },
        { name: 'quantity', type: 'number', required: true, defaultValue: 1, min: 0.001, max: 1_000_000, admin: { components: locked } },
        money('unitPrice', { required: true, allowZero: true, lockWhenPosted: true }),
        {
          name: 'service',
          type: 'relationship',
          relationTo: 'services',
          admin: { description: 'From the catalogue: its rate applies (and its name and price when not given)', components: locked },
        },
        { name: 'sac', type: 'text', maxLength: 8, admin: { description: 'SAC / HSN (the service’s when from the catalogue)', components: locked } },
        {
          name: 'taxRate',
          type: 'number',
          min: 0,
          max: 10_000,
          admin: { step: 1, description: 'Basis points (1800 = 18 %): the service’s, else the store’s default', components: locked },
          validate: validateTaxRate('taxRate'),
        },
        derivedMoney('taxable', 'After its share of the discount, without tax'),
        derivedMoney('tax', 'taxable × rate, half-up (or the tax inside an inclusive price)'),
      ],
    },
    money('discount', { allowZero: true, lockWhenPosted: true }),
    { name: 'complimentary', type: 'checkbox', defaultValue: false, admin: { description: 'Free service: total 0, list price kept for reports', components: locked } },
    {
      name: 'complimentaryReason',
      type: 'text',
      maxLength: 300,
      admin: { condition: (data) => Boolean(data?.complimentary), description: 'Why it was free (family, VIP, compensation…)', components: locked },
    },
    derived({ name: 'complimentaryApprovedBy', type: 'relationship', relationTo: 'users', admin: { condition: (data) => Boolean(data?.complimentary) } }),
    {
      type: 'collapsible',
      label: 'Rental period (timesheets)',
      admin: { condition: (data) => data?.kind === 'timesheet' },
      fields: [
        { name: 'asset', type: 'relationship', relationTo: 'assets', admin: { components: locked } },
        { name: 'periodStart', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' }, components: locked } },
        { name: 'periodEnd', type: 'date', admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'd MMM yyyy' }, components: locked } },
        { name: 'hours', type: 'number', min: 0, max: 100_000, admin: { components: locked } },
        money('rate', { allowZero: true, lockWhenPosted: true, description: 'Hourly rate; defaults to the asset rate' }),
      ],
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'draft',
      options: INVOICE_STATUSES.map((status) => ({ label: status, value: status })),
      access: { create: ownerOrAdmin, update: ownerOrAdmin },
      ...resetOnDuplicate('draft'),
      admin: {
        position: 'sidebar',
        description: 'Derived from payments. Set "open" to post a draft, "paid" to record a payment of the amount due, "void" to void.',
      },
    },
    derivedMoney('subtotal', 'List price: Σ quantity × unit price'),
    {
      type: 'collapsible',
      label: 'Tax (derived)',
      admin: { initCollapsed: true },
      fields: [
        derived({
          name: 'taxTreatment',
          type: 'select',
          defaultValue: 'unregistered',
          options: TAX_TREATMENTS.map((treatment) => ({ label: treatment, value: treatment })),
          admin: { description: 'unregistered: bill of supply · intra: CGST + SGST · inter: IGST · single: one tax (VAT)' },
        }),
        derived({ name: 'pricesIncludeTax', type: 'checkbox', defaultValue: false }),
        derived({ name: 'supplierGstin', type: 'text', admin: { description: 'The store’s tax number when the bill was made' } }),
        derived({ name: 'customerGstin', type: 'text' }),
        derived({ name: 'placeOfSupply', type: 'text', admin: { description: 'GST state code' } }),
        derivedMoney('taxTotal', 'Σ line tax'),
        derivedMoney('cgst'),
        derivedMoney('sgst'),
        derivedMoney('igst'),
      ],
    },
    derivedMoney('total', 'Σ taxable + tax total'),
    derivedMoney('amountPaid', 'Payments and deposits applied to it'),
    derivedMoney('creditedAmount', 'Σ its credit notes (price corrected after the sale)'),
    derivedMoney('writtenOff', 'Written off as bad debt'),
    derivedMoney('amountDue', 'total − amountPaid − creditedAmount − writtenOff'),
    derived({ name: 'creditOverrideReason', type: 'text', admin: { description: 'Why an owner let it go above the customer’s credit limit' } }),
    derived({ name: 'creditOverrideBy', type: 'relationship', relationTo: 'users' }),
    {
      // Input only (never stored): an owner posting above the customer's credit limit says why.
      name: 'overrideCreditLimit',
      type: 'group',
      virtual: true,
      admin: { hidden: true },
      fields: [{ name: 'reason', type: 'text', maxLength: 300 }],
    },
    derived({ name: 'postedAt', type: 'date', admin: { position: 'sidebar' } }),
    derived({ name: 'voidedAt', type: 'date', admin: { position: 'sidebar' } }),
    { name: 'voidReason', type: 'text', maxLength: 300, ...resetOnDuplicate(null) },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users', admin: { position: 'sidebar' } }),
  ],
}
