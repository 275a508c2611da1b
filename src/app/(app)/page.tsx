import { redirect } from 'next/navigation'

import { currentUser } from '@/server/session'

export const dynamic = 'force-dynamic'

export default async function Home() {
  const user = await currentUser()
  redirect(user ? (user.role === 'cashier' ? '/pos' : '/dashboard') : '/login')
}
