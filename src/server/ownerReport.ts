import { createLocalReq, type Payload } from 'payload'

import { inTransaction, type Db } from '@/ledger/db'
import type { SessionUser } from '@/server/session'
import type { StoreSummary } from '@/server/stores'
import type { StoreRef } from '@/services/reports/dashboard'

/**
 * Runs report services for a server page the way src/endpoints/reports.ts does for the
 * API (one read transaction, as the user), so a screen's figures equal the API's. The
 * store must come from storesFor(), which already limits it to the user's stores.
 */
export async function ownerReport<T>(payload: Payload, user: SessionUser, store: StoreSummary, run: (db: Db, store: StoreRef) => Promise<T>): Promise<T> {
  const req = await createLocalReq({ user }, payload)
  return inTransaction(req, (db) => run(db, { id: store.id, timezone: store.timezone }))
}
