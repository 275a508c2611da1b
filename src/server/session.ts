import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'

import type { Role } from '@/access/roles'
import { canOpen } from '@/access/screens'
import type { User } from '@/payload-types'

import { payloadInstance } from './payload'

export type SessionUser = User & { role: Role }

/** The logged-in user of this request (Payload cookie or Authorization header), or null. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const payload = await payloadInstance()
  const { user } = await payload.auth({ headers: await headers() })
  return user && user.collection === 'users' ? (user as SessionUser) : null
})

/**
 * For a screen behind login: the user when their role may open `href`; otherwise a
 * redirect to /login (not logged in) or null (logged in, not allowed — render <Forbidden/>).
 */
export async function userForScreen(href: string): Promise<SessionUser | null> {
  const user = await currentUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(href)}`)
  return canOpen(user.role, href) ? user : null
}
