/**
 * The repeatable apply of src/ledger/sql (sqlObjects.ts) and the adoption of databases made
 * before the migration baseline (src/cli/adoptBaseline.ts), on throwaway databases of the
 * test cluster and throwaway SQL trees.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { adoptBaseline, BASELINE, OutdatedDatabase, SQUASHED } from '@/cli/adoptBaseline'
import { EMBEDDED_URI_VAR } from '@/db/connection'

import { testPayload } from '../../tests/helpers/payload'
import { applySqlObjects, readSqlObjects, staleSqlObjects } from './sqlObjects'

const clusterUri = () => process.env[EMBEDDED_URI_VAR]!
let databases = 0

/** A fresh, empty database of the test cluster, and a client on it. */
async function scratchDatabase(): Promise<pg.Client> {
  const name = `scratch_${process.pid}_${++databases}`
  const admin = new pg.Client({ connectionString: clusterUri() })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(clusterUri())
  url.pathname = `/${name}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  return client
}

/** A SQL tree in a temp dir: `files` maps `functions/x.sql` → text. */
function sqlTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tally-sql-'))
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }
  return root
}

const TREE = {
  'functions/doubled.sql': '-- twice the amount\nCREATE FUNCTION doubled(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;',
  'functions/stamp.sql': "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'v1'; RETURN NEW; END $$;",
  'views/doubled_rows.sql': 'CREATE VIEW doubled_rows AS SELECT id, doubled(amount) AS twice FROM rows_table;',
  'triggers/rows_stamp.sql': 'CREATE TRIGGER rows_stamp BEFORE INSERT ON rows_table FOR EACH ROW EXECUTE FUNCTION stamp();',
}

let client: pg.Client
const trees: string[] = []
beforeAll(async () => {
  client = await scratchDatabase()
  await client.query('CREATE TABLE rows_table (id serial PRIMARY KEY, amount bigint, note text)')
})
afterAll(async () => {
  await client?.end()
  for (const tree of trees) rmSync(tree, { recursive: true, force: true })
})
const tree = (files: Record<string, string>) => {
  const root = sqlTree(files)
  trees.push(root)
  return readSqlObjects(root)
}

describe('applySqlObjects — repeatable SQL objects', () => {
  it('creates every object in dependency order (a view after the function it calls) and records its checksum', async () => {
    const objects = tree(TREE)
    expect(objects.map((object) => object.name)).toEqual(['doubled', 'stamp', 'doubled_rows', 'rows_stamp'])
    expect(objects.find((object) => object.name === 'doubled_rows')!.dependsOn).toEqual(['doubled'])
    const result = await applySqlObjects(client, objects)
    expect(result.applied).toHaveLength(4)
    await client.query('INSERT INTO rows_table (amount) VALUES (21)')
    expect((await client.query('SELECT twice FROM doubled_rows')).rows).toEqual([{ twice: '42' }])
    expect((await client.query('SELECT note FROM rows_table')).rows).toEqual([{ note: 'v1' }])
    expect((await client.query('SELECT count(*)::int AS n FROM ledger_sql_objects')).rows[0].n).toBe(4)
  })

  it('a second start with nothing changed applies nothing', async () => {
    expect(await applySqlObjects(client, tree(TREE))).toEqual({ applied: [], removed: [] })
    expect(await staleSqlObjects(client, tree(TREE))).toEqual([])
  })

  it('a changed body is applied again with what depends on it, even when its signature changes; the rest is left alone', async () => {
    const changed = tree({
      ...TREE,
      'functions/doubled.sql': 'CREATE FUNCTION doubled(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 + 1 $$;',
    })
    expect(await staleSqlObjects(client, changed)).toEqual(['functions/doubled.sql'])
    const result = await applySqlObjects(client, changed)
    expect(result.applied).toEqual(['functions/doubled.sql', 'views/doubled_rows.sql'])
    expect((await client.query('SELECT twice FROM doubled_rows')).rows).toEqual([{ twice: '43' }])
    expect((await client.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'doubled'`)).rows[0].n).toBe(1)
  })

  it('an object dropped by hand is created again', async () => {
    await client.query('DROP TRIGGER rows_stamp ON rows_table')
    expect((await applySqlObjects(client, tree(TREE))).applied).toContain('triggers/rows_stamp.sql')
    await client.query('INSERT INTO rows_table (amount) VALUES (1)')
    expect((await client.query('SELECT note FROM rows_table ORDER BY id DESC LIMIT 1')).rows[0].note).toBe('v1')
  })

  it('a file deleted from the tree drops its object and its record', async () => {
    const { 'triggers/rows_stamp.sql': _gone, ...rest } = TREE
    expect(await staleSqlObjects(client, tree(rest))).toEqual(['triggers/rows_stamp.sql'])
    expect((await applySqlObjects(client, tree(rest))).removed).toEqual(['triggers/rows_stamp.sql'])
    expect((await client.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'rows_stamp'`)).rows[0].n).toBe(0)
    expect((await client.query(`SELECT count(*)::int AS n FROM ledger_sql_objects WHERE name = 'rows_stamp'`)).rows[0].n).toBe(0)
  })

  it('a file that fails rolls the whole apply back and names itself', async () => {
    const broken = tree({ ...TREE, 'views/doubled_rows.sql': 'CREATE VIEW doubled_rows AS SELECT nope FROM rows_table;' })
    await expect(applySqlObjects(client, broken)).rejects.toThrow(/views\/doubled_rows\.sql: column "nope" does not exist/)
    expect((await client.query('SELECT twice FROM doubled_rows LIMIT 1')).rows).toHaveLength(1)
  })

  it('refuses a file that does not create the object it is named after, and a cycle', () => {
    expect(() => tree({ 'functions/one.sql': 'CREATE FUNCTION other() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;' })).toThrow(/must create the function one/)
    expect(() =>
      tree({
        'views/a.sql': 'CREATE VIEW a AS SELECT * FROM b;',
        'views/b.sql': 'CREATE VIEW b AS SELECT * FROM a;',
      }),
    ).toThrow(/cycle/)
  })
})

describe('src/ledger/sql — the tree the app runs', () => {
  it('holds one object per file, and the test database (set up like production) runs exactly these files', async () => {
    const objects = readSqlObjects()
    expect(objects.length).toBeGreaterThan(30)
    expect(new Set(objects.map((object) => object.kind))).toEqual(new Set(['function', 'view', 'trigger']))
    const payload = await testPayload()
    expect(await staleSqlObjects(payload.db.pool)).toEqual([])
  })
})

describe('adoptBaseline — databases made before the squash', () => {
  const migrationsTable = async (db: pg.Client, names: string[]) => {
    await db.query('CREATE TABLE payload_migrations (id serial PRIMARY KEY, name varchar, batch numeric, updated_at timestamptz, created_at timestamptz)')
    for (const name of names) await db.query('INSERT INTO payload_migrations (name, batch, updated_at, created_at) VALUES ($1, 1, now(), now())', [name])
  }

  it('a database made by all thirteen migrations is recorded as migrated by the baseline; later migrations keep their rows', async () => {
    const db = await scratchDatabase()
    try {
      await migrationsTable(db, [...SQUASHED, '20261205_000000_later'])
      expect(await adoptBaseline(db)).toBe('adopted')
      const { rows } = await db.query('SELECT name FROM payload_migrations ORDER BY name')
      expect(rows.map((row) => row.name)).toEqual([BASELINE, '20261205_000000_later'])
      expect(await adoptBaseline(db)).toBe('not needed')
    } finally {
      await db.end()
    }
  })

  it('a database made by only some of them is refused with one plain sentence', async () => {
    const db = await scratchDatabase()
    try {
      await migrationsTable(db, SQUASHED.slice(0, 5))
      const refused = adoptBaseline(db)
      await expect(refused).rejects.toBeInstanceOf(OutdatedDatabase)
      await expect(refused).rejects.toThrow(/lacks migration 20261121_102300_cards_constraints.*delete its directory \(TALLY_DATA_DIR, default \.data\)/)
      expect((await db.query('SELECT count(*)::int AS n FROM payload_migrations')).rows[0].n).toBe(5)
    } finally {
      await db.end()
    }
  })

  it('an empty database and one migrated by the baseline need nothing', async () => {
    const db = await scratchDatabase()
    try {
      expect(await adoptBaseline(db)).toBe('not needed')
      await migrationsTable(db, [BASELINE])
      expect(await adoptBaseline(db)).toBe('not needed')
    } finally {
      await db.end()
    }
  })
})
