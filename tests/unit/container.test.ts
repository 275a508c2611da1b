/**
 * Issue 20 — the container image, as far as a machine without a Docker engine can check it:
 * the Dockerfile parses and passes dockerfile-utils' validator (the checks of the Docker
 * language server), and says what the issue asks — multi-stage, the standalone output, a
 * non-root user, a healthcheck on /api/health, migrations on start. The image itself is run
 * nowhere in CI; the standalone server it runs is (tests/faults/standalone.test.ts).
 */
import { readFileSync } from 'node:fs'

import { validate } from 'dockerfile-utils'
import { describe, expect, it } from 'vitest'

const dockerfile = readFileSync('Dockerfile', 'utf8')
const ignore = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((line) => line.trim())
const compose = readFileSync('docker-compose.yml', 'utf8')

/** The instructions of the Dockerfile's last stage (what runs). */
function finalStage(): string[] {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ')
  const lines = joined.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'))
  const from = lines.map((line, index) => (/^FROM\s/i.test(line) ? index : -1)).filter((index) => index >= 0)
  return lines.slice(from.at(-1))
}

describe('Dockerfile', () => {
  it('has no problem dockerfile-utils reports (errors and warnings)', () => {
    const problems = validate(dockerfile).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`)
    expect(problems).toEqual([])
  })

  it('the validator does report a broken one (so the test above can fail)', () => {
    expect(validate('FROM node:20\nCMD ["node", "server.js"\nHEALTHCHECK\nEXPOSE port').length).toBeGreaterThan(0)
  })

  it('is multi-stage and runs the standalone server as a non-root user, migrating on start, with a healthcheck on /api/health', () => {
    expect(dockerfile.match(/^FROM\s/gim)?.length).toBeGreaterThanOrEqual(3)
    const stage = finalStage()
    const user = stage.find((line) => /^USER\s/.test(line))
    expect(user).toBeDefined()
    expect(user).not.toMatch(/^USER\s+(root|0)\b/)
    expect(stage.findIndex((line) => /^USER\s/.test(line))).toBeLessThan(stage.findIndex((line) => /^CMD\s/.test(line)))
    expect(stage.some((line) => /^COPY --from=build .*\/app\/\.next\/standalone \.\/$/.test(line))).toBe(true)
    expect(stage.find((line) => /^HEALTHCHECK\s/.test(line))).toContain('/api/health')
    expect(stage.find((line) => /^CMD\s/.test(line))).toBe('CMD ["node", "server.js"]')
    expect(stage.find((line) => /^ENV\s/.test(line))).toContain('TALLY_MIGRATE_ON_START=true')
    expect(stage.find((line) => /^ENV\s/.test(line))).toContain('HOSTNAME=0.0.0.0')
    // the build stage builds with the repository's own script (next build + the standalone copy)
    expect(dockerfile).toMatch(/^RUN npm run build$/m)
    expect(readFileSync('next.config.mjs', 'utf8')).toMatch(/^\s*output: 'standalone',$/m)
  })
})

describe('.dockerignore and docker-compose.yml', () => {
  it('keeps secrets, local databases, dependencies and builds out of the build context', () => {
    for (const entry of ['.git', 'node_modules', '.next', '.data', '.data-*', '.env', '.env.*', 'test-results']) expect(ignore, entry).toContain(entry)
    // what the build needs stays in
    for (const needed of ['src', 'migrations', 'public', 'package.json', 'package-lock.json', 'next.config.mjs', 'payload.config.ts', 'tsconfig.json']) {
      expect(ignore, needed).not.toContain(needed)
    }
  })

  it('builds the image and runs it with PostgreSQL, the secret required', () => {
    expect(compose).toMatch(/^ {2}app:\n {4}build: \.$/m)
    expect(compose).toMatch(/^ {4}image: postgres:\d+$/m)
    expect(compose).toContain('DATABASE_URI: postgres://tally:tally@db:5432/tally')
    expect(compose).toContain('PAYLOAD_SECRET: ${PAYLOAD_SECRET:?')
    expect(compose).toMatch(/condition: service_healthy/)
    expect(compose).not.toMatch(/npm (ci|run build)/)
  })
})
