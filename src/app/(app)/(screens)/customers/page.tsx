import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Customers' }

export default async function CustomersPage() {
  const user = await userForScreen('/customers')
  if (!user) return <Forbidden />
  return <Placeholder title="Customers">Pending balances, advances held and collections for every customer.</Placeholder>
}
