/**
 * The ledger's SQL objects — functions, views and triggers, one per file under
 * src/ledger/sql/{functions,views,triggers} — applied like Flyway's repeatable migrations:
 * after the versioned migrations (DDL only), every file whose checksum changed, or whose
 * object is missing from the database, is dropped and created again, with everything that
 * depends on it, in dependency order, in one transaction; `ledger_sql_objects` records what
 * was applied. A file deleted from the tree drops its object. So a rule's diff is its whole
 * new body, and every database (production, dev, tests, bench) runs the same objects.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type SqlKind = 'function' | 'view' | 'trigger'

export interface SqlObject {
  /** `functions/tally_checkout_post.sql`: the key in ledger_sql_objects. */
  path: string
  kind: SqlKind
  name: string
  text: string
  checksum: string
  /** Names of the other objects this one mentions (created before it, dropped after it). */
  dependsOn: string[]
}

/** What runs the statements: a pg Client or Pool (one connection: the apply is one transaction). */
export interface SqlClient {
  query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
}

const FOLDERS: Record<string, SqlKind> = { functions: 'function', views: 'view', triggers: 'trigger' }
const KIND_ORDER: SqlKind[] = ['function', 'view', 'trigger']
const IDENTIFIER = '([a-z_][a-z0-9_]*)'
const CREATE: Record<SqlKind, RegExp> = {
  function: new RegExp(`\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+${IDENTIFIER}\\s*\\(`, 'i'),
  view: new RegExp(`\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+${IDENTIFIER}\\b`, 'i'),
  trigger: new RegExp(`\\bCREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER\\s+${IDENTIFIER}\\b`, 'i'),
}

/**
 * The folder of the SQL files: beside this module when it runs from the source tree (tsx,
 * vitest), else `src/ledger/sql` under the working directory (a bundled `next start` runs
 * from the project root, where the tree is).
 */
export function sqlDirectory(): string {
  const candidates = [path.join(path.dirname(fileURLToPath(import.meta.url)), 'sql'), path.resolve(process.cwd(), 'src/ledger/sql')]
  const found = candidates.find((candidate) => existsSync(path.join(candidate, 'functions')))
  if (!found) throw new Error(`the ledger SQL files are missing (looked in ${candidates.join(' and ')})`)
  return found
}

const withoutComments = (text: string) => text.replace(/--[^\n]*/g, '')

/** Every SQL object of the tree, in dependency order (what an object mentions comes first). */
export function readSqlObjects(directory = sqlDirectory()): SqlObject[] {
  const objects: SqlObject[] = []
  for (const [folder, kind] of Object.entries(FOLDERS)) {
    const dir = path.join(directory, folder)
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.sql'))
      .sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n/g, '\n')
      const name = CREATE[kind].exec(withoutComments(text))?.[1]?.toLowerCase()
      if (name !== file.slice(0, -4)) {
        throw new Error(`src/ledger/sql/${folder}/${file} must create the ${kind} ${file.slice(0, -4)} (one object per file, named like the file)`)
      }
      objects.push({ path: `${folder}/${file}`, kind, name, text, checksum: createHash('sha256').update(text).digest('hex'), dependsOn: [] })
    }
  }
  const names = new Set(objects.map((object) => object.name))
  if (names.size !== objects.length) throw new Error('two ledger SQL files create objects of the same name')
  for (const object of objects) {
    const body = withoutComments(object.text)
    object.dependsOn = [...names].filter((name) => name !== object.name && new RegExp(`\\b${name}\\b`).test(body))
  }
  return inDependencyOrder(objects)
}

function inDependencyOrder(objects: SqlObject[]): SqlObject[] {
  const byName = new Map(objects.map((object) => [object.name, object]))
  const sorted: SqlObject[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (object: SqlObject, trail: string[]) => {
    if (state.get(object.name) === 'done') return
    if (state.get(object.name) === 'visiting') throw new Error(`ledger SQL objects depend on each other in a cycle: ${[...trail, object.name].join(' → ')}`)
    state.set(object.name, 'visiting')
    for (const dependency of object.dependsOn) visit(byName.get(dependency)!, [...trail, object.name])
    state.set(object.name, 'done')
    sorted.push(object)
  }
  const stable = [...objects].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name))
  for (const object of stable) visit(object, [])
  return sorted
}

const RECORD_TABLE = `
  CREATE TABLE IF NOT EXISTS ledger_sql_objects (
    path text PRIMARY KEY,
    kind text NOT NULL,
    name text NOT NULL,
    checksum char(64) NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`

