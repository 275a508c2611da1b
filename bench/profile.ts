/**
 * Where the server's CPU goes: reads a V8 CPU profile of the standalone server (`node
 * --cpu-prof`, e.g. `BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=$PWD/bench/data/prof" BENCH_ONLY=checkout
 * BENCH_CONCURRENCY=8 npm run bench`), maps every frame back to its source through the
 * build's source maps (`.next/server/**.js.map`), and prints the CPU time by package, the
 * functions with the most self time, and the inclusive time of the request path's landmarks.
 *
 *   npx tsx bench/profile.ts bench/data/prof/CPU.….cpuprofile [--window 20] [--requests N] [--top 30]
 *
 * --window S keeps the busiest S seconds (the measured run, not the server's start-up); with
 * --requests (how many requests that window served: bench/data/partial.json has them), times
 * are also given per request.
 */
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const args = process.argv.slice(2)
const file = args.find((arg) => !arg.startsWith('--'))
if (!file) {
  console.error('usage: npx tsx bench/profile.ts <file.cpuprofile> [--requests N] [--top 30]')
  process.exit(2)
}
const option = (name: string) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? Number(args[at + 1]) : undefined
}
const requests = option('requests')
const TOP = option('top') ?? 30
/** --window 20: only the busiest 20 s of the profile (the measured run, not the server's start and warm-up). */
const WINDOW = option('window')
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile

// ------------------------------------------------------------ source maps
const maps = new Map<string, SourceMap | null>()
function mapOf(url: string): SourceMap | null {
  if (maps.has(url)) return maps.get(url)!
  let map: SourceMap | null = null
  if (url.startsWith('file://')) {
    const generated = fileURLToPath(url)
    // the standalone server runs copies of .next/server/**; the maps stay in .next/server
    const candidates = [`${generated}.map`, `${generated.replace(`${path.sep}.next${path.sep}standalone${path.sep}.next${path.sep}`, `${path.sep}.next${path.sep}`)}.map`]
    const found = candidates.find((candidate) => existsSync(candidate))
    if (found) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(found, 'utf8')))
      } catch {
        map = null
      }
    }
  }
  maps.set(url, map)
  return map
}

interface Place {
  source: string
  line: number
  name: string
}

const places = new Map<number, Place>()
function placeOf(node: ProfileNode): Place {
  const cached = places.get(node.id)
  if (cached) return cached
  const { functionName, url, lineNumber, columnNumber } = node.callFrame
  let original: string | undefined
  let source = url.startsWith('file://') ? fileURLToPath(url) : url
  let line = lineNumber + 1
  const map = mapOf(url)
  if (map) {
    const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number; name?: string }
    if (entry.originalSource) {
      source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource
      line = (entry.originalLine ?? 0) + 1
      // the build minifies names: the map knows the original one
      if (entry.name) original = entry.name
    }
  }
  source = decodeURIComponent(source)
  const standalone = path.join(ROOT, '.next', 'standalone')
  if (source.startsWith(standalone)) source = source.slice(standalone.length + 1)
  else if (source.startsWith(ROOT)) source = source.slice(ROOT.length + 1)
  source = source.replace(/^(\.\.\/)+/, '').replace(/^\[project\]\//, '')
  const place = { source, line, name: original ?? (functionName || '(anonymous)') }
  places.set(node.id, place)
  return place
}

/** The package (or our src/) a source file belongs to. */
function packageOf(place: Place): string {
  const { source, name } = place
  if (name === '(garbage collector)') return '(garbage collector)'
  if (name === '(program)' || name === '(idle)' || name === '(root)') return name
  if (!source) return '(V8 / native)'
  if (source.startsWith('node:') || !source.includes('/')) return '(node internals)'
  const modules = source.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = source.slice(modules + 'node_modules/'.length).split('/')
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
    if (pkg === 'payload' || pkg.startsWith('@payloadcms/')) return 'payload'
    if (pkg.startsWith('pg') || pkg === 'postgres-array' || pkg === 'postgres-date') return 'pg (driver)'
    if (pkg === 'react' || pkg === 'react-dom' || pkg === 'scheduler') return 'react'
    return pkg
  }
  if (source.startsWith('src/')) return 'ours (src/)'
  if (source.includes('/next/') || source.startsWith('.next/')) return 'next'
  return source.split('/')[0]!
}

