import type { Metadata } from 'next'

import { Forbidden } from '@/components/Forbidden'
import { Placeholder } from '@/components/Placeholder'
import { userForScreen } from '@/lib/session'

export const metadata: Metadata = { title: 'POS checkout' }

export default async function PosPage() {
  const user = await userForScreen('/pos')
  if (!user) return <Forbidden />
  return <Placeholder title="POS checkout">Search a customer, build the cart, take split payments or keep the bill pending.</Placeholder>
}
