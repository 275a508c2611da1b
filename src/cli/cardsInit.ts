/**
 * `npm run cards:init -- --months 3 [--card ID]`: creates the missing statements of the
 * last N months for active cards. Idempotent; prints progress and a summary line.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import pg from 'pg'

import { SESSION_OPTIONS } from '@/db/connection'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/db/embedded'
import { runningPostmasterPid } from '@/db/lock'
import { ConfigError, dataDir, readEnv } from '@/env'

import { embeddedPassword } from './embeddedPassword'

async function main() {
  const { values } = parseArgs({ options: { months: { type: 'string', default: '3' }, card: { type: 'string' } } })
  const months = Number(values.months)
  if (!Number.isInteger(months) || months < 0 || months > 120) throw new ConfigError('--months must be a whole number from 0 to 120')
  const cardId = values.card === undefined ? undefined : Number(values.card)
  if (cardId !== undefined && !(Number.isSafeInteger(cardId) && cardId > 0)) throw new ConfigError('--card must be a card id')

  const env = readEnv()
  let embedded: EmbeddedPostgres | undefined
  let uri = env.DATABASE_URI ?? process.env.TALLY_EMBEDDED_DATABASE_URI
  if (!uri) {
    const dir = path.join(dataDir(env), 'pg')
    if (runningPostmasterPid(dir)) throw new ConfigError('the embedded database is in use by a running Tally; stop it first or set DATABASE_URI')
    embedded = await startEmbeddedPostgres({ dataDir: dir, password: embeddedPassword(env) })
    uri = embedded.uri
  }
  const pool = new pg.Pool({ connectionString: uri, max: 1, options: SESSION_OPTIONS })
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const client = drizzle({ client: pool })
  try {
    const { initStatements } = await import('@/services/cards')
    const result = await client.transaction(async (tx) => {
      // Trusted CLI work: a request without a user passes the store scope.
      const req = { user: null } as never
      return initStatements(tx as never, req, { months, cardId }, (line) => console.log(line))
    })
    console.log(`cards:init: ${result.created} statement(s) created for ${result.cards} active card(s) (last ${months} month(s))`)
  } finally {
    await pool.end()
    await embedded?.stop()
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`[tally] cards:init failed: ${message}`)
  process.exitCode = 1
})
