import type { Field, PayloadRequest } from 'payload'

import { isUpiId } from '@/domain/upi'

/**
 * What customers see of the store on receipts, PDFs and share pages (SPEC §10): address,
 * phone, logo, and the UPI id their QR code pays.
 */
export const storeContactFields: Field[] = [
  {
    type: 'collapsible',
    label: 'On receipts and documents',
    fields: [
      { name: 'address', type: 'textarea', maxLength: 300, admin: { description: 'Printed under the name on receipts, PDFs and share pages' } },
      {
        name: 'phone',
        type: 'text',
        maxLength: 30,
        validate: (value: string | null | undefined) => !value || /^\+?[0-9][0-9 ()-]{4,28}$/.test(value) || 'phone must be digits, spaces, ( ) or - (e.g. +91 80 4123 4567)',
      },
      {
        name: 'upiId',
        type: 'text',
        label: 'UPI id',
        maxLength: 320,
        admin: { description: 'e.g. glowsalon@okaxis — share pages then show a UPI QR code for the amount due' },
        validate: (value: string | null | undefined) => !value || isUpiId(value) || 'upiId must be a UPI id like name@bank',
      },
      {
        name: 'logo',
        type: 'upload',
        relationTo: 'store-logos',
        admin: { description: 'PNG or JPEG, up to 1 MB; on PDFs and share pages' },
        // A store shows only its own logo (one of another store reads as unknown).
        validate: async (value: unknown, { req, id }: { req: PayloadRequest; id?: number | string }) => {
          if (value === null || value === undefined || value === '') return true
          const logoId = typeof value === 'object' && value !== null && 'id' in value ? (value as { id: unknown }).id : value
          const { docs } = await req.payload.find({
            collection: 'store-logos',
            where: { id: { equals: logoId } },
            depth: 0,
            limit: 1,
            req,
            overrideAccess: true,
          })
          const logo = docs[0]
          const storeOf = (store: unknown) => (typeof store === 'object' && store !== null ? (store as { id: unknown }).id : store)
          return (logo !== undefined && (id === undefined || String(storeOf(logo.store)) === String(id))) || 'logo must be an uploaded logo of this store'
        },
      },
    ],
  },
]
