/** A customer's statement for a period as documents show it (PDF, share page, email). */
import type { PayloadRequest } from 'payload'

import type { StatementRange } from '@/domain/statementPeriod'
import { statementReference } from '@/domain/upi'
import type { Minor } from '@/domain/money'

import { customerStatement } from '@/services/customerStatement'
import { sql, type Db } from '@/ledger/db'

import { storeProfile, type StoreProfile } from './storeProfile'

export interface StatementDocument {
  store: StoreProfile
  customer: { id: number; name: string; phone: string | null; email: string | null }
  statement: Awaited<ReturnType<typeof customerStatement>>
  /** STMT-<customer>-<yyyymmdd>: the UPI note and the email subject. */
  reference: string
  /** What the customer owes now (their pending balance). */
  amountDue: Minor
}

/** 404 (from customerStatement) unless req may use the customer's store; no user = trusted caller. */
export async function statementDocument(db: Db, req: PayloadRequest, customerId: number, range: StatementRange): Promise<StatementDocument> {
  const statement = await customerStatement(db, req, customerId, range)
  const { rows } = await db.execute(sql`SELECT store_id, email FROM customers WHERE id = ${customerId}`)
  const store = (await storeProfile(db, Number(rows[0]!.store_id)))!
  return {
    store,
    customer: {
      id: statement.customer.id,
      name: String(statement.customer.name),
      phone: statement.customer.phone ? String(statement.customer.phone) : null,
      email: rows[0]!.email ? String(rows[0]!.email) : null,
    },
    statement,
    reference: statementReference(customerId, statement.to),
    amountDue: statement.customer.pendingBalance,
  }
}
