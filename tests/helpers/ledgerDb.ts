/**
 * The ledger's SQL, tested below the services: one connection of the test database, a
 * transaction per case that is rolled back, so a property test can write thousands of
 * random ledgers and leave nothing behind. Deferred triggers never fire (no COMMIT).
 */
import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'

import { storedDay } from '@/domain/dates'
import { sql, type Db } from '@/ledger/db'

import { unique } from './factories'
import { testPayload } from './payload'

export interface Scratch {
  db: Db
  client: pg.PoolClient
}

/** Runs `work` in a transaction that is always rolled back. */
export async function rolledBack<T>(work: (scratch: Scratch) => Promise<T>): Promise<T> {
  const payload = await testPayload()
  const client = await payload.db.pool.connect()
  try {
    await client.query('BEGIN')
    return await work({ db: drizzle({ client }) as unknown as Db, client })
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release()
  }
}

export async function one<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  return (await db.execute(query)).rows[0] as T
}

/** A store and a customer of it, straight into the tables. */
export async function scratchCustomer(db: Db, { timezone = 'Asia/Kolkata', prefix = 'SCR' } = {}) {
  const store = await one<{ id: number }>(
    db,
    sql`
    INSERT INTO stores (name, currency, locale, timezone, invoice_prefix) VALUES (${unique('Scratch')}, 'INR', 'en-IN', ${timezone}, ${prefix})
    RETURNING id`,
  )
  const customer = await one<{ id: number }>(
    db,
    sql`
    INSERT INTO customers (store_id, name, phone, pending_balance, advance_balance, total_billed, total_paid, visits, services_count, active_rentals)
    VALUES (${store.id}, 'Scratch customer', ${`+91${Date.now() % 10_000_000_000}${Math.floor(Math.random() * 1000)}`}, 0, 0, 0, 0, 0, 0, 0)
    RETURNING id`,
  )
  return { storeId: Number(store.id), customerId: Number(customer.id), timezone }
}

export interface ScratchInvoice {
  status: 'draft' | 'open' | 'void'
  total: number
  /** yyyy-mm-dd store days. */
  issueDate: string
  dueDate?: string | null
}

/** An invoice row as posting leaves it (number, posted_at); its figures are the views' business. */
export async function scratchInvoice(db: Db, at: { storeId: number; customerId: number }, invoice: ScratchInvoice): Promise<number> {
  const row = await one<{ id: number }>(
    db,
    sql`
    INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, due_date, discount, complimentary, status,
                          subtotal, total, amount_paid, amount_due, posted_at)
    VALUES (${at.storeId}, ${at.customerId}, 'invoice', ${invoice.status === 'draft' ? null : unique('N')},
            ${storedDay(invoice.issueDate)}::timestamptz, ${invoice.dueDate ? storedDay(invoice.dueDate) : null}::timestamptz, 0, false,
            ${invoice.status}, ${invoice.total}, ${invoice.total}, 0, ${invoice.total}, ${invoice.status === 'draft' ? null : sql`now()`})
    RETURNING id`,
  )
  return Number(row.id)
}

/** A customer payment of `amount` (its own transaction), allocated to `invoiceId`. */
export async function scratchAllocation(
  db: Db,
  at: { storeId: number; customerId: number },
  invoiceId: number,
  amount: number,
): Promise<{ transaction: number; allocation: number }> {
  const tx = await one<{ id: number }>(
    db,
    sql`
    INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
    VALUES (${at.storeId}, now(), 'income', 'payment', ${amount}, 'cash', ${at.customerId}, ${unique('R')}) RETURNING id`,
  )
  const allocation = await one<{ id: number }>(
    db,
    sql`
    INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) VALUES (${at.storeId}, ${tx.id}, ${invoiceId}, ${amount}) RETURNING id`,
  )
  return { transaction: Number(tx.id), allocation: Number(allocation.id) }
}
