'use client'

import Papa from 'papaparse'
import { useState } from 'react'

import { formatMoney, parseAmount } from '@/domain/money'
import { columnName } from '@/domain/openingBalances'
import type { StoreSummary } from '@/server/stores'

interface RowError {
  row: number
  field: string
  message: string
}

interface ImportAnswer {
  dryRun: boolean
  created: number
  updated: number
  skipped: number
  errors: RowError[]
  rows?: { row: number; action: 'create' | 'update' | 'skip' }[]
}

/** Data rows sent a request: each request is a few seconds of work, so the bar moves steadily. */
const CHUNK_ROWS = 1000
/** One key per store's opening: the same rows sent again (a retry, the same file twice) are skipped. */
const IMPORT_KEY = 'opening'

const ACTION_LABEL = { create: 'new customer', update: 'existing customer', skip: 'already imported — skipped' } as const

async function send(storeId: number, csv: string, dryRun: boolean): Promise<{ ok: true; body: ImportAnswer } | { ok: false; message: string }> {
  const form = new FormData()
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'balances.csv')
  const query = new URLSearchParams({ store: String(storeId), importKey: IMPORT_KEY, ...(dryRun ? { dryRun: 'true' } : {}) })
  try {
    const response = await fetch(`/api/customers/import?${query}`, { method: 'POST', body: form, credentials: 'include' })
    const body = await response.json().catch(() => null)
    if (response.ok) return { ok: true, body }
    const error = body?.errors?.[0]
    const detail = (error?.data?.errors ?? []).map((item: { path?: string; message: string }) => `${item.path ?? ''} ${item.message}`.trim()).join('; ')
    return { ok: false, message: detail || error?.message || `Import failed (${response.status})` }
  } catch {
    return { ok: false, message: 'The server cannot be reached. Rows already imported stay imported; send the file again to finish.' }
  }
}

/**
 * "Import balances": choose the CSV (name, phone, pending, advance, notes), see every row with
 * what it will do or what is wrong with it (a dry run on the server), then import. Big files
 * go in chunks of rows with a progress bar; the import key makes rows already imported skip,
 * so sending the file again after a failure finishes it without doubling anything.
 */
