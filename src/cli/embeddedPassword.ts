import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { dataDir, type Env } from '@/env'

/** The embedded cluster's password, generated once and kept beside it in the data dir. */
export function embeddedPassword(env: Env): string {
  const file = path.join(dataDir(env), 'pg-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir(env), { recursive: true })
  const password = randomBytes(18).toString('base64url')
  writeFileSync(file, `${password}\n`, { mode: 0o600 })
  return password
}
