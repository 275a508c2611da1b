import type { PayloadRequest } from 'payload'

import { todayIn } from '@/domain/dates'
import { expiryCutoff } from '@/domain/expiry'
import { formatMoney } from '@/domain/money'
import { sql, sqlList, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertTransaction } from '@/ledger/write'

/** Arbitrary, fixed: the advisory lock one store's expiry run holds (several app instances run the job). */
const EXPIRY_LOCK = 7_316_015

export interface Expired {
  id: number
  amount: number
  customer: number
  store: number
}

/**
 * SPEC §9 deposit expiry for one store: every active deposit taken on or before the cut-off
 * day of the store's policy (stores.advanceExpiryMonths; empty = never) is expired — its
 * remaining is forfeited by an advance_expiry row (FFT-…, income that moved no money) and the
 * customer's advanceBalance falls. Safe to run at once from several instances: runs of one
 * store take turns on an advisory lock, each deposit is re-read under its customer's row lock,
 * and a deposit can be forfeited only once (unique index).
 */
export async function expireStoreDeposits(db: Db, req: PayloadRequest, storeId: number): Promise<Expired[]> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${EXPIRY_LOCK}, ${storeId})`)
  const { rows: stores } = await db.execute(sql`SELECT timezone, currency, locale, advance_expiry_months FROM stores WHERE id = ${storeId}`)
  const store = stores[0]
  if (!store || store.advance_expiry_months === null) return []
  const months = Number(store.advance_expiry_months)
  const timezone = String(store.timezone)
  const cutoff = expiryCutoff(todayIn(timezone), months)
  const due = sql`store_id = ${storeId} AND status = 'active' AND remaining_amount > 0
                  AND (created_at AT TIME ZONE ${timezone})::date <= ${cutoff}::date`
  const { rows: owners } = await db.execute(sql`SELECT DISTINCT customer_id FROM advance_payments WHERE ${due} ORDER BY customer_id`)
  const expired: Expired[] = []
  for (const owner of owners) {
    const customer = await lockCustomer(db, req, Number(owner.customer_id), { field: 'advancePayment' })
    const { rows: deposits } = await db.execute(sql`
      SELECT id, remaining_amount, created_at FROM advance_payments WHERE customer_id = ${customer.id} AND ${due} ORDER BY id FOR UPDATE`)
    for (const deposit of deposits) {
      const amount = toMinor(deposit.remaining_amount)
      await insertTransaction(db, {
        storeId,
        type: 'income',
        kind: 'advance_expiry',
        amount,
        method: null,
        customerId: customer.id,
        advancePaymentId: Number(deposit.id),
        notes: `Deposit expired: unused for ${months} month${months === 1 ? '' : 's'} (store policy); ${formatMoney(amount, String(store.currency), String(store.locale))} forfeited`,
        createdBy: req.user?.id ?? null,
      })
      expired.push({ id: Number(deposit.id), amount, customer: customer.id, store: storeId })
    }
    await refreshCustomerLedger(db, customer.id, [])
  }
  return expired
}

/** The stores an expiry run covers: the given ones, else every store with a policy. */
export async function storesWithExpiryPolicy(db: Db, storeIds?: readonly number[]): Promise<number[]> {
  const { rows } = await db.execute(sql`
    SELECT id FROM stores WHERE advance_expiry_months IS NOT NULL
       ${storeIds ? (storeIds.length ? sql`AND id IN (${sqlList(storeIds)})` : sql`AND false`) : sql``}
     ORDER BY id`)
  return rows.map((row) => Number(row.id))
}
