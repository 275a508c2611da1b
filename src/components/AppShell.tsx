import Link from 'next/link'
import type { ReactNode } from 'react'

import type { Role } from '@/access/roles'

import { LogoutButton } from './LogoutButton'
import { navFor } from '@/access/screens'

export interface ShellUser {
  name: string
  email: string
  role: Role
}

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="shell__bar">
        <Link href="/pos" className="shell__brand">
          Tally
        </Link>
        <nav aria-label="Main" className="shell__nav">
          {navFor(user.role).map((item) => (
            <Link key={item.href} href={item.href} className="shell__link" prefetch={false}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="shell__user">
          <span title={user.email}>
            {user.name} · <span data-testid="user-role">{user.role}</span>
          </span>
          <LogoutButton />
        </div>
      </header>
      <main className="shell__main">{children}</main>
    </div>
  )
}
