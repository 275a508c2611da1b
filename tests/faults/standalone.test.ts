/**
 * Issue 20 — the server the container image runs, run here without Docker: `node
 * .next/standalone/server.js` from the standalone output (`npm run build`), with the image's
 * environment (TALLY_MIGRATE_ON_START=true, NODE_ENV=production), against a fresh embedded
 * PostgreSQL that nothing has migrated. It must migrate it, apply the ledger's SQL, and
 * serve /api/health, the login pages, their static files and the API description.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded'
import { freePort } from '../../src/db/freePort'

const standalone = path.resolve('.next/standalone')
let root: string
let db: EmbeddedPostgres
let server: ChildProcess | undefined
let url: string
let output = ''

async function waitForHealth(deadlineMs: number): Promise<Response> {
  const deadline = Date.now() + deadlineMs
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`the standalone server exited (${server?.exitCode}):\n${output}`)
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (response.ok) return response
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`no answer from the standalone server within ${deadlineMs / 1000} s:\n${output}`)
}

beforeAll(async () => {
  expect(existsSync(path.join(standalone, 'server.js')), 'run `npm run build` first').toBe(true)
  root = mkdtempSync(path.join(tmpdir(), 'tally-standalone-'))
  chmodSync(root, 0o755)
  db = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), password: randomBytes(8).toString('hex') })
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  // the image's environment (Dockerfile), and nothing of this repository's
  server = spawn(process.execPath, ['server.js'], {
    cwd: standalone,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      TALLY_MIGRATE_ON_START: 'true',
      DATABASE_URI: db.uri,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      TALLY_LOG_LEVEL: 'warn',
    },
  })
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
})

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  await db?.stop()
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('node .next/standalone/server.js (what the image runs)', () => {
  it('migrates a fresh database on start and answers /api/health: ok, ledger SQL current', async () => {
    const response = await waitForHealth(120_000)
    const body = await response.json()
    expect(response.status, output).toBe(200)
    expect(body).toMatchObject({ ok: true, db: 'external', ledgerSql: 'current' })
    expect(output).toContain('[tally] database schema and ledger SQL are current')
  })

  it('serves the login page with its static files, and the admin login', async () => {
    const login = await fetch(`${url}/login`)
    expect(login.status).toBe(200)
    const html = await login.text()
    expect(html).toContain('type="password"')
    const asset = html.match(/\/_next\/static\/[^"']+\.(js|css)/)?.[0]
    expect(asset, 'a static file linked from the page').toBeDefined()
    expect((await fetch(`${url}${asset}`)).status).toBe(200)
    const admin = await fetch(`${url}/admin/login`)
    expect(admin.status).toBe(200)
  })

  it('serves the API description and its page', async () => {
    const doc = await fetch(`${url}/api/openapi.json`)
    expect(doc.status).toBe(200)
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0')
    const page = await fetch(`${url}/api-docs`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/api/pos/checkout')
  })

  it('carries no local data or secrets of the machine that built it', () => {
    expect(existsSync(path.join(standalone, '.data'))).toBe(false)
    expect(existsSync(path.join(standalone, '.env'))).toBe(false)
    expect(existsSync(path.join(standalone, 'src/ledger/sql/functions'))).toBe(true)
  })
})
