import Link from 'next/link'

/** At the top of the admin's menu: back to the Tally screens (issue 13). */
export function BackToApp() {
  return (
    <Link href="/" className="back-to-app" data-testid="back-to-app">
      ← Back to Tally
    </Link>
  )
}
