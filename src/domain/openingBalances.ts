/**
 * Opening balances from a paper ledger (SPEC §9 import), pure: a CSV's records (already
 * split into fields) checked row by row. Each good row says who (phone, name) and what they
 * owe (`pending`) and have paid ahead (`advance`), in minor units.
 */
import type { CountryCode } from 'libphonenumber-js'

import { parseAmount, type Minor } from './money'
import { normalizePhone } from './phone'

export const OPENING_COLUMNS = ['name', 'phone', 'pending', 'advance', 'notes'] as const
export type OpeningColumn = (typeof OPENING_COLUMNS)[number]

/** The columns a file must have; the others may be left out (an absent amount is 0). */
export const REQUIRED_OPENING_COLUMNS: readonly OpeningColumn[] = ['name', 'phone']

export interface OpeningRow {
  /** The row's line in the file as a spreadsheet numbers it: the header is 1, the first row 2. */
  row: number
  name: string
  /** E.164. */
  phone: string
  pending: Minor
  advance: Minor
  notes: string | null
}

export interface RowError {
  row: number
  field: string
  message: string
}

export interface CheckedRows {
  rows: OpeningRow[]
  errors: RowError[]
}

const MAX_NAME = 120
const MAX_NOTES = 2000

/** A header cell as a column name: case, spaces and a byte-order mark do not matter. */
export const columnName = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()

/** The file's header: unknown columns are ignored, a missing required one is an error on row 1. */
export function checkHeader(headers: readonly string[]): RowError[] {
  const present = new Set(headers.map(columnName))
  return REQUIRED_OPENING_COLUMNS.filter((column) => !present.has(column)).map((column) => ({
    row: 1,
    field: column,
    message: `the file has no "${column}" column (expected: ${OPENING_COLUMNS.join(', ')})`,
  }))
}

function amountOf(text: string | undefined, currency: string, field: string, row: number, errors: RowError[]): Minor {
  const value = (text ?? '').trim()
  if (value === '' || value === '-') return 0
  const minor = parseAmount(value, currency)
  if (minor === null) {
    errors.push({ row, field, message: `"${value}" is not an amount (e.g. 1200 or 1,200.50, not negative)` })
    return 0
  }
  return minor
}

/**
 * Checks every record (`row` numbers follow the file: `firstRow` is the first record's line).
 * A phone that appears twice is an error on its later rows, so a file never posts one
 * customer's opening twice.
 */
export function checkOpeningRows(records: readonly Record<string, string | undefined>[], options: { currency: string; region?: CountryCode; firstRow?: number }): CheckedRows {
  const rows: OpeningRow[] = []
  const errors: RowError[] = []
  const seen = new Map<string, number>()
  records.forEach((raw, index) => {
    const row = (options.firstRow ?? 2) + index
    const record: Record<string, string | undefined> = {}
    for (const [key, value] of Object.entries(raw)) record[columnName(key)] = value
    const rowErrors: RowError[] = []
    const name = (record.name ?? '').trim()
    if (name.length > MAX_NAME) rowErrors.push({ row, field: 'name', message: `must be at most ${MAX_NAME} characters` })
    const phoneText = (record.phone ?? '').trim()
    const phone = phoneText ? normalizePhone(phoneText, options.region) : null
    if (!phoneText) rowErrors.push({ row, field: 'phone', message: 'is required' })
    else if (!phone) rowErrors.push({ row, field: 'phone', message: `"${phoneText}" is not a valid phone number` })
    const pending = amountOf(record.pending, options.currency, 'pending', row, rowErrors)
    const advance = amountOf(record.advance, options.currency, 'advance', row, rowErrors)
    const notes = (record.notes ?? '').trim()
    if (notes.length > MAX_NOTES) rowErrors.push({ row, field: 'notes', message: `must be at most ${MAX_NOTES} characters` })
    if (phone && seen.has(phone)) rowErrors.push({ row, field: 'phone', message: `${phone} is already on row ${seen.get(phone)} of this file` })
    if (phone && !seen.has(phone)) seen.set(phone, row)
    if (rowErrors.length > 0) errors.push(...rowErrors)
    else rows.push({ row, name, phone: phone!, pending, advance, notes: notes || null })
  })
  return { rows, errors }
}

/** What an import does with a good row (SPEC §9): posts it for a new or a known customer, or skips it. */
export type ImportAction = 'create' | 'update' | 'skip'

export interface ImportPlan {
  actions: { row: number; phone: string; action: ImportAction }[]
  errors: RowError[]
}

/**
 * Decides each checked row against what the store already has: `known` phones are existing
 * customers, `imported` the amounts already brought in under this import key. A row imported
 * before with the same amounts is skipped (so the same file twice imports nothing new); with
 * other amounts it is an error — the opening balance was brought in once already, and a
 * correction is a credit note, a payment or a refund on the customer page, not a second
 * opening. A new customer needs a name.
 */
export function planImport(
  rows: readonly OpeningRow[],
  known: ReadonlySet<string>,
  imported: ReadonlyMap<string, { pending: Minor; advance: Minor }>,
  format: (minor: Minor) => string = String,
): ImportPlan {
  const actions: ImportPlan['actions'] = []
  const errors: RowError[] = []
  for (const row of rows) {
    const before = imported.get(row.phone)
    if (before) {
      if (before.pending === row.pending && before.advance === row.advance) actions.push({ row: row.row, phone: row.phone, action: 'skip' })
      else {
        errors.push({
          row: row.row,
          field: before.pending !== row.pending ? 'pending' : 'advance',
          message: `${row.phone} was already imported with pending ${format(before.pending)} and advance ${format(before.advance)}; correct it on the customer page`,
        })
      }
    } else if (!known.has(row.phone) && !row.name) {
      errors.push({ row: row.row, field: 'name', message: 'is required for a new customer' })
    } else {
      actions.push({ row: row.row, phone: row.phone, action: known.has(row.phone) ? 'update' : 'create' })
    }
  }
  return { actions, errors }
}
