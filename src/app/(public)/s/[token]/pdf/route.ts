import { clientOf, countShareMiss, shareRequestAllowed } from '@/documents/rateLimit'
import { sharedDocument } from '@/documents/sharedDocument'
import { invoicePdf, statementPdf } from '@/documents/pdf/render'
import { logoBytes } from '@/documents/storeProfile'
import { payloadInstance } from '@/server/payload'

export const dynamic = 'force-dynamic'

const PRIVATE = { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'private, no-store' }

/** GET /s/:token/pdf — the shared document as a PDF (no login; same 404 as the page). */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params
  const client = clientOf(request.headers)
  if (!shareRequestAllowed(client, token)) {
    return Response.json({ errors: [{ message: 'Too many requests' }] }, { status: 429, headers: { ...PRIVATE, 'Retry-After': '60' } })
  }
  const payload = await payloadInstance()
  const view = await sharedDocument(payload, token)
  if (!view) {
    countShareMiss(client)
    return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404, headers: PRIVATE })
  }
  const logo = view.store.logoId ? await logoBytes(payload, view.store.logoId) : null
  const bytes = view.kind === 'invoice' ? await invoicePdf(view.invoice, logo) : await statementPdf(view.statement, logo)
  return new Response(new Uint8Array(bytes), {
    headers: { ...PRIVATE, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${view.reference}.pdf"` },
  })
}
