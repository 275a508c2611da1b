import { randomBytes } from 'node:crypto'

import type { LineItem } from '@/domain/invoice'

import { sql, type Db } from './db'

export interface NewInvoice {
  storeId: number
  customerId: number
  kind: 'bill' | 'invoice' | 'timesheet'
  items: LineItem[]
  subtotal: number
  discount: number
  total: number
  complimentary: boolean
  issueDate?: string | null
  dueDate?: string | null
  notes?: string | null
  createdBy?: number | string | null
}

/**
 * A draft invoice with its items, written straight into Payload's tables (invoices +
 * invoices_items, whose row ids Payload keeps as 24-hex strings) — the POS hot path.
 */
export async function insertInvoice(db: Db, invoice: NewInvoice): Promise<number> {
  const { rows } = await db.execute(sql`
    INSERT INTO invoices (store_id, customer_id, kind, issue_date, due_date, discount, complimentary, status,
                          subtotal, total, amount_paid, amount_due, notes, created_by_id)
    VALUES (${invoice.storeId}, ${invoice.customerId}, ${invoice.kind}, coalesce(${invoice.issueDate ?? null}::timestamptz, now()),
            ${invoice.dueDate ?? null}::timestamptz, ${invoice.discount}, ${invoice.complimentary}, 'draft',
            ${invoice.subtotal}, ${invoice.total}, 0, ${invoice.total}, ${invoice.notes ?? null}, ${invoice.createdBy ?? null})
    RETURNING id`)
  const id = Number(rows[0]!.id)
  if (invoice.items.length > 0) {
    await db.execute(sql`
      INSERT INTO invoices_items (_order, _parent_id, id, description, quantity, unit_price)
      VALUES ${sql.join(
        invoice.items.map((item, order) => sql`(${order + 1}, ${id}, ${randomBytes(12).toString('hex')}, ${item.description}, ${item.quantity}, ${item.unitPrice})`),
        sql`, `,
      )}`)
  }
  return id
}
