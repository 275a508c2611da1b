import type { Role } from '@/access/roles'

export interface NavItem {
  href: string
  label: string
  roles: readonly Role[]
}

const everyone = ['admin', 'owner', 'cashier'] as const
const owners = ['admin', 'owner'] as const

/** The screens of SPEC §6 and who may open them; the layout and the pages both read this. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/pos', label: 'POS', roles: everyone },
  { href: '/customers', label: 'Customers', roles: everyone },
  { href: '/dashboard', label: 'Dashboard', roles: owners },
  { href: '/ledger', label: 'Ledger', roles: owners },
  { href: '/invoices', label: 'Invoices', roles: owners },
  { href: '/reconciliation', label: 'Reconciliation', roles: owners },
  { href: '/cards', label: 'Cards', roles: owners },
  { href: '/settings', label: 'Settings', roles: owners },
  { href: '/admin', label: 'Admin', roles: owners },
]

export function navFor(role: Role | null | undefined): NavItem[] {
  return role ? NAV_ITEMS.filter((item) => item.roles.includes(role)) : []
}

export function canOpen(role: Role | null | undefined, href: string): boolean {
  return navFor(role).some((item) => item.href === href)
}
