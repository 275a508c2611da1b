import type { CatalogueService } from '@/domain/billLines'
import { sql, sqlList, toMinor, type Db } from '@/ledger/db'

/** The catalogue entries with these ids (any store: billLines checks each is the bill's store's). */
export async function catalogueEntries(db: Db, ids: readonly number[]): Promise<Map<number, CatalogueService>> {
  const safe = ids.filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647)
  if (safe.length === 0) return new Map()
  const { rows } = await db.execute(sql`SELECT id, store_id, name, sac, price, tax_rate, active FROM services WHERE id IN (${sqlList(safe)})`)
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        id: Number(row.id),
        storeId: Number(row.store_id),
        name: String(row.name),
        sac: row.sac ? String(row.sac) : null,
        price: toMinor(row.price),
        taxRate: Number(row.tax_rate),
        active: row.active !== false,
      },
    ]),
  )
}
