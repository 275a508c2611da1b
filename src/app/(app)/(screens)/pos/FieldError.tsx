/** The message a field was refused with, right under it (from the POS's checks or the server). */
export function FieldError({ errors, path }: { errors: Record<string, string>; path: string }) {
  const message = errors[path]
  if (!message) return null
  return (
    <span className="field__error" role="alert">
      {message}
    </span>
  )
}
