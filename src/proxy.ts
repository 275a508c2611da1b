import { NextResponse, type NextRequest } from 'next/server'

import { pageCsp } from '@/lib/pageCsp'

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next.js reads it from the
 * request header and puts it on its own scripts (every page is rendered per request). API
 * answers and static files get their security headers from next.config.mjs.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === 'development', https })
  const headers = new Headers(request.headers)
  headers.set('x-nonce', nonce)
  headers.set('Content-Security-Policy', csp)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', csp)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
