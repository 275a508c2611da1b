import type { Payload } from 'payload'

import type { Role } from '@/access/roles'
import type { Store, User } from '@/payload-types'

let sequence = 0
/** Unique per test run and call, so tests never collide on names, emails or phones. */
export function unique(prefix: string): string {
  sequence += 1
  return `${prefix}-${Date.now().toString(36)}-${sequence}`
}

export const TEST_PASSWORD = 'test-pass-123'

export async function createStore(payload: Payload, overrides: Partial<Store> = {}): Promise<Store> {
  return payload.create({
    collection: 'stores',
    overrideAccess: true,
    data: { name: unique('Store'), currency: 'INR', locale: 'en-IN', timezone: 'Asia/Kolkata', invoicePrefix: 'TST', ...overrides },
  })
}

export async function createUser(payload: Payload, role: Role, stores: (Store | number)[] = []): Promise<User> {
  return payload.create({
    collection: 'users',
    overrideAccess: true,
    data: {
      name: `${role} ${unique('user')}`,
      email: `${unique(role)}@test.tally`.toLowerCase(),
      password: TEST_PASSWORD,
      role,
      stores: stores.map((store) => (typeof store === 'number' ? store : store.id)),
    },
  })
}
