import type { AfterErrorHook } from 'payload'

function postgresError(error: unknown): { code: string; message: string } | null {
  let current: unknown = error
  for (let depth = 0; current && depth < 6; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String(message ?? '') }
    current = (current as { cause?: unknown }).cause
  }
  return null
}

/**
 * A value Postgres cannot even compare — `where[status][equals]=0` on an enum, a date like
 * `2026-13-45`, a number out of range — is the client's mistake (400), not a server fault.
 * Postgres reports those as SQLSTATE class 22 (data exception), a `contains` on a number
 * as 42883.
 */
export const mapDataExceptions: AfterErrorHook = ({ error, req }) => {
  const pg = postgresError(error)
  // class 22: data exception; 42883 / 42804: an operator that does not fit the column's type;
  // 42601 on a read: Payload built no value for an operator that makes no sense for the field
  // (`where[createdAt][contains]=true`).
  const clientQuery = pg && (pg.code.startsWith('22') || pg.code === '42883' || pg.code === '42804' || (pg.code === '42601' && req.method === 'GET'))
  if (!pg || !clientQuery) return
  return { status: 400, response: { errors: [{ message: `Invalid value in the request: ${pg.message.split('\n')[0]}` }] } }
}
