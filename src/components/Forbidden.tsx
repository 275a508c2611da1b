export function Forbidden() {
  return (
    <section className="panel" role="alert">
      <h1>Not available for your role</h1>
      <p>Ask the store owner if you need this screen.</p>
    </section>
  )
}
