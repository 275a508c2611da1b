import Link from 'next/link'

/** An unknown (or another store's) id inside the app: the shell stays, with ways back. */
export default function ScreenNotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>Not found</h1>
      <p>There is no such record in your stores. It may have been removed, or the link is wrong.</p>
      <div className="row">
        <Link className="button button--primary" href="/customers">
          Customers
        </Link>
        <Link className="button" href="/">
          Home
        </Link>
      </div>
    </section>
  )
}
