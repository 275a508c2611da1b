import type { CollectionConfig } from 'payload'

import { nobody } from './compose'

/** Ledger rows: written only by the services, never updated or deleted by anyone. */
export const ledgerRowAccess = (read: NonNullable<CollectionConfig['access']>['read']): CollectionConfig['access'] => ({
  read,
  create: nobody,
  update: nobody,
  delete: nobody,
})
