import type { ReactNode } from 'react'

import { AppShell } from '@/components/AppShell'
import { currentUser } from '@/server/session'

export const dynamic = 'force-dynamic'

export default async function ScreensLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  // Not logged in: each page redirects to /login?next=<itself>, so the user comes back.
  if (!user) return children
  return <AppShell user={{ name: user.name, email: user.email, role: user.role }}>{children}</AppShell>
}
