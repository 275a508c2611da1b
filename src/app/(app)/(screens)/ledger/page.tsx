import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Ledger' }

export default async function LedgerPage() {
  const user = await userForScreen('/ledger')
  if (!user) return <Forbidden />
  return <Placeholder title="Ledger">Every income and expense transaction, with payments linked to invoices.</Placeholder>
}
