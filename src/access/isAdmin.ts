import type { Access } from 'payload'

import { hasRole, type AccessUser } from './roles'

export const isAdmin: Access = ({ req }) => hasRole(req.user as AccessUser | null, 'admin')
