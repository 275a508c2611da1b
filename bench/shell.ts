/**
 * `npx tsx bench/shell.ts [--scale 1]`: the bench dataset in an embedded Postgres that stays
 * up (bench/data/pg, kept between runs) — for EXPLAIN ANALYZE and profiling by hand. Prints
 * the connection string; Ctrl-C stops Postgres (the data stays). Delete bench/data/pg to
 * start over.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import { EMBEDDED_URI_VAR } from '@/db/connection'
import { startEmbeddedPostgres } from '@/db/embedded'
import { prepareDatabase } from '@/cli/prepareDatabase'

import { generate } from './generate'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const dataDir = path.join(ROOT, 'bench', 'data', 'pg')
const scaleFlag = process.argv.indexOf('--scale')
const scale = scaleFlag > 0 ? Number(process.argv[scaleFlag + 1]) : 1

async function main() {
  const fresh = !existsSync(dataDir)
  const db = await startEmbeddedPostgres({ dataDir, password: 'bench', ephemeral: false })
  process.env[EMBEDDED_URI_VAR] = db.uri
  process.env.PAYLOAD_SECRET ??= 'bench-shell-secret-not-for-production'
  process.on('SIGINT', () => void db.stop().then(() => process.exit(0)))
  process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)))
  await prepareDatabase({ uri: db.uri, seed: 'never' })
  if (fresh) {
    await generate({
      uri: db.uri,
      customers: Math.round(20_000 * scale),
      invoices: Math.round(200_000 * scale),
      transactions: Math.round(500_000 * scale),
      log: (line) => console.log(line),
    })
  }
  console.log(`[bench:shell] ${db.uri}`)
  console.log('[bench:shell] Ctrl-C stops Postgres; the data stays in bench/data/pg')
  await new Promise(() => undefined)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
