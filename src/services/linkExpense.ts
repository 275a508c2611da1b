import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import { sql, type Db } from '@/ledger/db'

import { statementForCharge } from './cards'

const idOf = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(typeof value === 'object' ? (value as { id: unknown }).id : value))

/**
 * Where an owner's expense belongs (SPEC §3 rule 8): a charge on a card (method
 * credit_card) goes to the statement of its date; a card payment (kind card_payment) pays
 * the statement it names; any expense may pay one of the month's payables.
 */
export async function linkExpense(db: Db, req: PayloadRequest, data: Record<string, any>, storeId: number) {
  const cardId = idOf(data.creditCard)
  const statementId = idOf(data.creditCardInvoice)
  const payableId = idOf(data.paymentStatus)
  const links: Record<string, number | null> = { creditCard: cardId, creditCardInvoice: null, paymentStatus: payableId }

  if (data.method === 'credit_card') {
    if (data.kind !== 'expense') throw new RuleError('a card payment is paid from a bank account, not with the card', 'method', 400)
    if (!cardId) throw new RuleError('creditCard is required for a charge paid by credit card', 'creditCard', 400)
    const { card, statement } = await statementForCharge(db, req, cardId, data.date)
    if (card.storeId !== storeId) throw notFound('creditCard')
    links.creditCardInvoice = statement.id
  } else if (data.kind === 'card_payment') {
    if (!statementId) throw new RuleError('creditCardInvoice (the statement paid) is required for a card payment', 'creditCardInvoice', 400)
    const { rows } = await db.execute(sql`SELECT store_id, credit_card_id FROM credit_card_invoices WHERE id = ${statementId}`)
    if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id)) || Number(rows[0].store_id) !== storeId) throw notFound('creditCardInvoice')
    links.creditCardInvoice = statementId
    links.creditCard = Number(rows[0].credit_card_id)
  } else if (cardId || statementId) {
    throw new RuleError('only card charges (method credit_card) and card payments link a card', cardId ? 'creditCard' : 'creditCardInvoice', 400)
  }

  if (payableId) {
    const { rows } = await db.execute(sql`SELECT store_id FROM payment_statuses WHERE id = ${payableId} FOR UPDATE`)
    if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id)) || Number(rows[0].store_id) !== storeId) throw notFound('paymentStatus')
  }
  return links
}
