import type { CollectionConfig } from 'payload'

import { inOwnStores } from '@/access/inOwnStores'
import { scopedTo } from '@/access/scopedTo'
import { storeField } from '@/fields/store'

import { keepLogoBytes } from './hooks/keepLogoBytes'
export { LOGO_MAX_BYTES } from './limits'
import { serveLogo } from './serveLogo'

/**
 * A store's logo (SPEC §10). The file lives in the database (`store_logo_files`), not on
 * the disk of one app instance, so every instance behind a load balancer serves it.
 */
export const StoreLogos: CollectionConfig = {
  slug: 'store-logos',
  admin: { useAsTitle: 'filename', group: 'Settings', defaultColumns: ['filename', 'store', 'filesize', 'updatedAt'] },
  access: {
    read: inOwnStores(),
    create: scopedTo(['admin', 'owner']),
    update: scopedTo(['admin', 'owner']),
    delete: scopedTo(['admin', 'owner']),
  },
  upload: {
    disableLocalStorage: true,
    mimeTypes: ['image/png', 'image/jpeg'],
    handlers: [serveLogo],
    hideRemoveFile: true,
  },
  hooks: { afterChange: [keepLogoBytes] },
  fields: [storeField()],
}
