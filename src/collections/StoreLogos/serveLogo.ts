import type { PayloadRequest, TypeWithID } from 'payload'

import { logoBytes } from '@/documents/storeProfile'

/** GET /api/store-logos/file/:filename — after Payload checked read access to the row. */
export async function serveLogo(req: PayloadRequest, { doc }: { doc: TypeWithID }): Promise<Response> {
  const logo = await logoBytes(req.payload, Number(doc.id))
  if (!logo) return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
  return new Response(new Uint8Array(logo.data), {
    headers: { 'Content-Type': logo.mimeType, 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' },
  })
}
