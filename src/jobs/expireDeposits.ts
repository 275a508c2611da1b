import type { PayloadRequest, TaskConfig } from 'payload'

import { inTransaction } from '@/ledger/db'
import { expireStoreDeposits, storesWithExpiryPolicy } from '@/services/expireDeposits'

import { scheduleOnce } from './scheduleOnce'

/** The queue of Tally's daily work; jobs.autoRun polls it (payload.config.ts). */
export const DAILY_QUEUE = 'daily'

/**
 * SPEC §9: runs every store's deposit-expiry policy once a day on Payload's jobs queue
 * (`schedule` enqueues it, `autoRun` runs it). Each store expires in its own transaction, on
 * the store's own day; the work is safe when several app instances run it at once (see
 * expireStoreDeposits) and when a failed run is retried.
 */
export const expireDepositsTask: TaskConfig<{ input: object; output: { stores: number; expired: number; forfeited: number } }> = {
  slug: 'expireDeposits',
  label: 'Expire unused deposits (stores.advanceExpiryMonths)',
  // 00:05 UTC daily (seconds first): a store's deposits expire on the first run after its own day turns.
  // One instance queues each day's run (scheduleOnce.ts).
  schedule: [{ cron: '0 5 0 * * *', queue: DAILY_QUEUE, hooks: { beforeSchedule: scheduleOnce } }],
  retries: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } },
  outputSchema: [
    { name: 'stores', type: 'number', required: true },
    { name: 'expired', type: 'number', required: true },
    { name: 'forfeited', type: 'number', required: true },
  ],
  handler: async ({ req }) => {
    // Trusted internal work: no user (every store), each store its own transaction.
    const internal: PayloadRequest = { ...req, user: null, transactionID: undefined }
    const stores = await inTransaction(internal, (db) => storesWithExpiryPolicy(db))
    let expired = 0
    let forfeited = 0
    for (const store of stores) {
      const done = await inTransaction(internal, (db) => expireStoreDeposits(db, internal, store))
      expired += done.length
      forfeited += done.reduce((total, deposit) => total + deposit.amount, 0)
    }
    if (expired > 0) req.payload.logger.info(`deposit expiry: ${expired} deposit(s) expired, ${forfeited} minor units forfeited in ${stores.length} store(s)`)
    return { output: { stores: stores.length, expired, forfeited } }
  },
}
