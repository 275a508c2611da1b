import type { CollectionAfterChangeHook } from 'payload'

import { applyInOrder } from '@/domain/allocation'
import { RuleError } from '@/domain/errors'
import { isOpenStatus } from '@/domain/invoice'
import { sql, sqlFor, toMinor } from '@/ledger/db'
import { openInvoicesInOrder } from '@/ledger/lock'
import { refreshCustomerLedger, refreshOwnerFigures } from '@/ledger/refresh'
import { insertAllocation } from '@/ledger/write'

/**
 * Applies a logged customer payment: to its invoice when one is linked (never more than
 * that invoice's amount due), otherwise to the open invoices oldest first. What is not
 * applied stays unmatched credit, shown in reconciliation.
 */
export const allocateLoggedPayment: CollectionAfterChangeHook = async ({ doc, req, context, operation }) => {
  if (operation === 'create' && context.refreshOwnerFigures) {
    context.refreshOwnerFigures = undefined
    await refreshOwnerFigures(await sqlFor(req), doc.id)
  }
  const target = context.allocateLoggedPayment
  if (operation !== 'create' || !target) return doc
  context.allocateLoggedPayment = undefined
  const db = await sqlFor(req)
  let owed = await openInvoicesInOrder(db, target.customerId)
  if (target.invoiceId) {
    const { rows } = await db.execute(sql`SELECT customer_id, status, amount_due FROM invoices WHERE id = ${target.invoiceId} FOR UPDATE`)
    const invoice = rows[0]
    if (!invoice || Number(invoice.customer_id) !== target.customerId) throw new RuleError('invoice belongs to another customer', 'invoice', 400)
    owed = isOpenStatus(String(invoice.status)) ? [{ id: target.invoiceId, amount: toMinor(invoice.amount_due) }] : []
  }
  const storeId = Number(typeof doc.store === 'object' ? doc.store.id : doc.store)
  const { applied } = applyInOrder(doc.amount, owed)
  for (const allocation of applied) await insertAllocation(db, storeId, doc.id, allocation.id, allocation.amount)
  await refreshCustomerLedger(
    db,
    target.customerId,
    applied.map((allocation) => allocation.id),
  )
  return doc
}
