import Link from 'next/link'
import type { ReactNode } from 'react'

import type { Role } from '@/access/roles'
import type { StoreKind } from '@/domain/storeKinds'

import { LogoutButton } from './LogoutButton'
import { MainNav } from './MainNav'
import { navFor } from '@/access/screens'
import { ToastProvider } from './Toasts'

export interface ShellUser {
  name: string
  email: string
  role: Role
}

export function AppShell({ user, kinds, children }: { user: ShellUser; kinds: StoreKind[]; children: ReactNode }) {
  const items = navFor(user.role, kinds).map(({ href, label }) => ({ href, label }))
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="shell__bar">
        <Link href={items[0]?.href ?? '/'} className="shell__brand">
          Tally
        </Link>
        <MainNav items={items} />
        <div className="shell__user">
          <span title={user.email}>
            {user.name} · <span data-testid="user-role">{user.role}</span>
          </span>
          <LogoutButton />
        </div>
      </header>
      <ToastProvider>
        <main className="shell__main" id="main" tabIndex={-1}>
          {children}
        </main>
      </ToastProvider>
    </div>
  )
}
