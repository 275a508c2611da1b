import { describe, expect, it } from 'vitest'

import { canOpen, navFor } from '@/access/screens'

const hrefs = (role: Parameters<typeof navFor>[0]) => navFor(role).map((item) => item.href)

describe('navigation by role', () => {
  it('a cashier sees only the counter screens', () => {
    expect(hrefs('cashier')).toEqual(['/pos', '/customers', '/collections'])
  })

  it('an owner sees every screen and the admin', () => {
    expect(hrefs('owner')).toEqual([
      '/pos',
      '/customers',
      '/collections',
      '/dashboard',
      '/ledger',
      '/invoices',
      '/reconciliation',
      '/cards',
      '/services',
      '/tax',
      '/settings',
      '/admin',
    ])
  })

  it('an admin sees what an owner sees', () => {
    expect(hrefs('admin')).toEqual(hrefs('owner'))
  })

  it('nobody logged in sees nothing', () => {
    expect(hrefs(null)).toEqual([])
  })

  it('a cashier may not open owner screens', () => {
    expect(canOpen('cashier', '/dashboard')).toBe(false)
    expect(canOpen('cashier', '/tax')).toBe(false)
    expect(canOpen('cashier', '/services')).toBe(false)
    expect(canOpen('cashier', '/pos')).toBe(true)
  })
})

describe('navigation in the words of the store (issue 13)', () => {
  it('a rental business sees Timesheets and Clients, no POS', () => {
    expect(navFor('owner', ['rental']).map((item) => item.label)).toEqual([
      'Timesheets',
      'Clients',
      'Collections',
      'Dashboard',
      'Ledger',
      'Invoices',
      'Reconciliation',
      'Cards',
      'Price list',
      'Tax',
      'Settings',
      'Admin',
    ])
  })

  it('someone working for a counter and a rental store sees both, with Customers', () => {
    expect(
      navFor('admin', ['counter', 'rental'])
        .map((item) => item.label)
        .slice(0, 3),
    ).toEqual(['POS', 'Timesheets', 'Customers'])
  })

  it('a cashier of a rental store gets no timesheets (owners post them)', () => {
    expect(navFor('cashier', ['rental']).map((item) => item.label)).toEqual(['Clients', 'Collections'])
    expect(canOpen('cashier', '/timesheets')).toBe(false)
    expect(canOpen('owner', '/timesheets')).toBe(true)
  })
})
