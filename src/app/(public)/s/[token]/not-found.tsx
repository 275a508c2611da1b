/** Every token that does not open a document — unknown, expired, revoked, forged — looks the same. */
export default function ShareNotFound() {
  return (
    <main className="missing">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
    </main>
  )
}
