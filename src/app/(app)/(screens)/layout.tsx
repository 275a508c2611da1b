import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'

import { AppShell } from '@/components/AppShell'
import { currentUser } from '@/lib/session'

export const dynamic = 'force-dynamic'

export default async function ScreensLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  if (!user) redirect('/login')
  return <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>
}
