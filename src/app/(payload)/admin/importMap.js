import { StatementBulkActions as StatementBulkActions_c781143069d5a141923f12c3e6f3f78b } from '@/components/admin/StatementBulkActions'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@/components/admin/StatementBulkActions#StatementBulkActions": StatementBulkActions_c781143069d5a141923f12c3e6f3f78b,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
