/**
 * The end of every money dialog: the server's message (if any), the submit button — busy
 * while the request runs — and Cancel, which closes the dialog.
 */
export function DialogFooter({
  message,
  busy,
  submitLabel,
  busyLabel = 'Saving…',
  submitClass = 'button--primary',
  onCancel,
}: {
  message: string | null
  busy: boolean
  submitLabel: string
  busyLabel?: string
  submitClass?: string
  onCancel: () => void
}) {
  return (
    <>
      {message && (
        <p className="form__error" role="alert">
          {message}
        </p>
      )}
      <div className="row">
        <button type="submit" className={`button ${submitClass}`} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  )
}