export function ImportBalances({ store }: { store: StoreSummary }) {
  const [fileName, setFileName] = useState<string | null>(null)
  const [rows, setRows] = useState<Record<string, string>[]>([])
  // The file as chosen, and where each record ends in it: chunks are sent as the file's own text.
  const [source, setSource] = useState<{ text: string; ends: number[] }>({ text: '', ends: [] })
  const [preview, setPreview] = useState<ImportAnswer | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [result, setResult] = useState<ImportAnswer | null>(null)
  const money = (text: string | undefined) => {
    const minor = text ? parseAmount(text, store.currency) : 0
    return minor === null ? text : minor ? formatMoney(minor, store.currency, store.locale) : '–'
  }

  async function choose(file: File | undefined) {
    setPreview(null)
    setResult(null)
    setMessage(null)
    setProgress(null)
    if (!file) return
    setFileName(file.name)
    const text = await file.text()
    const records: string[][] = []
    const ends: number[] = []
    Papa.parse<string[]>(text, {
      skipEmptyLines: 'greedy',
      step: (result) => {
        records.push(result.data)
        ends.push(result.meta.cursor)
      },
    })
    const header = (records[0] ?? []).map(columnName)
    setRows(records.slice(1).map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']))))
    setSource({ text, ends })
    setBusy(true)
    const answer = await send(store.id, text, true)
    setBusy(false)
    if (!answer.ok) return setMessage(answer.message)
    setPreview(answer.body)
  }

  async function importRows() {
    if (!preview) return
    setBusy(true)
    setMessage(null)
    const total: ImportAnswer = { dryRun: false, created: 0, updated: 0, skipped: 0, errors: [] }
    setProgress({ done: 0, total: rows.length })
    // The header line, then the chunk's records exactly as the file has them (no re-quoting).
    const header = source.text.slice(0, source.ends[0])
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS)
      const body = source.text.slice(source.ends[start], source.ends[start + chunk.length])
      const answer = await send(store.id, /\n$/.test(header) || /^\r?\n/.test(body) ? header + body : `${header}\n${body}`, false)
      if (!answer.ok) {
        setBusy(false)
        setResult(total)
        return setMessage(`Stopped at row ${start + 2}: ${answer.message}`)
      }
      total.created += answer.body.created
      total.updated += answer.body.updated
      total.skipped += answer.body.skipped
      // Row numbers of a chunk count from its own header: put them back on the file's lines.
      total.errors.push(...answer.body.errors.map((error) => ({ ...error, row: error.row + start })))
      setProgress({ done: Math.min(rows.length, start + chunk.length), total: rows.length })
    }
    setBusy(false)
    setResult(total)
  }

  const errorsOf = new Map<number, RowError[]>()
  for (const error of preview?.errors ?? []) errorsOf.set(error.row, [...(errorsOf.get(error.row) ?? []), error])
  const actionOf = new Map((preview?.rows ?? []).map((row) => [row.row, row.action]))
  const toImport = (preview?.created ?? 0) + (preview?.updated ?? 0)

  return (
    <>
      <div className="panel">
        <h2>Opening balances from a paper ledger</h2>
        <p className="muted">
          A CSV file with the columns <code>name, phone, pending, advance, notes</code>. Each row finds the customer by phone (or creates them) and brings in what they owe (an
          opening bill, dated today) and the advance you hold for them (a deposit). Rows already imported are skipped, so sending the same file again imports nothing new.
        </p>
        <label className="field">
          <span>CSV file</span>
          <input type="file" aria-label="CSV file" accept=".csv,text/csv" disabled={busy} onChange={(event) => void choose(event.target.files?.[0])} />
        </label>
        {busy && !progress && <p className="muted">Checking {fileName}…</p>}
        {message && (
          <p className="form__error" role="alert">
            {message}
          </p>
        )}
      </div>

      {preview && (
        <div className="panel" data-testid="import-preview">
          <h2>Preview of {fileName}</h2>
          <p data-testid="import-summary">
            {rows.length.toLocaleString(store.locale)} rows: {preview.created.toLocaleString(store.locale)} new, {preview.updated.toLocaleString(store.locale)} existing,{' '}
            {preview.skipped.toLocaleString(store.locale)} already imported, {errorsOf.size.toLocaleString(store.locale)} with errors (left out).
          </p>
          {progress && (
            <div className="field">
              <progress aria-label="Import progress" max={progress.total} value={progress.done} />
              <span className="muted" data-testid="import-progress">
                {progress.done.toLocaleString(store.locale)} of {progress.total.toLocaleString(store.locale)} rows sent
              </span>
            </div>
          )}
          {result ? (
            <p role="status" data-testid="import-result">
              Imported: {result.created.toLocaleString(store.locale)} new customers, {result.updated.toLocaleString(store.locale)} existing,{' '}
              {result.skipped.toLocaleString(store.locale)} skipped (already imported), {new Set(result.errors.map((error) => error.row)).size.toLocaleString(store.locale)} with
              errors (left out).
            </p>
          ) : (
            <button type="button" className="button button--primary" disabled={busy || toImport === 0} onClick={() => void importRows()}>
              {busy ? 'Importing…' : `Import ${toImport.toLocaleString(store.locale)} rows`}
            </button>
          )}
          <div className="table-wrap">
            <table className="table" data-testid="import-rows">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th>Name</th>
                  <th>Phone</th>
                  <th className="num">Pending</th>
                  <th className="num">Advance</th>
                  <th>Will</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 500).map((row, index) => {
                  const line = index + 2
                  const errors = errorsOf.get(line)
                  return (
                    <tr key={line} className={errors ? 'row--error' : undefined} data-testid={`import-row-${line}`}>
                      <td className="num">{line}</td>
                      <td>{row.name}</td>
                      <td>{row.phone}</td>
                      <td className="num">{money(row.pending)}</td>
                      <td className="num">{money(row.advance)}</td>
                      <td>
                        {errors ? (
                          <span className="field__error">{errors.map((error) => `${error.field}: ${error.message}`).join('; ')}</span>
                        ) : (
                          (ACTION_LABEL[actionOf.get(line) ?? 'create'] ?? '')
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          {rows.length > 500 && <p className="muted">The first 500 rows are shown; every row with an error is listed below.</p>}
          {rows.length > 500 && (
            <ul data-testid="import-errors">
              {(preview.errors ?? [])
                .filter((error) => error.row > 501)
                .map((error, index) => (
                  <li key={index}>
                    Row {error.row}, {error.field}: {error.message}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </>
  )
}
