import type { PayloadRequest } from 'payload'

import { instantForDay } from '@/domain/dates'
import { notFound, RuleError } from '@/domain/errors'
import type { PaymentMethod } from '@/domain/ledgerKinds'
import { formatMoney } from '@/domain/money'
import { sql, toMinor, type Db } from '@/ledger/db'
import { lockCustomer } from '@/ledger/lock'
import { refreshCustomerLedger } from '@/ledger/refresh'
import { insertAllocation, insertTransaction } from '@/ledger/write'

export interface InvoicePaymentInput {
  invoiceId: number
  /** Omitted: exactly the amount due (mark paid). */
  amount?: number
  method: PaymentMethod
  date?: string | null
  reference?: string | null
  notes?: string | null
}

/**
 * SPEC §3.7: a (partial) payment against one invoice — open → partial → paid. Without an
 * amount it settles exactly the remaining amount due ("mark paid").
 */
export async function recordInvoicePayment(db: Db, req: PayloadRequest, input: InvoicePaymentInput) {
  if (input.method === 'wallet') throw new RuleError('wallet payments use the advance balance at the POS', 'method', 400)
  const { rows: found } = await db.execute(sql`SELECT customer_id FROM invoices WHERE id = ${input.invoiceId}`)
  if (!found[0]) throw notFound('invoice')
  const customer = await lockCustomer(db, req, Number(found[0].customer_id))
  const { rows } = await db.execute(sql`SELECT status, number, amount_due FROM invoices WHERE id = ${input.invoiceId} FOR UPDATE`)
  const invoice = rows[0]!
  const status = String(invoice.status)
  if (status === 'draft') throw new RuleError('post the invoice before recording payments', 'status')
  if (status === 'void') throw new RuleError('the invoice is void', 'status')
  const due = toMinor(invoice.amount_due)
  if (due === 0) throw new RuleError('the invoice is already paid', 'amount')
  const amount = input.amount ?? due
  if (amount > due) {
    const money = (minor: number) => formatMoney(minor, customer.store.currency, customer.store.locale)
    throw new RuleError(`amount (${money(amount)}) is more than the amount due (${money(due)})`, 'amount')
  }

  const tx = await insertTransaction(db, {
    storeId: customer.storeId,
    type: 'income',
    kind: 'payment',
    amount,
    method: input.method,
    customerId: customer.id,
    invoiceId: input.invoiceId,
    reference: input.reference,
    notes: input.notes ?? `Payment for ${String(invoice.number)}`,
    date: input.date ? instantForDay(input.date, customer.store.timezone) : null,
    createdBy: req.user?.id ?? null,
  })
  await insertAllocation(db, customer.storeId, tx.id, input.invoiceId, amount)
  const balances = await refreshCustomerLedger(db, customer.id, [input.invoiceId])
  const { rows: after } = await db.execute(sql`SELECT status, amount_paid, amount_due, total FROM invoices WHERE id = ${input.invoiceId}`)
  return {
    transaction: { id: tx.id, reference: tx.reference, amount, method: input.method, date: tx.date },
    invoice: {
      id: input.invoiceId,
      number: String(invoice.number),
      status: String(after[0]!.status),
      total: toMinor(after[0]!.total),
      amountPaid: toMinor(after[0]!.amount_paid),
      amountDue: toMinor(after[0]!.amount_due),
    },
    customer: { id: customer.id, ...balances },
  }
}
