import type { PayloadRequest } from 'payload'

import { mayUseStore } from '@/access/mayUseStore'
import { notFound, RuleError } from '@/domain/errors'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCard, lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger, refreshOwnerFigures } from '@/ledger/refresh'
import { insertAllocation, insertTransaction } from '@/ledger/write'

import { statementForCharge } from './cards'

/**
 * Corrects a ledger row the only way the ledger allows: a reversing entry of the same
 * amount and the opposite type, pointing at the original. A customer payment's allocations
 * are reversed with it (the invoices are owed again) and so is a deposit kept from its
 * excess (SPEC §9a: a bounced cheque never paid anything; 422 when that deposit was already
 * used — reverse the use first). A card charge's reversal lands in its statement while that
 * is open, else in the open statement of today.
 *
 * "Already reversed" is decided after the customer's row lock and the original's row lock,
 * so parallel reversals of one row get one 201 and 409s — never a unique-index error.
 */
export async function reverseTransaction(db: Db, req: PayloadRequest, transactionId: number, reason: string) {
  const { rows } = await db.execute(sql`SELECT store_id, customer_id FROM transactions WHERE id = ${transactionId}`)
  if (!rows[0] || !mayUseStore(req, Number(rows[0].store_id))) throw notFound('transaction')
  if (rows[0].customer_id) await lockCustomer(db, req, Number(rows[0].customer_id), { field: 'transaction' })
  // Transactions are never updated: this lock only queues reversals of the same row.
  const { rows: locked } = await db.execute(sql`
    SELECT id, store_id, type, kind, amount, method, customer_id, invoice_id, credit_card_id, credit_card_invoice_id, payment_status_id, reference
      FROM transactions WHERE id = ${transactionId} FOR UPDATE`)
  const original = locked[0]!
  if (!['payment', 'expense', 'card_payment'].includes(String(original.kind))) {
    throw new RuleError(`a ${String(original.kind)} cannot be reversed here`, 'transaction')
  }
  const { rows: already } = await db.execute(sql`SELECT id FROM transactions WHERE reversal_of_id = ${transactionId}`)
  if (already.length > 0) throw new RuleError('this transaction is already reversed', 'transaction', 409)

  const storeId = Number(original.store_id)
  const customerId = original.customer_id ? Number(original.customer_id) : null
  let statementId = original.credit_card_invoice_id ? Number(original.credit_card_invoice_id) : null
  const touchedInvoices: number[] = []
  // Deposits kept from this payment's excess: reversed with it, and only while unused.
  const { rows: deposits } =
    original.kind === 'payment'
      ? await db.execute(sql`
          SELECT id, transaction_id, amount, method, remaining_amount, status FROM advance_payments
           WHERE from_payment_id = ${transactionId} AND status <> 'reversed' ORDER BY id`)
      : { rows: [] }
  for (const deposit of deposits) {
    if (toMinor(deposit.remaining_amount) !== toMinor(deposit.amount) || deposit.status !== 'active') {
      throw new RuleError(
        `${toMinor(deposit.amount) - toMinor(deposit.remaining_amount)} of the deposit kept from this payment's excess was already used or refunded: reverse that use first`,
        'transaction',
      )
    }
  }
  if (original.kind === 'expense' && original.credit_card_id) {
    const { rows: statement } = await db.execute(sql`SELECT is_closed FROM credit_card_invoices WHERE id = ${statementId}`)
    if (statement[0]?.is_closed) statementId = (await statementForCharge(db, req, Number(original.credit_card_id), null)).statement.id
    else await lockCard(db, req, Number(original.credit_card_id))
  }
  const note = `Reversal of ${String(original.reference)}: ${reason}`
  const reversal = await insertTransaction(db, {
    storeId,
    type: original.type === 'income' ? 'expense' : 'income',
    kind: 'reversal',
    amount: toMinor(original.amount),
    method: original.method as never,
    customerId,
    invoiceId: original.invoice_id ? Number(original.invoice_id) : null,
    reversalOfId: transactionId,
    // The same owner links, so statement and payable sums net the reversal out.
    creditCardId: original.credit_card_id ? Number(original.credit_card_id) : null,
    creditCardInvoiceId: statementId,
    paymentStatusId: original.payment_status_id ? Number(original.payment_status_id) : null,
    notes: note,
    createdBy: req.user?.id ?? null,
  })
  const reversedDeposits: { id: number; amount: number; reversal: number }[] = []
  for (const deposit of deposits) {
    const entry = await insertTransaction(db, {
      storeId,
      type: 'expense',
      kind: 'reversal',
      amount: toMinor(deposit.amount),
      method: deposit.method as never,
      customerId,
      advancePaymentId: Number(deposit.id),
      reversalOfId: Number(deposit.transaction_id),
      notes: `${note} (the excess kept as a deposit)`,
      createdBy: req.user?.id ?? null,
    })
    reversedDeposits.push({ id: Number(deposit.id), amount: toMinor(deposit.amount), reversal: entry.id })
  }
  if (customerId) {
    const { rows: allocations } = await db.execute(sql`
      SELECT a.id, a.invoice_id, a.amount FROM allocations a
       WHERE a.transaction_id = ${transactionId} AND a.amount > 0
         AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reversal_of_id = a.id)`)
    for (const allocation of allocations) {
      await insertAllocation(db, storeId, transactionId, Number(allocation.invoice_id), -toMinor(allocation.amount), Number(allocation.id), `payment reversed: ${reason}`)
      touchedInvoices.push(Number(allocation.invoice_id))
    }
    await refreshCustomerLedger(db, customerId, touchedInvoices)
  }
  await refreshOwnerFigures(db, reversal.id)
  return { reversal: { id: reversal.id, reference: reversal.reference }, statementId, reversedDeposits }
}
