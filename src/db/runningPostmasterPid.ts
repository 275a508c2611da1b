import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The pid of a live postmaster that owns the data directory, or null. */
export function runningPostmasterPid(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10)
  } catch {
    return null
  }
  if (!Number.isSafeInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}
