/** "Bill SAL-26-0001", "Payment PAY-000012 (cash)", "Advance used on SAL-26-0001". */
export function statementEntry(line: { type: unknown; reference: unknown; detail: unknown }): string {
  const reference = line.reference ? String(line.reference) : ''
  if (line.type === 'invoice') return `${line.detail === 'bill' ? 'Bill' : line.detail === 'timesheet' ? 'Timesheet' : 'Invoice'} ${reference}`
  if (line.type === 'advance_used') return `Advance used on ${reference}`
  return `Payment ${reference}${line.detail ? ` (${String(line.detail).replace('_', ' ')})` : ''}`
}
