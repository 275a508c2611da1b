import { sql, type Db } from '@/ledger/db'

/** Whether any money has moved or any invoice was posted in the store (its settings' point of no return). */
export async function storeHasLedgerRows(db: Db, storeId: number): Promise<boolean> {
  const { rows } = await db.execute(sql`
    SELECT EXISTS (SELECT 1 FROM transactions WHERE store_id = ${storeId})
        OR EXISTS (SELECT 1 FROM invoices WHERE store_id = ${storeId} AND status <> 'draft')
        OR EXISTS (SELECT 1 FROM advance_payments WHERE store_id = ${storeId}) AS used`)
  return rows[0]?.used === true
}
