import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ConfigError } from '../env'

import type { HolderMessage, HolderOptions } from './holder'

export interface EmbeddedPostgres {
  uri: string
  port: number
  stop: () => Promise<void>
}

export interface StartOptions {
  dataDir: string
  password: string
  database?: string
  /** fsync off: for throwaway test clusters only. */
  ephemeral?: boolean
  timeoutMs?: number
}

const holderScript = fileURLToPath(new URL('./holder.ts', import.meta.url))

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Starts Postgres on `dataDir` (initialising it the first time) inside a detached holder
 * process and resolves once it accepts connections. The holder stops the server when
 * stop() is called or when this process goes away, whichever comes first.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir)
  const database = options.database ?? 'tally'
  mkdirSync(path.dirname(dataDir), { recursive: true })
  const holderOptions: HolderOptions = {
    dataDir,
    password: options.password,
    database,
    parentPid: process.pid,
    logFile: `${dataDir}.log`,
    ephemeral: options.ephemeral ?? false,
  }
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const pid = child.pid
  if (pid === undefined) throw new Error('could not start the embedded Postgres holder process')
  child.send(holderOptions)

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM')
      reject(new ConfigError(`embedded Postgres did not start within ${(options.timeoutMs ?? 120_000) / 1000}s; see ${holderOptions.logFile}`))
    }, options.timeoutMs ?? 120_000)
    child.on('message', (message: HolderMessage) => {
      clearTimeout(timer)
      if (message.type === 'ready') resolve(message.port)
      else reject(new ConfigError(`embedded Postgres: ${message.message}`))
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new ConfigError(`embedded Postgres exited during start-up (code ${code}); see ${holderOptions.logFile}`))
    })
  })
  child.removeAllListeners('exit')
  child.disconnect()
  child.unref()

  const uri = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      if (!isAlive(pid)) return
      process.kill(pid, 'SIGTERM')
      for (let waited = 0; waited < 20_000 && isAlive(pid); waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    return stopped
  }
  return { uri, port, stop }
}
