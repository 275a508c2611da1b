/** A screen that exists (routing, access, layout) but whose content lands with its issue. */
export function Placeholder({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="panel">
      <h1>{title}</h1>
      <p className="muted">{children}</p>
    </section>
  )
}
