import type pg from 'pg'

export const BASELINE = '20261121_000000_baseline'

/** The migrations squashed into the baseline (migrations/20261121_000000_baseline.ts). */
export const SQUASHED = [
  '20261121_093153_initial',
  '20261121_094410_ledger_collections',
  '20261121_094500_ledger_constraints',
  '20261121_101427_customers_trash',
  '20261121_102246_cards_and_payables',
  '20261121_102300_cards_constraints',
  '20261121_111500_report_indexes',
  '20261121_120000_report_totals',
  '20261121_121000_invoice_totals',
  '20261121_130000_checkout_tail',
  '20261121_140000_summary_slots',
  '20261121_150000_collect_post',
  '20261201_090000_store_days',
]

export class OutdatedDatabase extends Error {
  override name = 'OutdatedDatabase'
}

/**
 * A database made before the squash (all thirteen migrations applied) has exactly the
 * baseline's schema: record the baseline in their place, so Payload does not run it again;
 * its functions, views and triggers are brought up to date by the SQL objects step. One
 * made by only some of them cannot be adopted: say so plainly instead of half-migrating.
 */
export async function adoptBaseline(client: pg.Client): Promise<'adopted' | 'not needed'> {
  const { rows: table } = await client.query(`SELECT to_regclass('payload_migrations') IS NOT NULL AS present`)
  if (!table[0]?.present) return 'not needed'
  const { rows } = await client.query<{ name: string }>('SELECT name FROM payload_migrations')
  const names = new Set(rows.map((row) => row.name))
  const squashed = SQUASHED.filter((name) => names.has(name))
  if (names.has(BASELINE) || squashed.length === 0) return 'not needed'
  const missing = SQUASHED.filter((name) => !names.has(name))
  if (missing.length > 0) {
    throw new OutdatedDatabase(
      `this database was made by an older Tally and lacks migration ${missing[0]}, which has since been squashed into ${BASELINE}; ` +
        'it cannot be brought up to date. For the demo database, stop Tally and delete its directory (TALLY_DATA_DIR, default .data) — ' +
        'the next start creates and seeds a fresh one; for an external database, migrate it with an older Tally first, or recreate it',
    )
  }
  await client.query('BEGIN')
  try {
    await client.query('DELETE FROM payload_migrations WHERE name = ANY($1::text[])', [SQUASHED])
    await client.query(
      `INSERT INTO payload_migrations (name, batch, updated_at, created_at)
       VALUES ($1, (SELECT coalesce(max(batch), 0) + 1 FROM payload_migrations), now(), now())`,
      [BASELINE],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  return 'adopted'
}
