import Papa from 'papaparse'
import type { PayloadRequest } from 'payload'

import { storedDay, todayIn } from '@/domain/dates'
import { notFound } from '@/domain/errors'
import { formatMoney } from '@/domain/money'
import { checkHeader, checkOpeningRows, columnName, planImport, type OpeningRow, type RowError } from '@/domain/openingBalances'
import { regionOfLocale } from '@/domain/phone'
import { openingNumbering } from '@/domain/references'
import { inTransaction, sql, sqlFor, toMinor } from '@/ledger/db'
import { postOpeningImport } from '@/ledger/post'
import { BadInput } from '@/lib/http'

/** Rows per transaction: short locks (the customers of one batch and the OB- counter), steady progress. */
const BATCH = 250
/** A paper ledger is large, not endless; a bigger file is split by the screen (or the caller). */
export const MAX_IMPORT_ROWS = 50_000

export interface ImportResult {
  dryRun: boolean
  created: number
  updated: number
  skipped: number
  errors: RowError[]
  /** Dry run: what each good row would do. */
  rows?: { row: number; action: 'create' | 'update' | 'skip' }[]
}

/**
 * SPEC §9 opening balances: a CSV (`name, phone, pending, advance, notes`) brought into a
 * store. Each good row finds or creates its customer by phone and posts an `opening` invoice
 * for `pending` and a `direct` deposit for `advance`, dated the import day; rows already
 * imported under `importKey` are skipped, so the same file twice imports nothing new; rows with
 * errors are left out and listed. A dry run checks everything and writes nothing.
 */
export async function importOpeningBalances(req: PayloadRequest, input: { storeId: number; importKey: string; dryRun: boolean; csv: string }): Promise<ImportResult> {
  const db = await sqlFor(req)
  const { rows: stores } = await db.execute(sql`SELECT currency, locale, timezone FROM stores WHERE id = ${input.storeId}`)
  if (!stores[0]) throw notFound('store')
  const store = { currency: String(stores[0].currency), locale: String(stores[0].locale), timezone: String(stores[0].timezone) }

  const parsed = Papa.parse<Record<string, string>>(input.csv, { header: true, skipEmptyLines: 'greedy', transformHeader: columnName })
  const headerErrors = checkHeader(parsed.meta.fields ?? [])
  if (headerErrors.length > 0) throw new BadInput(headerErrors.map((error) => ({ path: 'file', message: error.message })))
  if (parsed.data.length > MAX_IMPORT_ROWS) {
    throw new BadInput([{ path: 'file', message: `has ${parsed.data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` }])
  }
  // papaparse counts data rows from 0; the file's line (a spreadsheet's row) is that + 2.
  const parseErrors: RowError[] = parsed.errors.map((error) => ({ row: (error.row ?? -1) + 2, field: 'file', message: error.message }))
  const broken = new Set(parseErrors.map((error) => error.row))
  const checked = checkOpeningRows(parsed.data, { currency: store.currency, region: regionOfLocale(store.locale) })
  const good = checked.rows.filter((row) => !broken.has(row.row))

  // One array parameter (drizzle would spread a JS array into one parameter per phone), so
  // the lookups are index scans with = ANY; phones are E.164 (+ and digits).
  const phones = sql`ANY(${`{${good.map((row) => row.phone).join(',')}}`}::varchar[])`
  const { rows: knownRows } = await db.execute(sql`
    SELECT phone FROM customers WHERE store_id = ${input.storeId} AND phone = ${phones}`)
  const { rows: importedRows } = await db.execute(sql`
    SELECT phone, pending, advance FROM customer_imports
     WHERE store_id = ${input.storeId} AND import_key = ${input.importKey} AND phone = ${phones}`)
  const money = (minor: number) => formatMoney(minor, store.currency, store.locale)
  const plan = planImport(
    good,
    new Set(knownRows.map((row) => String(row.phone))),
    new Map(importedRows.map((row) => [String(row.phone), { pending: toMinor(row.pending), advance: toMinor(row.advance) }])),
    money,
  )
  const errors = [...parseErrors, ...checked.errors, ...plan.errors].sort((a, b) => a.row - b.row)
  const count = (action: string) => plan.actions.filter((row) => row.action === action).length
  if (input.dryRun) {
    return { dryRun: true, created: count('create'), updated: count('update'), skipped: count('skip'), errors, rows: plan.actions.map(({ row, action }) => ({ row, action })) }
  }

  const toPost = new Set(plan.actions.filter((row) => row.action !== 'skip').map((row) => row.row))
  const posting: OpeningRow[] = good.filter((row) => toPost.has(row.row)).sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0))
  const today = todayIn(store.timezone)
  const result: ImportResult = { dryRun: false, created: 0, updated: 0, skipped: count('skip'), errors }
  for (let start = 0; start < posting.length; start += BATCH) {
    const done = await inTransaction(req, (tx) =>
      postOpeningImport(tx, {
        store: input.storeId,
        importKey: input.importKey,
        createdBy: req.user?.id ?? null,
        numbering: openingNumbering(Number(today.slice(0, 4))),
        issueDay: storedDay(today),
        rows: posting.slice(start, start + BATCH),
      }),
    )
    for (const row of done) result[row.action] += 1
  }
  return result
}
