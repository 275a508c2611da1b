import { MoneyCell as MoneyCell_4a3beab9aeb64215aca62667b2e66a58 } from '@/components/admin/MoneyCell'
import { MoneyField as MoneyField_3bdbbe5aa84416b7901d094b16c3d114 } from '@/components/admin/MoneyField'
import { InvoiceAdminActions as InvoiceAdminActions_44328d5f57ba5bed1b233ad3ea9ee7c2 } from '@/components/admin/InvoiceAdminActions'
import { LockedWhenPosted as LockedWhenPosted_d27c55fd18a9e0ae4674931181401bfc } from '@/components/admin/LockedWhenPosted'
import { StatementBulkActions as StatementBulkActions_c781143069d5a141923f12c3e6f3f78b } from '@/components/admin/StatementBulkActions'
import { BackToApp as BackToApp_a0cbc64ae74a8c9375277e65d52932b6 } from '@/components/admin/BackToApp'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@/components/admin/MoneyCell#MoneyCell": MoneyCell_4a3beab9aeb64215aca62667b2e66a58,
  "@/components/admin/MoneyField#MoneyField": MoneyField_3bdbbe5aa84416b7901d094b16c3d114,
  "@/components/admin/InvoiceAdminActions#InvoiceAdminActions": InvoiceAdminActions_44328d5f57ba5bed1b233ad3ea9ee7c2,
  "@/components/admin/LockedWhenPosted#LockedWhenPosted": LockedWhenPosted_d27c55fd18a9e0ae4674931181401bfc,
  "@/components/admin/StatementBulkActions#StatementBulkActions": StatementBulkActions_c781143069d5a141923f12c3e6f3f78b,
  "@/components/admin/BackToApp#BackToApp": BackToApp_a0cbc64ae74a8c9375277e65d52932b6,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
