import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { planCreditNote } from '@/domain/creditNote'
import { todayIn } from '@/domain/dates'
import { notFound } from '@/domain/errors'
import { formatMoney } from '@/domain/money'
import { creditNoteNumbering } from '@/domain/references'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertCreditNote, nextReference } from '@/ledger/write'

import { invoiceAnswer } from './afterSale'

/**
 * SPEC §9 credit note: takes `amount` off what a posted invoice asks for. Numbered CN-26-0001
 * per store and year of the store's day (gap-free: the counter row is locked to COMMIT);
 * the invoice's creditedAmount rises and its amountDue falls, and so does the customer's
 * pendingBalance.
 */
export async function issueCreditNote(db: Db, req: PayloadRequest, input: { invoiceId: number; amount: number; reason: string }) {
  const { rows: found } = await db.execute(sql`SELECT store_id, customer_id FROM invoices WHERE id = ${input.invoiceId}`)
  if (!found[0] || !mayUseStore(req, Number(found[0].store_id))) throw notFound('invoice')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id), { field: 'invoice' })
  const { rows } = await db.execute(sql`SELECT status, amount_due FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const money = (minor: number) => formatMoney(minor, customer.store.currency, customer.store.locale)
  const plan = planCreditNote({ status: String(rows[0]!.status), amountDue: toMinor(rows[0]!.amount_due) }, input.amount, money)
  const year = Number(todayIn(customer.store.timezone).slice(0, 4))
  const number = await nextReference(db, customer.storeId, creditNoteNumbering(year))
  const note = await insertCreditNote(db, {
    storeId: customer.storeId,
    customerId: customer.id,
    invoiceId: input.invoiceId,
    number,
    amount: plan.amount,
    reason: input.reason,
    createdBy: req.user?.id ?? null,
  })
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  return {
    creditNote: { id: note.id, number, amount: plan.amount, reason: input.reason, date: note.date },
    invoice: await invoiceAnswer(db, input.invoiceId),
    customer: { id: customer.id, ...balances },
  }
}
