'use client'

/** Browser side of our JSON API: same-origin, cookie auth, Payload's error shape unpacked. */
export interface ApiResult<T = any> {
  ok: boolean
  status: number
  body: T
  message: string | null
  /** field path → message, from 400 data.errors[] or a 422's data.field */
  fieldErrors: Record<string, string>
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
}

export async function api<T = any>(path: string, options: { method?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  let response: Response
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      credentials: 'include',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch {
    return { ok: false, status: 0, body: null as T, message: 'The server cannot be reached. Nothing was lost — try again.', fieldErrors: {} }
  }
  const body = await response.json().catch(() => null)
  if (response.ok) return { ok: true, status: response.status, body, message: null, fieldErrors: {} }
  const error = body?.errors?.[0]
  const fieldErrors: Record<string, string> = {}
  for (const item of error?.data?.errors ?? []) fieldErrors[item.path ?? item.field] = item.message
  if (error?.data?.field) fieldErrors[error.data.field] = error.message
  return { ok: false, status: response.status, body, message: error?.message ?? `Request failed (${response.status})`, fieldErrors }
}
