import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import './app.css'

export const metadata: Metadata = {
  title: { default: 'Tally', template: '%s · Tally' },
  description: 'Receivables ledger for small businesses',
  icons: { icon: '/favicon.ico' },
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default function AppRootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
