/**
 * `npm run test:e2e` runs against a production build. Build only when there is none or the
 * sources changed since, so CI (which builds first) does not build twice.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { build, BUILT_MARKER } from './build'

const INPUTS = ['src', 'migrations', 'public', 'payload.config.ts', 'next.config.mjs', 'package-lock.json', 'tsconfig.json']

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestChange(path.join(entry, name))), stat.mtimeMs)
}

const marker = BUILT_MARKER
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0
const changedAt = Math.max(...INPUTS.map(newestChange))

if (builtAt > changedAt) {
  console.log('[tally] production build is up to date')
} else {
  console.log(builtAt ? '[tally] sources changed since the last build: building…' : '[tally] no production build yet: building…')
  process.exit(build())
}
