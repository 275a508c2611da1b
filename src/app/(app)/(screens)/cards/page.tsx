import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'Cards' }

export default async function CardsPage() {
  const user = await userForScreen('/cards')
  if (!user) return <Forbidden />
  return <Placeholder title="Cards">Credit-card statements and this month's payables.</Placeholder>
}
