import type { ReactNode } from 'react'

import { AppShell } from '@/components/AppShell'
import { payloadInstance } from '@/server/payload'
import { currentUser } from '@/server/session'
import { storesFor } from '@/server/stores'

export const dynamic = 'force-dynamic'

export default async function ScreensLayout({ children }: { children: ReactNode }) {
  const user = await currentUser()
  // Not logged in: each page redirects to /login?next=<itself>, so the user comes back.
  if (!user) return children
  const stores = await storesFor(await payloadInstance(), user)
  const kinds = [...new Set(stores.map((store) => store.kind))]
  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role }} kinds={kinds.length > 0 ? kinds : ['counter']}>
      {children}
    </AppShell>
  )
}
