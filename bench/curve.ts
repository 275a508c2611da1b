/**
 * `npm run bench:curve`: the cost curve of issue 19. Runs the whole bench (`bench/run.ts`) once
 * per dataset scale — by default 0.1, 1 and 5, i.e. up to 100,000 customers, 1,000,000
 * invoices and 2,500,000 transactions in one store — each on its own throwaway database, then
 * writes bench/curve.json and prints one Markdown table: p50 / p95 per scenario at c1 and c8,
 * the p95/p50 spread, the database size and the `ledger:verify` time per scale.
 *
 * Knobs: BENCH_SCALES=0.1,1 (the scales), and every knob of `npm run bench` (BENCH_DURATION…).
 * The runs are sequential and share nothing but the build; per-scale results stay in
 * bench/data/curve-<scale>.json.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Stats } from './lib'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const DATA_DIR = path.join(ROOT, 'bench', 'data')
const SCALES = (process.env.BENCH_SCALES ?? '0.1,1,5')
  .split(',')
  .map((scale) => Number(scale.trim()))
  .filter((scale) => Number.isFinite(scale) && scale > 0)

interface RunResult {
  scale: number
  dataset: { customers: number; invoices: number; transactions: number }
  databaseBytes: number
  scenarios: Record<string, Record<string, Stats>>
  floor: { checkout: { c8: Stats } }
  checkoutVsFloor: number
  verifySeconds: number
  /** `ledger:verify --changed` over what the scenarios wrote since the clean run after the import (absent in older results). */
  verifyChangedSeconds?: number
  details: { loadAverageAtEnd: number[]; phasesSeconds: Record<string, number> }
}

const say = (line: string) => console.log(`[curve] ${line}`)

function runScale(scale: number): RunResult {
  const file = path.join(DATA_DIR, `curve-${scale}.json`)
  say(`scale ${scale}: npm run bench (load average ${os.loadavg()[0]!.toFixed(2)}) …`)
  // The generator keeps the whole simulated ledger in memory: scale 5 needs more than Node's default heap.
  const heapMb = Math.max(4096, Math.ceil(scale * 2048))
  const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bench', 'run.ts')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_SCALE: String(scale), BENCH_RESULTS: file, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim() },
  })
  if (run.status !== 0 || !existsSync(file)) throw new Error(`the bench at scale ${scale} failed (exit ${run.status}); see the output above`)
  return JSON.parse(readFileSync(file, 'utf8')) as RunResult
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`
const spread = (stats: Stats | undefined) => (stats && stats.p50 > 0 ? (stats.p95 / stats.p50).toFixed(1) : '–')

function table(runs: RunResult[]): string {
  const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  const scenarios = Object.keys(runs[0]!.scenarios)
  const lines = [
    row(['scenario', ...runs.flatMap((run) => [`scale ${run.scale}: c1 p50 / p95`, `c8 p50 / p95 (p95/p50)`])]),
    row(['---', ...runs.flatMap(() => ['---:', '---:'])]),
    ...scenarios.map((name) =>
      row([
        name,
        ...runs.flatMap((run) => {
          const c1 = run.scenarios[name]?.c1
          const c8 = run.scenarios[name]?.c8
          return [c1 ? `${c1.p50} / ${c1.p95}` : '–', c8 ? `${c8.p50} / ${c8.p95} (${spread(c8)})` : '–']
        }),
      ]),
    ),
    row(['floor: checkout (raw SQL)', ...runs.flatMap((run) => ['–', `${run.floor.checkout.c8.p50} / ${run.floor.checkout.c8.p95} (${spread(run.floor.checkout.c8)})`])]),
    row(['checkout c8 p50 / floor p50', ...runs.flatMap((run) => ['', `${run.checkoutVsFloor}×`])]),
    row([
      'dataset (customers / invoices / transactions)',
      ...runs.flatMap((run) => [
        `${run.dataset.customers.toLocaleString('en-US')} / ${run.dataset.invoices.toLocaleString('en-US')} / ${run.dataset.transactions.toLocaleString('en-US')}`,
        '',
      ]),
    ]),
    row(['database size', ...runs.flatMap((run) => [mib(run.databaseBytes), ''])]),
    row(['`ledger:verify`', ...runs.flatMap((run) => [`${run.verifySeconds} s`, ''])]),
    row(['`ledger:verify --changed` (after the scenarios)', ...runs.flatMap((run) => [run.verifyChangedSeconds === undefined ? '–' : `${run.verifyChangedSeconds} s`, ''])]),
    row(['load average at the end (1 min)', ...runs.flatMap((run) => [String(run.details.loadAverageAtEnd[0]), ''])]),
  ]
  return lines.join('\n')
}

function main() {
  mkdirSync(DATA_DIR, { recursive: true })
  if (SCALES.length === 0) throw new Error('BENCH_SCALES names no scale (e.g. BENCH_SCALES=0.1,1,5)')
  const runs: RunResult[] = []
  for (const scale of SCALES) runs.push(runScale(scale))
  const output = { generatedAt: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown' }, runs }
  writeFileSync(path.join(ROOT, 'bench', 'curve.json'), `${JSON.stringify(output, null, 2)}\n`)
  console.log(`\n${table(runs)}\n`)
  say('written: bench/curve.json')
}

try {
  main()
} catch (error) {
  console.error(`[curve] failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
