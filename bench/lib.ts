/**
 * What `npm run bench` (bench/run.ts) and `npm run bench:cluster` (bench/cluster.ts) share:
 * the statistics, the autocannon load, one HTTP request, stopping a process group.
 */
import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

// ---------------------------------------------------------------- stats
export interface Stats {
  p50: number
  p95: number
  p99: number
  rps: number
  errors: number
  requests: number
  /** Requests still open when the window closed (their age counts as a lower bound, see summarize). */
  unfinished: number
  errorsBy: { refused422: number; client4xx: number; server5xx: number; transport: number }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

export const ms = (value: number) => Math.round(value * 10) / 10

/**
 * Percentiles over the 2xx latencies. Requests cut off by the end of the window are known to
 * take at least their age: those older than the completed median join the sample as lower
 * bounds, so a slow endpoint is never reported faster than it is (conservative).
 */
export function summarize(latencies: number[], ok: number, seconds: number, errorsBy: Stats['errorsBy'], unfinishedAges: number[] = []): Stats {
  const completed = [...latencies].sort((a, b) => a - b)
  const median = percentile(completed, 50)
  const censored = unfinishedAges.filter((age) => completed.length === 0 || age > median)
  const sorted = censored.length ? [...completed, ...censored].sort((a, b) => a - b) : completed
  const errors = errorsBy.refused422 + errorsBy.client4xx + errorsBy.server5xx + errorsBy.transport
  return {
    p50: ms(percentile(sorted, 50)),
    p95: ms(percentile(sorted, 95)),
    p99: ms(percentile(sorted, 99)),
    rps: Math.round((ok / seconds) * 10) / 10,
    errors,
    requests: ok + errors,
    unfinished: unfinishedAges.length,
    errorsBy,
  }
}

// ---------------------------------------------------------------- HTTP load (autocannon)
export interface Call {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
}

export interface LoadOptions {
  base: string
  token: string
  connections: number
  seconds: number
  next: () => Call
}

/**
 * One autocannon run; every request is rebuilt by `next()` (different customers, bodies).
 * Latency percentiles are over the successful (2xx) responses; rps counts only those.
 */
export async function load(options: LoadOptions): Promise<Stats> {
  const latencies: number[] = []
  const errorsBy = { refused422: 0, client4xx: 0, server5xx: 0, transport: 0 }
  const lastAnswer = new Map<object, number>()
  let ok = 0
  const started = performance.now()
  await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.base,
        connections: options.connections,
        duration: options.seconds,
        timeout: 120,
        headers: { authorization: `JWT ${options.token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              const call = options.next()
              return { ...request, method: call.method, path: call.path, body: call.body === undefined ? undefined : JSON.stringify(call.body) }
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    )
    instance.on('response', (client, status, _bytes, time) => {
      lastAnswer.set(client, performance.now())
      if (status >= 200 && status < 300) {
        ok++
        latencies.push(time)
      } else if (status === 422) errorsBy.refused422++
      else if (status >= 500) errorsBy.server5xx++
      else errorsBy.client4xx++
    })
    instance.on('reqError', () => errorsBy.transport++)
  })
  const ended = performance.now()
  // each connection keeps one request open (no pipelining): its age is a lower bound
  const unfinished = [...lastAnswer.values()].map((at) => ended - at)
  for (let i = lastAnswer.size; i < options.connections; i++) unfinished.push(ended - started)
  return summarize(
    latencies,
    ok,
    (ended - started) / 1000,
    errorsBy,
    unfinished.filter((age) => age > 1),
  )
}

export async function request(base: string, token: string | null, call: Call, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${base}${call.path}`, {
    method: call.method,
    headers: { ...(token ? { authorization: `JWT ${token}` } : {}), 'content-type': 'application/json', ...headers },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers }
}

// ---------------------------------------------------------------- processes
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Stops a detached child and its process group: SIGTERM, then SIGKILL after 10 s. */
export async function stopGroup(child: ChildProcess) {
  const pid = child.pid
  if (!pid || !alive(pid)) return
  try {
    process.kill(-pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
  for (let waited = 0; waited < 10_000 && alive(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100))
  if (alive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      child.kill('SIGKILL')
    }
  }
}

export function packageVersion(name: string): string {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
}

export const timed = async <T>(phases: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> => {
  const t = performance.now()
  try {
    return await work()
  } finally {
    phases[name] = Math.round((performance.now() - t) / 100) / 10
  }
}
