import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import './public.css'

// Pages customers open from a link (SPEC §10): never indexed, never leak their address onward.
export const metadata: Metadata = {
  title: 'Document',
  robots: { index: false, follow: false, nocache: true },
  referrer: 'no-referrer',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function PublicRootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
