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
 * are reversed with it (the invoices are owed again); a card charge's reversal lands in its
 * statement while that is open, else in the open statement of today.
 */
export async function reverseTransaction(db: Db, req: PayloadRequest, transactionId: number, reason: string) {
  const { rows } = await db.execute(sql`
    SELECT id, store_id, type, kind, amount, method, customer_id, invoice_id, credit_card_id, credit_card_invoice_id, payment_status_id, reference
      FROM transactions WHERE id = ${transactionId}`)
  const original = rows[0]
  if (!original || !mayUseStore(req, Number(original.store_id))) throw notFound('transaction')
  if (!['payment', 'expense', 'card_payment'].includes(String(original.kind))) {
    throw new RuleError(`a ${String(original.kind)} cannot be reversed here`, 'transaction')
  }
  const { rows: already } = await db.execute(sql`SELECT id FROM transactions WHERE reversal_of_id = ${transactionId}`)
  if (already.length > 0) throw new RuleError('this transaction is already reversed', 'transaction', 409)

  const storeId = Number(original.store_id)
  let statementId = original.credit_card_invoice_id ? Number(original.credit_card_invoice_id) : null
  const touchedInvoices: number[] = []
  if (original.customer_id) await lockCustomer(db, req, Number(original.customer_id), { field: 'transaction' })
  if (original.kind === 'expense' && original.credit_card_id) {
    const { rows: statement } = await db.execute(sql`SELECT is_closed FROM credit_card_invoices WHERE id = ${statementId}`)
    if (statement[0]?.is_closed) statementId = (await statementForCharge(db, req, Number(original.credit_card_id), null)).statement.id
    else await lockCard(db, req, Number(original.credit_card_id))
  }
  const reversal = await insertTransaction(db, {
    storeId,
    type: original.type === 'income' ? 'expense' : 'income',
    kind: 'reversal',
    amount: toMinor(original.amount),
    method: original.method as never,
    customerId: original.customer_id ? Number(original.customer_id) : null,
    invoiceId: original.invoice_id ? Number(original.invoice_id) : null,
    reversalOfId: transactionId,
    // The same owner links, so statement and payable sums net the reversal out.
    creditCardId: original.credit_card_id ? Number(original.credit_card_id) : null,
    creditCardInvoiceId: statementId,
    paymentStatusId: original.payment_status_id ? Number(original.payment_status_id) : null,
    notes: `Reversal of ${String(original.reference)}: ${reason}`,
    createdBy: req.user?.id ?? null,
  })
  if (original.customer_id) {
    const { rows: allocations } = await db.execute(sql`
      SELECT a.id, a.invoice_id, a.amount FROM allocations a
       WHERE a.transaction_id = ${transactionId} AND a.amount > 0
         AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reversal_of_id = a.id)`)
    for (const allocation of allocations) {
      await insertAllocation(db, storeId, transactionId, Number(allocation.invoice_id), -toMinor(allocation.amount), Number(allocation.id))
      touchedInvoices.push(Number(allocation.invoice_id))
    }
    await refreshCustomerLedger(db, Number(original.customer_id), touchedInvoices)
  }
  await refreshOwnerFigures(db, reversal.id)
  return { reversal: { id: reversal.id, reference: reversal.reference }, statementId }
}
