import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound } from '@/domain/errors'
import { sql, sqlFor } from '@/ledger/db'

const idOf = (value: unknown) => (value === null || value === undefined ? null : Number(typeof value === 'object' ? (value as { id: unknown }).id : value))

/**
 * One payable per source per month: a named fixed/variable cost once a month, a card
 * statement once. A card payable's amount is its statement's (derived, not typed).
 */
export const preparePayable: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const invalid = (path: string, message: string) => new ValidationError({ collection: 'payment-statuses', errors: [{ path, message }] })
  const next = { ...originalDoc, ...data }
  const db = await sqlFor(req)
  const storeId = idOf(next.store)
  const statementId = idOf(next.creditCardInvoice)
  if (next.paymentType === 'credit_card') {
    if (!statementId) throw invalid('creditCardInvoice', 'a credit-card payable needs its statement')
    const { rows } = await db.execute(sql`SELECT store_id FROM credit_card_invoices WHERE id = ${statementId}`)
    if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('creditCardInvoice')
    if (Number(rows[0].store_id) !== storeId) throw notFound('creditCardInvoice')
  } else if (statementId) {
    throw invalid('creditCardInvoice', 'only a credit_card payable links a statement')
  }
  const { rows: clash } = await db.execute(sql`
    SELECT id FROM payment_statuses
     WHERE store_id = ${storeId} AND id <> ${originalDoc?.id ?? 0}
       AND ${statementId ? sql`credit_card_invoice_id = ${statementId}` : sql`payment_type <> 'credit_card' AND lower(name) = lower(${String(next.name ?? '')}) AND month_year = ${String(next.monthYear ?? '')}`}`)
  if (clash.length > 0) throw invalid(statementId ? 'creditCardInvoice' : 'name', `there is already a payable for this ${statementId ? 'statement' : 'name and month'}`)
  return data
}
