import { canOpen } from '@/access/screens'
import { toCsv } from '@/lib/csv'

import { currentUser, type SessionUser } from './session'

/** The user behind an export of an owner screen, or the error Response to send instead. */
export async function exportUser(screen: string): Promise<SessionUser | Response> {
  const user = await currentUser()
  if (!user) return Response.json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, { status: 401 })
  if (!canOpen(user.role, screen)) return Response.json({ errors: [{ message: 'You are not allowed to perform this action.' }] }, { status: 403 })
  return user
}

/** rows as a CSV download (amounts already as plain major-unit strings; formulae escaped). */
export function csvResponse(rows: Record<string, string | number>[], columns: string[], filename: string): Response {
  return new Response(toCsv(rows, columns), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
    },
  })
}
