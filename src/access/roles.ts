export const ROLES = ['admin', 'owner', 'cashier'] as const
export type Role = (typeof ROLES)[number]

/** The parts of a user that access decisions read; works for populated or id-only stores. */
export interface AccessUser {
  id: number | string
  role?: Role | null
  stores?: (number | { id: number } | null)[] | null
}

export function storeIdsOf(user: AccessUser | null | undefined): number[] {
  if (!user?.stores) return []
  return user.stores.flatMap((store) => {
    if (store === null) return []
    return [typeof store === 'object' ? store.id : store]
  })
}

export function hasRole(user: AccessUser | null | undefined, ...roles: Role[]): boolean {
  return Boolean(user?.role && roles.includes(user.role))
}
