/** An invoice status as a coloured chip (draft, open, partial, paid, overdue, void). */
export function StatusChip({ status }: { status: string | null | undefined }) {
  const value = status ?? 'draft'
  return (
    <span className={`chip chip--${value}`} data-testid="status-chip">
      {value}
    </span>
  )
}
