/**
 * What the after-sale operations answer with (SPEC §9): the invoice and the deposit as the
 * ledger now has them, read on the operation's transaction after its refresh.
 */
import { sql, toMinor, type Db } from '@/ledger/db'

export async function invoiceAnswer(db: Db, invoiceId: number) {
  const { rows } = await db.execute(sql`
    SELECT id, number, kind, status, total, amount_paid, credited_amount, written_off, amount_due, due_date
      FROM invoices WHERE id = ${invoiceId}`)
  const row = rows[0]!
  return {
    id: Number(row.id),
    number: row.number as string | null,
    kind: String(row.kind),
    status: String(row.status),
    total: toMinor(row.total),
    amountPaid: toMinor(row.amount_paid),
    creditedAmount: toMinor(row.credited_amount),
    writtenOff: toMinor(row.written_off),
    amountDue: toMinor(row.amount_due),
    dueDate: row.due_date ? new Date(String(row.due_date)).toISOString() : null,
  }
}

export async function depositAnswer(db: Db, depositId: number) {
  const { rows } = await db.execute(sql`
    SELECT id, customer_id, reference_type, amount, method, status, utilized_amount, refunded_amount, reversed_amount,
           forfeited_amount, remaining_amount, created_at
      FROM advance_payments WHERE id = ${depositId}`)
  const row = rows[0]!
  return {
    id: Number(row.id),
    customer: Number(row.customer_id),
    referenceType: String(row.reference_type),
    amount: toMinor(row.amount),
    method: String(row.method),
    status: String(row.status),
    utilizedAmount: toMinor(row.utilized_amount),
    refundedAmount: toMinor(row.refunded_amount),
    reversedAmount: toMinor(row.reversed_amount),
    forfeitedAmount: toMinor(row.forfeited_amount),
    remainingAmount: toMinor(row.remaining_amount),
    createdAt: new Date(String(row.created_at)).toISOString(),
  }
}