// ------------------------------------------------------------ self and inclusive time
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)'
/** Which samples count: all, or those of the busiest --window seconds. */
const counted = profile.samples.map(() => true)
if (WINDOW) {
  const at: number[] = []
  let t = 0
  for (let i = 0; i < profile.samples.length; i++) at.push((t += profile.timeDeltas[i] ?? 0))
  let best = 0
  let bestStart = 0
  let busyIn = 0
  for (let start = 0, end = 0; start < at.length; start++) {
    while (end < at.length && at[end]! - at[start]! < WINDOW * 1e6) {
      if (!isIdle(profile.samples[end]!)) busyIn += profile.timeDeltas[end + 1] ?? 0
      end++
    }
    if (busyIn > best) {
      best = busyIn
      bestStart = start
    }
    if (!isIdle(profile.samples[start]!)) busyIn -= profile.timeDeltas[start + 1] ?? 0
  }
  for (let i = 0; i < at.length; i++) counted[i] = at[i]! >= at[bestStart]! && at[i]! - at[bestStart]! < WINDOW * 1e6
}

const self = new Map<number, number>()
for (let i = 0; i < profile.samples.length; i++) {
  if (!counted[i]) continue
  const dt = profile.timeDeltas[i + 1] ?? 0
  self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt)
}
const idle = [...self].filter(([id]) => isIdle(id)).reduce((sum, [, us]) => sum + us, 0)
const total = [...self.values()].reduce((a, b) => a + b, 0)
const busy = total - idle

const keyOf = (place: Place) => `${place.name} ${place.source}:${place.line}`
const selfBy = new Map<string, number>()
const pkgSelf = new Map<string, number>()
for (const [id, us] of self) {
  const place = placeOf(byId.get(id)!)
  if (place.name === '(idle)') continue
  selfBy.set(keyOf(place), (selfBy.get(keyOf(place)) ?? 0) + us)
  pkgSelf.set(packageOf(place), (pkgSelf.get(packageOf(place)) ?? 0) + us)
}

/** Inclusive time per function and per package (each sample counted once per function / package on its stack). */
const inclusive = new Map<string, number>()
const pkgInclusive = new Map<string, number>()
for (let i = 0; i < profile.samples.length; i++) {
  if (!counted[i]) continue
  const dt = profile.timeDeltas[i + 1] ?? 0
  const seen = new Set<string>()
  const seenPkg = new Set<string>()
  for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
    const place = placeOf(byId.get(id)!)
    if (place.name === '(idle)') break
    const key = keyOf(place)
    if (!seen.has(key)) {
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt)
    }
    const pkg = packageOf(place)
    if (!seenPkg.has(pkg)) {
      seenPkg.add(pkg)
      pkgInclusive.set(pkg, (pkgInclusive.get(pkg) ?? 0) + dt)
    }
  }
}

// ------------------------------------------------------------ report
const msOf = (us: number) => (us / 1000).toFixed(0).padStart(7)
const share = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`
const perRequest = (us: number) => (requests ? `${(us / 1000 / requests).toFixed(3).padStart(7)} ms/req` : '')

console.log(
  `profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy${requests ? `, ${requests} requests → ${(busy / 1000 / requests).toFixed(2)} ms CPU per request` : ''}`,
)
console.log('\nself time by package (inclusive: with what it calls)')
for (const [pkg, us] of [...pkgSelf].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${pkg.padEnd(28)} self ${msOf(us)} ms ${share(us)} ${perRequest(us)}   inclusive ${share(pkgInclusive.get(pkg) ?? 0)}`)
}
console.log(`\ntop ${TOP} functions by self time`)
for (const [key, us] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${msOf(us)} ms ${share(us)}  ${key}`)

/** Landmarks of the request path: inclusive time of each function whose name matches. */
const LANDMARKS = [
  /^handleEndpoints$/,
  /^createPayloadRequest$/,
  /^executeAuthStrategies$/,
  /^authenticateSession$/,
  /^JWTAuthentication$/,
  /^findByIDOperation$/,
  /^afterRead$/,
  /^guardApiRequest$/,
  /^runOnce$/,
  /^checkout$/,
  /^find(Operation)?$/,
  /^getAccessResults$/,
  /^executeAccess$/,
  /^handler$/,
  /^jwtVerify$/,
  /^parseWith$/,
  /^respond$/,
]
console.log('\nlandmarks (inclusive; a name may match more than one function)')
for (const pattern of LANDMARKS) {
  const matches = [...inclusive].filter(([key]) => pattern.test(key.split(' ')[0]!))
  for (const [key, us] of matches.sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`  ${msOf(us)} ms ${share(us)} ${perRequest(us)}  ${key}`)
}
const ours = [...inclusive].filter(([key]) => key.includes(' src/')).sort((a, b) => b[1] - a[1])
console.log('\nour functions by inclusive time')
for (const [key, us] of ours.slice(0, TOP)) console.log(`  ${msOf(us)} ms ${share(us)} ${perRequest(us)}  ${key}`)
