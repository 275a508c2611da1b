import type { Payload } from 'payload'

import type { Db } from '@/ledger/db'
import { refreshTimeDependent } from '@/ledger/refresh'

const HOUR = 60 * 60 * 1000

/** Runs the calendar refresh (overdue, active rentals, summary folding) now and then hourly in this server process. */
export function scheduleTimeDependentRefresh(payload: Payload): void {
  const run = async () => {
    try {
      const changed = await refreshTimeDependent(payload.db.drizzle as unknown as Db)
      if (changed.invoices || changed.customers) payload.logger.info(`calendar refresh: ${changed.invoices} invoice status(es), ${changed.customers} customer(s) updated`)
    } catch (error) {
      payload.logger.warn(`calendar refresh failed (retried next hour): ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  void run()
  setInterval(() => void run(), HOUR).unref()
}
