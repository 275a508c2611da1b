/**
 * A production server (the standalone server behind src/cli/run.ts start) on a throwaway embedded Postgres
 * that outlives server restarts — for the crash and soak tests.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded'
import { freePort } from '../../src/db/freePort'

/** One production server process (the wrapper and its next-server) on its own port. */
export interface ServerInstance {
  url: string
  start: () => Promise<void>
  kill: () => void
  serverPid: () => number | undefined
}

export interface Harness extends ServerInstance {
  databaseUri: string
  /** Another production server on another port against the same database (stopped with the harness). */
  another: () => Promise<ServerInstance>
  stop: () => Promise<void>
}

export async function productionHarness(): Promise<Harness> {
  const root = mkdtempSync(path.join(tmpdir(), 'tally-faults-'))
  chmodSync(root, 0o755)
  const db: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), password: randomBytes(8).toString('hex') })
  const secret = randomBytes(32).toString('hex')
  process.env.TALLY_EMBEDDED_DATABASE_URI = db.uri
  process.env.PAYLOAD_SECRET = secret
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  process.env.TALLY_LOG_LEVEL ??= 'warn'
  const { prepareDatabase } = await import('../../src/cli/prepareDatabase')
  await prepareDatabase({ uri: db.uri, seed: 'always' })

  const baseEnv = {
    ...process.env,
    DATABASE_URI: db.uri,
    PAYLOAD_SECRET: secret,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    TALLY_LOG_LEVEL: 'warn',
  } as NodeJS.ProcessEnv
  const instances: ServerInstance[] = []
  const serverOn = (port: number): ServerInstance => {
    const url = `http://127.0.0.1:${port}`
    let child: ChildProcess | undefined
    const env = { ...baseEnv, PORT: String(port) } as NodeJS.ProcessEnv

    const start = async () => {
      child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/run.ts', 'start'], { env, detached: true, stdio: 'ignore' })
      const deadline = Date.now() + 60_000
      while (Date.now() < deadline) {
        let health: { ledgerSql?: string } | undefined
        try {
          const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
          if (response.ok) health = (await response.json()) as { ledgerSql?: string }
        } catch {
          // not up yet
        }
        if (health) {
          // The bundled server found src/ledger/sql and the database runs exactly those files.
          if (health.ledgerSql !== 'current') throw new Error(`the production server reports ledgerSql: ${health.ledgerSql}`)
          return
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error('the production server did not become healthy within 60 s')
    }
    /** kill -9 of the whole server process group (wrapper + next-server): no shutdown at all. */
    const kill = () => {
      if (child?.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
      child = undefined
    }
    const serverPid = () => {
      if (!child?.pid) return undefined
      // the next-server process is the wrapper's child; find it by parent pid
      try {
        const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number)
        return children[0]
      } catch {
        return undefined
      }
    }
    const instance = { url, start, kill, serverPid }
    instances.push(instance)
    return instance
  }
  const first = serverOn(await freePort())
  return {
    ...first,
    databaseUri: db.uri,
    another: async () => serverOn(await freePort()),
    stop: async () => {
      for (const instance of instances) instance.kill()
      await db.stop()
      rmSync(root, { recursive: true, force: true })
    },
  }
}

export async function login(url: string, email: string, password = 'demo-pass'): Promise<string> {
  const response = await fetch(`${url}/api/users/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) })
  const body = (await response.json()) as { token?: string }
  if (!body.token) throw new Error(`login ${email} failed: ${response.status}`)
  return body.token
}

export function rssKb(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'))
    return line ? Number(line.replace(/[^\d]/g, '')) : null
  } catch {
    return null
  }
}
