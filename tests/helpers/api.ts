import { TEST_PASSWORD } from './factories'

export interface ApiResponse<T = any> {
  status: number
  body: T
}

export interface RequestOptions {
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

/** A tiny JSON client for the test server: `api.post('/api/x', { token, body })`. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.Authorization = `JWT ${options.token}`
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await response.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      // leave non-JSON bodies as text
    }
    return { status: response.status, body: body as T }
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options)
  }
  post<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('POST', path, options)
  }
  patch<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('PATCH', path, options)
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options)
  }

  /** A multipart upload (a CSV in `field`, as a browser's form sends it). */
  async upload<T = any>(path: string, options: { token?: string; field?: string; filename?: string; content: string; type?: string }): Promise<ApiResponse<T>> {
    const form = new FormData()
    form.append(options.field ?? 'file', new Blob([options.content], { type: options.type ?? 'text/csv' }), options.filename ?? 'balances.csv')
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: options.token ? { Authorization: `JWT ${options.token}` } : {},
      body: form,
    })
    const text = await response.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      // leave non-JSON bodies as text
    }
    return { status: response.status, body: body as T }
  }

  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const { status, body } = await this.post('/api/users/login', { body: { email, password } })
    if (status !== 200) throw new Error(`login ${email} failed: ${status} ${JSON.stringify(body)}`)
    return body.token as string
  }

  graphql<T = any>(query: string, token?: string, variables?: Record<string, unknown>) {
    return this.post<T>('/api/graphql', { token, body: { query, variables } })
  }
}
