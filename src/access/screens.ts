import type { Role } from '@/access/roles'
import type { StoreKind } from '@/domain/storeKinds'

export interface NavItem {
  href: string
  label: string
  roles: readonly Role[]
  /** Shown only to users with a store of one of these kinds (none: every store). */
  kinds?: readonly StoreKind[]
}

const everyone = ['admin', 'owner', 'cashier'] as const
const owners = ['admin', 'owner'] as const

/** The screens of SPEC §6 and who may open them; the layout and the pages both read this. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/pos', label: 'POS', roles: everyone, kinds: ['counter'] },
  { href: '/timesheets', label: 'Timesheets', roles: owners, kinds: ['rental'] },
  { href: '/customers', label: 'Customers', roles: everyone },
  // SPEC §11: owners act on it, cashiers read it
  { href: '/collections', label: 'Collections', roles: everyone },
  { href: '/dashboard', label: 'Dashboard', roles: owners },
  { href: '/ledger', label: 'Ledger', roles: owners },
  { href: '/invoices', label: 'Invoices', roles: owners },
  { href: '/reconciliation', label: 'Reconciliation', roles: owners },
  { href: '/cards', label: 'Cards', roles: owners },
  { href: '/services', label: 'Price list', roles: owners },
  { href: '/tax', label: 'Tax', roles: owners },
  { href: '/settings', label: 'Settings', roles: owners },
  { href: '/admin', label: 'Admin', roles: owners },
]

/**
 * The menu of a role, in the words of the user's stores: a rental business sees Timesheets
 * instead of the POS, and Clients instead of Customers.
 */
export function navFor(role: Role | null | undefined, kinds: readonly StoreKind[] = ['counter']): NavItem[] {
  if (!role) return []
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (!item.kinds || item.kinds.some((kind) => kinds.includes(kind)))).map((item) =>
    item.href === '/customers' && !kinds.includes('counter') ? { ...item, label: 'Clients' } : item,
  )
}

/** Whether the role may open the screen (whatever the store's kind). */
export function canOpen(role: Role | null | undefined, href: string): boolean {
  return Boolean(role) && NAV_ITEMS.some((item) => item.href === href && item.roles.includes(role!))
}
