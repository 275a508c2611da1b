import type { Metadata } from 'next'

import { LoginForm } from './LoginForm'

export const metadata: Metadata = { title: 'Log in' }
export const dynamic = 'force-dynamic'

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams
  // Only same-site paths: never bounce a fresh login to another origin ("//evil", "/\\evil" and
  // "/<tab>/evil" are all another host to a browser).
  const returnTo = next && /^\/(?![/\\])[^\u0000-\u001f]*$/.test(next) ? next : '/'
  return (
    <main className="login">
      <section className="panel login__panel">
        <h1>Tally</h1>
        <p className="muted">Log in to your store</p>
        <LoginForm returnTo={returnTo} />
      </section>
    </main>
  )
}
