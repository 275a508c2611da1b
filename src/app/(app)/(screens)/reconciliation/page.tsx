import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Reconciliation' }

export default async function ReconciliationPage() {
  const user = await userForScreen('/reconciliation')
  if (!user) return <Forbidden />
  return <Placeholder title="Reconciliation">Invoices by payment state, unmatched payments and the running balance.</Placeholder>
}
