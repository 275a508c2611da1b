import type { CollectionAfterChangeHook } from 'payload'

import { inTransaction, sql, toMinor } from '@/ledger/db'
import { refreshInvoice } from '@/ledger/refresh'
import { requireOwner } from '@/lib/http'
import { postInvoice } from '@/services/postInvoice'
import { recordInvoicePayment } from '@/services/recordInvoicePayment'
import { voidInvoice } from '@/services/voidInvoice'

/**
 * Applies the status change a client asked for (REST, GraphQL or the admin) through the
 * same services the endpoints use, inside the request's transaction, and answers with the
 * invoice as the ledger now has it.
 */
export const applyStatusTransition: CollectionAfterChangeHook = async ({ doc, req, context, operation }) => {
  const transition = context.invoiceTransition
  context.invoiceTransition = undefined
  const creditOverride = context.creditOverride
  context.creditOverride = undefined
  return inTransaction(req, async (db) => {
    if (transition === 'open') await postInvoice(db, req, doc.id, { creditOverride })
    else if (transition === 'paid') await recordInvoicePayment(db, req, { invoiceId: doc.id, method: 'cash', notes: 'Marked paid' })
    else if (transition === 'void') {
      requireOwner(req)
      await voidInvoice(db, req, doc.id, doc.voidReason)
    } else if (operation === 'create') await refreshInvoice(db, doc.id)
    const { rows } = await db.execute(sql`
      SELECT number, status, amount_paid, amount_due, posted_at, voided_at FROM invoices WHERE id = ${doc.id}`)
    const row = rows[0]!
    return {
      ...doc,
      number: row.number,
      status: row.status,
      amountPaid: toMinor(row.amount_paid),
      amountDue: toMinor(row.amount_due),
      postedAt: row.posted_at ? new Date(String(row.posted_at)).toISOString() : null,
      voidedAt: row.voided_at ? new Date(String(row.voided_at)).toISOString() : null,
    }
  })
}
