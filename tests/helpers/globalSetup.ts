/**
 * Once per `npm test` run: a throwaway embedded Postgres (fresh cluster in a temp dir),
 * migrations applied exactly as in production. Test files get its address via inject().
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { EMBEDDED_URI_VAR } from '../../src/db/connection'
import { startEmbeddedPostgres } from '../../src/db/embedded'
import { freePort } from '../../src/db/freePort'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUri: string
    payloadSecret: string
    smtpPort: number
  }
}

export default async function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'tally-test-'))
  chmodSync(root, 0o755) // the postgres system user must reach the data dir
  const db = await startEmbeddedPostgres({ dataDir: path.join(root, 'pg'), password: randomBytes(12).toString('hex'), ephemeral: true })
  const payloadSecret = randomBytes(32).toString('hex')

  process.env[EMBEDDED_URI_VAR] = db.uri
  process.env.PAYLOAD_SECRET = payloadSecret
  process.env.DISABLE_PAYLOAD_HMR = 'true'
  process.env.TALLY_LOG_LEVEL ??= 'warn'
  const { prepareDatabase } = await import('../../src/cli/prepareDatabase')
  await prepareDatabase({ uri: db.uri, seed: 'never' })

  project.provide('databaseUri', db.uri)
  project.provide('payloadSecret', payloadSecret)
  // Email is on in the tests: SMTP_URL points at a port where tests/helpers/smtp.ts listens when a test needs it.
  project.provide('smtpPort', await freePort())

  return async () => {
    await db.stop()
    rmSync(root, { recursive: true, force: true })
  }
}
