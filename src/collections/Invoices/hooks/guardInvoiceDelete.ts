import type { CollectionBeforeDeleteHook } from 'payload'

import { RuleError } from '@/domain/errors'
import { sql, sqlFor } from '@/ledger/db'

/** Only drafts may be deleted; a posted invoice is part of the ledger — void it instead. */
export const guardInvoiceDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const db = await sqlFor(req)
  const { rows } = await db.execute(sql`SELECT status FROM invoices WHERE id = ${id}`)
  if (rows[0] && rows[0].status !== 'draft') {
    throw new RuleError('a posted invoice cannot be deleted; void it instead', 'status')
  }
}
