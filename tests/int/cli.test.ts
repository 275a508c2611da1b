import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { startEmbeddedPostgres } from '@/db/embedded'

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `tsx src/cli/run.ts …` the way `npm run dev` does, with a clean environment. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/cli/run.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

const scratch = mkdtempSync(path.join(tmpdir(), 'tally-cli-'))
chmodSync(scratch, 0o755)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('start-up errors are one clear line', () => {
  it('an unknown DATABASE_URI value', async () => {
    const run = await runCli(['dev'], { DATABASE_URI: 'mysql://root@localhost/tally', TALLY_DATA_DIR: scratch })
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual(['[tally] Invalid environment: DATABASE_URI must be a postgres:// or postgresql:// URL'])
  })

  it('a busy port', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const run = await runCli(['dev'], { PORT: String(port), TALLY_DATA_DIR: scratch })
      expect(run.code).toBe(1)
      expect(run.stderr.trim().split('\n')).toEqual([`[tally] port ${port} is already in use: stop whatever runs there, or start Tally with PORT=<another port>`])
    } finally {
      blocker.close()
    }
  })

  it('a data directory locked by another running instance', async () => {
    const dataDir = path.join(scratch, 'locked')
    const running = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), password: randomBytes(8).toString('hex'), ephemeral: true })
    try {
      const run = await runCli(['seed'], { TALLY_DATA_DIR: dataDir })
      expect(run.code).toBe(1)
      const lines = run.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^\[tally\] embedded Postgres: the database directory .*locked\/pg is in use by another running instance/)
    } finally {
      await running.stop()
    }
  })
})
