/** Shown while a screen loads after a click in the menu or a link (issue 13). */
export default function Loading() {
  return (
    <section className="panel loading" aria-busy="true" aria-live="polite" data-testid="loading">
      <span className="muted">Loading…</span>
      <div className="loading__bar" style={{ width: '60%' }} />
      <div className="loading__bar" style={{ width: '90%' }} />
      <div className="loading__bar" style={{ width: '75%' }} />
    </section>
  )
}
