/**
 * `npm run build`: `next build` (output: 'standalone'), then the files the standalone server
 * serves but Next leaves out of `.next/standalone`: the static assets and public/. The result
 * runs anywhere with `node .next/standalone/server.js` — what `npm start` and the image do.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Written last: a build that got this far is complete (src/cli/ensureBuild.ts). */
export const BUILT_MARKER = path.join('.next', 'standalone', '.tally-built')

export function build(): number {
  const result = spawnSync(path.resolve('node_modules/.bin/next'), ['build'], { stdio: 'inherit', env: { NEXT_TELEMETRY_DISABLED: '1', ...process.env } })
  if (result.status !== 0) return result.status ?? 1
  const standalone = path.join('.next', 'standalone')
  if (!existsSync(path.join(standalone, 'server.js'))) {
    console.error('[tally] next build wrote no .next/standalone/server.js (is output: "standalone" set in next.config.mjs?)')
    return 1
  }
  for (const [from, to] of [
    [path.join('.next', 'static'), path.join(standalone, '.next', 'static')],
    ['public', path.join(standalone, 'public')],
  ] as const) {
    rmSync(to, { recursive: true, force: true })
    if (existsSync(from)) cpSync(from, to, { recursive: true })
  }
  // the build machine's secrets and embedded database never go along
  rmSync(path.join(standalone, '.data'), { recursive: true, force: true })
  writeFileSync(BUILT_MARKER, new Date().toISOString())
  return 0
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) process.exit(build())
