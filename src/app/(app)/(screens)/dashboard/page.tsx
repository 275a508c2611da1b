import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Dashboard' }

export default async function DashboardPage() {
  const user = await userForScreen('/dashboard')
  if (!user) return <Forbidden />
  return <Placeholder title="Dashboard">Revenue, expenses, profit, outstanding and cash flow by month.</Placeholder>
}
