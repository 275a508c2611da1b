/**
 * Issue 20 — the README and docs/ stand alone in a fresh clone: every link and image inside
 * the repository points at a file that exists (and at a heading that exists, for `#…`), no
 * link or path leaves the repository except to a public web site, and the docs the README
 * promises are there. (markdownlint, `npm run lint:md`, checks that the Markdown renders.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = path.resolve('.')
const SKIP = new Set(['node_modules', '.next', '.git', '.data', 'test-results', 'playwright-report'])

function markdownFiles(dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.data')) return []
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return markdownFiles(full)
    return name.endsWith('.md') ? [full] : []
  })
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
}

function anchorsOf(file: string): Set<string> {
  const headings = withoutCode(readFileSync(file, 'utf8'))
    .split('\n')
    .filter((line) => /^#{1,6}\s/.test(line))
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const heading of headings) {
    const base = slug(heading.replace(/^#+\s*/, ''))
    const count = seen.get(base) ?? 0
    anchors.add(count ? `${base}-${count}` : base)
    seen.set(base, count + 1)
  }
  return anchors
}

interface Link {
  file: string
  target: string
}

function linksOf(file: string): Link[] {
  const text = withoutCode(readFileSync(file, 'utf8')).replace(/`[^`\n]*`/g, '')
  const links: Link[] = []
  for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ file, target: match[1]! })
  for (const match of text.matchAll(/<((?:https?|file|ftp):[^>\s]+)>/g)) links.push({ file, target: match[1]! })
  for (const match of text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)) links.push({ file, target: match[1]! })
  return links
}

/** Paths written in code spans that point outside the file's folder (`../…`, `/…`). */
function codePathsOf(file: string): string[] {
  const text = withoutCode(readFileSync(file, 'utf8'))
  return [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((match) => match[1]!)
}

/** Whether a link's problem, or null when it is fine. */
function problemOf({ file, target }: Link): string | null {
  if (/^https?:\/\//.test(target)) {
    const host = new URL(target).hostname
    if (host === 'localhost' || host === '127.0.0.1') return null // the app the reader just started
    if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || !host.includes('.')) return `${target} is not a public site`
    return null
  }
  if (/^mailto:/.test(target)) return null
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return `${target}: only public http(s) links may leave the repository`
  const [pathPart, fragment] = target.split('#') as [string, string | undefined]
  if (pathPart.startsWith('/')) return `${target}: an absolute path works on one machine only; link relative to ${path.relative(root, file)}`
  const resolved = pathPart ? path.resolve(path.dirname(file), decodeURIComponent(pathPart)) : file
  if (!resolved.startsWith(root + path.sep) && resolved !== root) return `${target} leaves the repository`
  if (!existsSync(resolved)) return `${target} does not exist`
  if (fragment !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(fragment)) return `${target}: no heading #${fragment} in ${path.relative(root, resolved)}`
  return null
}

const files = markdownFiles()

describe('Markdown links', () => {
  it('finds the README and the docs', () => {
    const names = files.map((file) => path.relative(root, file))
    for (const doc of ['README.md', 'docs/ledger.md', 'docs/roles.md', 'docs/time-zones.md', 'docs/production.md']) expect(names).toContain(doc)
  })

  it('every link and image in every Markdown file works inside the repository', () => {
    const links = files.flatMap(linksOf)
    expect(links.length).toBeGreaterThan(30)
    const problems = links.map((link) => [path.relative(root, link.file), problemOf(link)]).filter(([, problem]) => problem)
    expect(problems).toEqual([])
  })

  it('no path in a code span points outside the repository', () => {
    const outside = files.flatMap((file) =>
      codePathsOf(file)
        .filter((target) => !path.resolve(path.dirname(file), target).startsWith(root + path.sep))
        .map((target) => `${path.relative(root, file)}: ${target}`),
    )
    expect(outside).toEqual([])
  })

  it('the README links each page of docs/ and shows the three screenshots', () => {
    const readme = linksOf(path.join(root, 'README.md')).map((link) => link.target)
    for (const doc of readdirSync('docs').filter((name) => name.endsWith('.md'))) expect(readme).toContain(`docs/${doc}`)
    for (const shot of ['pos', 'customer', 'dashboard']) expect(readme).toContain(`docs/screenshots/${shot}.png`)
  })

  it('the checker does catch what the issue found (so the tests above can fail)', () => {
    const readme = path.join(root, 'README.md')
    expect(problemOf({ file: readme, target: '../shared/SPEC.md' })).toMatch(/leaves the repository/)
    expect(problemOf({ file: readme, target: 'docs/nothing.md' })).toMatch(/does not exist/)
    expect(problemOf({ file: readme, target: 'docs/ledger.md#no-such-heading' })).toMatch(/no heading/)
    expect(problemOf({ file: readme, target: '#quick-start' })).toBeNull()
    expect(problemOf({ file: readme, target: 'file:///work/shared/SPEC.md' })).toMatch(/public/)
    expect(problemOf({ file: readme, target: 'http://intranet/wiki' })).toMatch(/public/)
    expect(slug("The ledger's SQL")).toBe('the-ledgers-sql')
    expect(slug('Documents customers receive (SPEC §10)')).toBe('documents-customers-receive-spec-10')
  })
})
