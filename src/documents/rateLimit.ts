/**
 * A fixed-window request counter per client, in this process's memory: the public share
 * pages use it so a client cannot hammer PDF rendering or walk through tokens. Each app
 * instance counts on its own (behind N instances a client gets up to N × the limit).
 */
export interface Limit {
  /** requests allowed per window */
  max: number
  windowMs: number
}

// On globalThis: Next bundles the page and each route handler separately, and they must
// share one count.
const shared = globalThis as typeof globalThis & { __tallyRateWindows?: Map<string, { start: number; count: number }> }
const windows = (shared.__tallyRateWindows ??= new Map())

/** Counts one request of `key`; false once it is over the limit in the current window. */
export function allow(key: string, limit: Limit, now = Date.now()): boolean {
  let window = windows.get(key)
  if (!window || now - window.start >= limit.windowMs) {
    window = { start: now, count: 0 }
    windows.set(key, window)
    // Keep the map small: forget windows that have ended.
    if (windows.size > 10_000) for (const [other, w] of windows) if (now - w.start >= limit.windowMs) windows.delete(other)
  }
  window.count += 1
  return window.count <= limit.max
}

/** Whether `key` is already over its limit (without counting a request). */
export function blocked(key: string, limit: Limit, now = Date.now()): boolean {
  const window = windows.get(key)
  return Boolean(window && now - window.start < limit.windowMs && window.count > limit.max)
}

/**
 * The client of a request: the last X-Forwarded-For hop — the address the nearest proxy saw,
 * or the socket's when Next's own server fills the header in. A client can put any address
 * in the header when no proxy is in front, so each link is limited on its own as well.
 */
export function clientOf(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || headers.get('x-real-ip')?.trim() || 'unknown'
}

/** Share pages: views per client and per link a minute, unknown tokens per client a minute. */
export const SHARE_VIEWS: Limit = { max: Number(process.env.TALLY_SHARE_RATE ?? 60), windowMs: 60_000 }
export const SHARE_LINK_VIEWS: Limit = { max: Number(process.env.TALLY_SHARE_RATE ?? 60), windowMs: 60_000 }
export const SHARE_MISSES: Limit = { max: 10, windowMs: 60_000 }

/**
 * One public request for a token (the page or its PDF): false when the client is over its
 * limit, has tried too many unknown tokens, or the token itself is over its limit.
 */
export function shareRequestAllowed(client: string, token: string): boolean {
  if (blocked(`share-miss:${client}`, SHARE_MISSES)) return false
  return allow(`share:${client}`, SHARE_VIEWS) && allow(`share-token:${token.slice(0, 64)}`, SHARE_LINK_VIEWS)
}

/** A token that opened nothing: counts towards the client's misses. */
export function countShareMiss(client: string): void {
  allow(`share-miss:${client}`, SHARE_MISSES)
}

/** Whether the client has tried too many unknown tokens (the logo route checks only this). */
export function tooManyMisses(client: string): boolean {
  return blocked(`share-miss:${client}`, SHARE_MISSES)
}
