import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Invoices' }

export default async function InvoicesPage() {
  const user = await userForScreen('/invoices')
  if (!user) return <Forbidden />
  return <Placeholder title="Invoices">Invoices, bills and timesheets with their payment history.</Placeholder>
}
