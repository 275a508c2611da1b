import type { CollectionConfig } from 'payload'

import { claimIdempotencyKey, storeIdempotentReply } from '@/hooks/idempotentCreate'
import { rejectTextAmounts } from '@/hooks/rejectTextAmounts'

import { hasRole, type AccessUser } from '@/access/roles'
import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { INVOICE_STATUSES } from '@/domain/invoice'
import { derived } from '@/fields/derived'
import { derivedMoney, money } from '@/fields/money'
import { storeField } from '@/fields/store'

import { invoiceEndpoints } from './endpoints'
import { applyStatusTransition } from './hooks/applyStatusTransition'
import { deriveInvoiceFields } from './hooks/deriveInvoiceFields'
import { guardInvoiceDelete } from './hooks/guardInvoiceDelete'

const ownerOrAdmin = ({ req }: { req: { user: unknown } }) => hasRole(req.user as AccessUser | null, 'admin', 'owner')

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
    storeField(),
    { name: 'customer', type: 'relationship', relationTo: 'customers', required: true, index: true },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'invoice',
      options: [
        { label: 'Bill (POS)', value: 'bill' },
        { label: 'Invoice', value: 'invoice' },
        { label: 'Timesheet (rental)', value: 'timesheet' },
      ],
    },
    derived({ name: 'number', type: 'text', index: true, admin: { description: 'Assigned on posting, e.g. SAL-26-0042' } }),
    { name: 'issueDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } }, ...resetOnDuplicate(null) },
    { name: 'dueDate', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } }, ...resetOnDuplicate(null) },
    {
      name: 'items',
      type: 'array',
      fields: [
        { name: 'description', type: 'text', required: true, maxLength: 200 },
        { name: 'quantity', type: 'number', required: true, defaultValue: 1, min: 0.001, max: 1_000_000 },
        money('unitPrice', { required: true, allowZero: true }),
      ],
    },
    money('discount', { allowZero: true }),
    { name: 'complimentary', type: 'checkbox', defaultValue: false, admin: { description: 'Free service: total 0, list price kept for reports' } },
    {
      type: 'collapsible',
      label: 'Rental period (timesheets)',
      admin: { condition: (data) => data?.kind === 'timesheet' },
      fields: [
        { name: 'asset', type: 'relationship', relationTo: 'assets' },
        { name: 'periodStart', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
        { name: 'periodEnd', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
        { name: 'hours', type: 'number', min: 0, max: 100_000 },
        money('rate', { allowZero: true, description: 'Hourly rate (minor units); defaults to the asset rate' }),
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
    derivedMoney('total'),
    derivedMoney('amountPaid'),
    derivedMoney('amountDue'),
    derived({ name: 'postedAt', type: 'date', admin: { position: 'sidebar' } }),
    derived({ name: 'voidedAt', type: 'date', admin: { position: 'sidebar' } }),
    { name: 'voidReason', type: 'text', maxLength: 300, ...resetOnDuplicate(null) },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
    derived({ name: 'createdBy', type: 'relationship', relationTo: 'users', admin: { position: 'sidebar' } }),
  ],
}
