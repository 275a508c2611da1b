import { clientOf, countShareMiss, tooManyMisses } from '@/documents/rateLimit'
import { resolveShareToken } from '@/services/shareLinks'
import { logoBytes, storeProfile } from '@/documents/storeProfile'
import { payloadInstance } from '@/server/payload'
import type { Db } from '@/ledger/db'

export const dynamic = 'force-dynamic'

const PRIVATE = { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow' }

/** GET /s/:token/logo — the logo of the store whose document the link names. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const client = clientOf(request.headers)
  if (tooManyMisses(client)) return new Response(null, { status: 429, headers: { ...PRIVATE, 'Retry-After': '60' } })
  const payload = await payloadInstance()
  const db = payload.db.drizzle as unknown as Db
  const link = await resolveShareToken(db, token)
  const store = link ? await storeProfile(db, link.storeId) : null
  const logo = store?.logoId ? await logoBytes(payload, store.logoId) : null
  if (!logo) {
    if (!link) countShareMiss(client)
    return new Response(null, { status: 404, headers: PRIVATE })
  }
  return new Response(new Uint8Array(logo.data), {
    headers: { ...PRIVATE, 'Content-Type': logo.mimeType, 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' },
  })
}
