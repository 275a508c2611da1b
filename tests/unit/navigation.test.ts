import { describe, expect, it } from 'vitest'

import { canOpen, navFor } from '@/components/navigation'

const hrefs = (role: Parameters<typeof navFor>[0]) => navFor(role).map((item) => item.href)

describe('navigation by role', () => {
  it('a cashier sees only the counter screens', () => {
    expect(hrefs('cashier')).toEqual(['/pos', '/customers'])
  })

  it('an owner sees every screen and the admin', () => {
    expect(hrefs('owner')).toEqual(['/pos', '/customers', '/dashboard', '/ledger', '/invoices', '/reconciliation', '/cards', '/settings', '/admin'])
  })

  it('an admin sees what an owner sees', () => {
    expect(hrefs('admin')).toEqual(hrefs('owner'))
  })

  it('nobody logged in sees nothing', () => {
    expect(hrefs(null)).toEqual([])
  })

  it('a cashier may not open owner screens', () => {
    expect(canOpen('cashier', '/dashboard')).toBe(false)
    expect(canOpen('cashier', '/pos')).toBe(true)
  })
})