async function presentObjects(client: SqlClient): Promise<Set<string>> {
  const { rows } = await client.query(`
    SELECT 'function:' || proname AS key FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'view:' || viewname FROM pg_views WHERE schemaname = 'public'
    UNION ALL SELECT 'trigger:' || tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace`)
  return new Set(rows.map((row) => String(row.key)))
}

async function dropObject(client: SqlClient, kind: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a ledger SQL object name: ${name}`)
  if (kind === 'view') {
    await client.query(`DROP VIEW IF EXISTS ${name}`)
  } else if (kind === 'function') {
    const { rows } = await client.query(`SELECT oid::regprocedure::text AS signature FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace`, [name])
    for (const row of rows) await client.query(`DROP FUNCTION ${String(row.signature)}`)
  } else {
    const { rows } = await client.query(`SELECT tgrelid::regclass::text AS tbl FROM pg_trigger WHERE tgname = $1 AND NOT tgisinternal`, [name])
    for (const row of rows) await client.query(`DROP TRIGGER ${name} ON ${String(row.tbl)}`)
  }
}

export interface SqlApplyResult {
  /** Paths created again (changed, missing, or depending on one that was). */
  applied: string[]
  /** Recorded paths whose file is gone: their objects were dropped. */
  removed: string[]
}

/**
 * Brings the database's SQL objects to the files', in one transaction on `client` (the
 * caller holds the migration advisory lock). Unchanged objects are left alone, so a start
 * with nothing new costs one read of ledger_sql_objects and the catalog.
 */
export async function applySqlObjects(client: SqlClient, objects: SqlObject[] = readSqlObjects()): Promise<SqlApplyResult> {
  await client.query('BEGIN')
  try {
    await client.query(RECORD_TABLE)
    const { rows } = await client.query('SELECT path, kind, name, checksum FROM ledger_sql_objects')
    const recorded = new Map(rows.map((row) => [String(row.path), { kind: String(row.kind), name: String(row.name), checksum: String(row.checksum) }]))
    const present = await presentObjects(client)
    const redo = new Set(
      objects.filter((object) => recorded.get(object.path)?.checksum !== object.checksum || !present.has(`${object.kind}:${object.name}`)).map((object) => object.name),
    )
    // An object depending on one that is dropped and created again is, too (views, triggers).
    for (const object of objects) if (object.dependsOn.some((name) => redo.has(name))) redo.add(object.name)
    const paths = new Set(objects.map((object) => object.path))
    const removed = [...recorded.entries()].filter(([file]) => !paths.has(file))

    for (const object of [...objects].reverse()) if (redo.has(object.name)) await dropObject(client, object.kind, object.name)
    for (const [, gone] of removed) await dropObject(client, gone.kind, gone.name)
    for (const object of objects) {
      if (!redo.has(object.name)) continue
      try {
        await client.query(object.text)
      } catch (error) {
        throw new Error(`src/ledger/sql/${object.path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
      }
      await client.query(
        `INSERT INTO ledger_sql_objects (path, kind, name, checksum) VALUES ($1, $2, $3, $4)
         ON CONFLICT (path) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = now()`,
        [object.path, object.kind, object.name, object.checksum],
      )
    }
    if (removed.length > 0) await client.query('DELETE FROM ledger_sql_objects WHERE path = ANY($1::text[])', [removed.map(([file]) => file)])
    await client.query('COMMIT')
    return { applied: objects.filter((object) => redo.has(object.name)).map((object) => object.path), removed: removed.map(([file]) => file) }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

let cached: SqlObject[] | undefined

/** The tree's SQL objects, read once per process (a server serves the files it started with). */
export function sqlObjects(): SqlObject[] {
  cached ??= readSqlObjects()
  return cached
}

/**
 * The files whose object the database does not run as written (never applied, changed
 * since, or recorded but deleted from the tree); empty when the database is current.
 */
export async function staleSqlObjects(client: SqlClient, objects: SqlObject[] = sqlObjects()): Promise<string[]> {
  const { rows } = await client.query(`SELECT to_regclass('ledger_sql_objects') IS NOT NULL AS recorded`)
  if (!rows[0]?.recorded) return objects.map((object) => object.path)
  const { rows: applied } = await client.query('SELECT path, checksum FROM ledger_sql_objects')
  const checksums = new Map(applied.map((row) => [String(row.path), String(row.checksum)]))
  const paths = new Set(objects.map((object) => object.path))
  return [...objects.filter((object) => checksums.get(object.path) !== object.checksum).map((object) => object.path), ...[...checksums.keys()].filter((file) => !paths.has(file))]
}
