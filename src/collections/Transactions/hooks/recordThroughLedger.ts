import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { instantForDay, isDay } from '@/domain/dates'
import { notFound } from '@/domain/errors'
import { PAYMENT_METHODS } from '@/domain/ledgerKinds'
import { looksNumbered, referenceFormatOf } from '@/domain/references'
import { sql, sqlFor } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { nextReference } from '@/ledger/write'
import { linkExpense } from '@/services/linkExpense'

declare module 'payload' {
  export interface RequestContext {
    /** Set when a logged payment must be allocated after its row exists. */
    allocateLoggedPayment?: { customerId: number; invoiceId: number | null }
    /** An expense touched a card statement or a payable: recompute them after the insert. */
    refreshOwnerFigures?: boolean
  }
}

const INCOME_KINDS = new Set(['payment'])
const EXPENSE_KINDS = new Set(['expense', 'card_payment'])

/**
 * The relations a logged transaction may carry, by type: a customer payment links its
 * customer and invoice; an expense its card, statement and payable (payables are paid by
 * expenses). A deposit is never linked by hand (its own operations write that link).
 */
const LINKS_OF: Record<'income' | 'expense', string[]> = {
  income: ['customer', 'invoice'],
  expense: ['creditCard', 'creditCardInvoice', 'paymentStatus'],
}
const LINKS = ['customer', 'invoice', 'advancePayment', 'creditCard', 'creditCardInvoice', 'paymentStatus']
const WHY: Record<string, string> = {
  paymentStatus: 'a payable is paid by an expense, not by a customer payment',
  creditCard: 'only an expense is charged to or pays a card',
  creditCardInvoice: 'only an expense is charged to or pays a card statement',
  advancePayment: 'a deposit is taken with POST /api/customers/:id/advances, not logged by hand',
  customer: 'an expense is not linked to a customer or invoice',
  invoice: 'an expense is not linked to a customer or invoice',
}

/**
 * A transaction logged by hand (ledger screen, admin, REST): a customer payment or an
 * expense. Deposits, refunds, reversals and write-offs have their own operations.
 */
export const recordThroughLedger: CollectionBeforeChangeHook = async ({ data, operation, req, context }) => {
  if (operation !== 'create') return data
  const invalid = (path: string, message: string) => new ValidationError({ collection: 'transactions', errors: [{ path, message }] })
  if (data.type !== 'income' && data.type !== 'expense') throw invalid('type', 'type must be income or expense')
  if (!(PAYMENT_METHODS as readonly unknown[]).includes(data.method)) throw invalid('method', `method must be one of ${PAYMENT_METHODS.join(', ')}`)
  const kinds = data.type === 'income' ? INCOME_KINDS : EXPENSE_KINDS
  if (!kinds.has(data.kind)) {
    throw invalid('kind', `a logged ${data.type} must be of kind ${[...kinds].join(' or ')}`)
  }
  for (const link of LINKS) {
    const value = data[link]
    if (value !== null && value !== undefined && value !== '' && !LINKS_OF[data.type as 'income' | 'expense'].includes(link)) throw invalid(link, WHY[link]!)
  }
  if (typeof data.reference === 'string' && looksNumbered(data.reference)) {
    throw invalid('reference', 'PAY- and EXP- references are numbered by Tally: leave the reference empty or use another')
  }
  const db = await sqlFor(req)
  const storeId = Number(typeof data.store === 'object' ? data.store.id : data.store)
  const customerId = typeof data.customer === 'object' && data.customer ? data.customer.id : data.customer
  const invoiceId = typeof data.invoice === 'object' && data.invoice ? data.invoice.id : (data.invoice ?? null)
  // A bare day (2026-12-01) is that day in the store, wherever the server is (SPEC §8).
  if (isDay(data.date) && Number.isSafeInteger(storeId)) {
    const { rows } = await db.execute(sql`SELECT timezone FROM stores WHERE id = ${storeId}`)
    if (rows[0]) data.date = instantForDay(data.date, String(rows[0].timezone))
  }
  if (data.type === 'income') {
    if (!customerId) throw invalid('customer', 'customer is required for income')
    if (!Number.isSafeInteger(Number(customerId))) throw invalid('customer', 'customer must be a numeric id')
    if (invoiceId && !Number.isSafeInteger(Number(invoiceId))) throw invalid('invoice', 'invoice must be a numeric id')
    if (data.method === 'wallet') throw invalid('method', 'wallet payments use the advance balance at the POS')
    const customer = await lockCustomer(db, req, Number(customerId))
    if (customer.storeId !== Number(typeof data.store === 'object' ? data.store.id : data.store)) throw notFound('customer')
    if (invoiceId) {
      const { rows } = await db.execute(sql`SELECT store_id, customer_id FROM invoices WHERE id = ${Number(invoiceId)}`)
      const invoice = rows[0]
      if (!invoice || Number(invoice.store_id) !== customer.storeId) throw notFound('invoice')
      if (Number(invoice.customer_id) !== customer.id) throw invalid('invoice', 'invoice belongs to another customer')
    }
    context.allocateLoggedPayment = { customerId: customer.id, invoiceId: invoiceId ? Number(invoiceId) : null }
  } else {
    Object.assign(data, await linkExpense(db, req, data, storeId))
    context.refreshOwnerFigures = true
  }
  return {
    ...data,
    reference: data.reference?.trim() || (await nextReference(db, storeId, referenceFormatOf(String(data.kind)))),
    createdBy: req.user?.id ?? null,
  }
}
