import type { Access } from 'payload'

import { allOf } from './compose'
import { hasAnyRole } from './hasAnyRole'
import { inOwnStores } from './inOwnStores'
import type { Role } from './roles'

/** "Users with one of these roles, in their own stores" — the usual rule of SPEC §5. */
export const scopedTo = (roles: Role[], storeField = 'store'): Access => allOf(hasAnyRole(...roles), inOwnStores(storeField))
