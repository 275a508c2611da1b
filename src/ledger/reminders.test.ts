/**
 * SPEC §11's SQL, called directly below the services (each case rolled back):
 * tally_reminder_send_on, and the triggers that plan and cancel reminders
 * (invoices_plan_reminders → tally_plan_invoice_reminders, reminder_rules_plan →
 * tally_plan_rule_reminders).
 */
import { describe, expect, it } from 'vitest'

import { one, rolledBack, scratchCustomer, scratchInvoice } from '../../tests/helpers/ledgerDb'
import { sql, type Db } from './db'

const dayOf = async (db: Db, query: ReturnType<typeof sql>) => String((await one(db, query)).d)

async function rule(db: Db, storeId: number, offsetDays: number, channel = 'email', active = true) {
  return Number(
    (
      await one(
        db,
        sql`INSERT INTO reminder_rules (store_id, offset_days, channel, template, active) VALUES (${storeId}, ${offsetDays}, ${channel}, 'Hi {name}', ${active}) RETURNING id`,
      )
    ).id,
  )
}

async function reminders(db: Db, invoiceId: number) {
  const { rows } = await db.execute(sql`
    SELECT r.status, r.reason, (r.send_on AT TIME ZONE 'UTC')::date::text AS send_on, rr.offset_days::int AS offset
      FROM reminders r LEFT JOIN reminder_rules rr ON rr.id = r.rule_id WHERE r.invoice_id = ${invoiceId} ORDER BY r.send_on, r.id`)
  return rows
}

describe('tally_reminder_send_on', () => {
  it('the due day plus the offset, as a stored calendar day; a bill without a due date counts from its issue day', async () => {
    await rolledBack(async ({ db }) => {
      const on = (due: string | null, issue: string, offset: number) =>
        dayOf(
          db,
          sql`SELECT (tally_reminder_send_on(${due ? `${due}T12:00:00Z` : null}::timestamptz, ${`${issue}T12:00:00Z`}::timestamptz, ${offset}) AT TIME ZONE 'UTC')::text AS d`,
        )
      expect(await on('2026-01-31', '2026-01-01', 30)).toBe('2026-03-02 12:00:00')
      expect(await on('2026-03-01', '2026-02-01', -1)).toBe('2026-02-28 12:00:00')
      expect(await on(null, '2028-02-28', 1)).toBe('2028-02-29 12:00:00')
      expect(await on('2026-12-31', '2026-12-01', 0)).toBe('2026-12-31 12:00:00')
    })
  })
})

describe('the planning triggers', () => {
  it('posting plans one row per active step; a second update plans nothing more; clearing cancels; due again brings them back', async () => {
    await rolledBack(async ({ db }) => {
      const { storeId, customerId } = await scratchCustomer(db)
      await rule(db, storeId, 0)
      await rule(db, storeId, 7, 'sms')
      await rule(db, storeId, 15, 'manual', false)
      const invoice = await scratchInvoice(db, { storeId, customerId }, { status: 'open', total: 10_000, issueDate: '2026-11-01', dueDate: '2026-11-10' })
      expect(await reminders(db, invoice)).toEqual([
        { status: 'scheduled', reason: null, send_on: '2026-11-10', offset: 0 },
        { status: 'scheduled', reason: null, send_on: '2026-11-17', offset: 7 },
      ])
      await db.execute(sql`UPDATE invoices SET amount_due = amount_due WHERE id = ${invoice}`)
      expect(await reminders(db, invoice)).toHaveLength(2)
      await db.execute(sql`UPDATE invoices SET due_date = '2026-11-20T12:00:00Z' WHERE id = ${invoice}`)
      expect((await reminders(db, invoice)).map((row) => row.send_on)).toEqual(['2026-11-20', '2026-11-27'])
      await db.execute(sql`UPDATE invoices SET amount_due = 0, amount_paid = 10000, status = 'paid' WHERE id = ${invoice}`)
      expect((await reminders(db, invoice)).map((row) => [row.status, row.reason])).toEqual([
        ['cancelled', 'cleared'],
        ['cancelled', 'cleared'],
      ])
      await db.execute(sql`UPDATE invoices SET amount_due = 4000, amount_paid = 6000, status = 'partial' WHERE id = ${invoice}`)
      expect((await reminders(db, invoice)).map((row) => row.status)).toEqual(['scheduled', 'scheduled'])
    })
  })

  it('a draft plans nothing; a step added later is planned for what is due; one turned off cancels its own', async () => {
    await rolledBack(async ({ db }) => {
      const { storeId, customerId } = await scratchCustomer(db)
      const draft = await scratchInvoice(db, { storeId, customerId }, { status: 'draft', total: 5_000, issueDate: '2026-11-01', dueDate: '2026-11-05' })
      const open = await scratchInvoice(db, { storeId, customerId }, { status: 'open', total: 5_000, issueDate: '2026-11-01', dueDate: '2026-11-05' })
      const step = await rule(db, storeId, 3)
      expect(await reminders(db, draft)).toEqual([])
      expect(await reminders(db, open)).toEqual([{ status: 'scheduled', reason: null, send_on: '2026-11-08', offset: 3 }])
      await db.execute(sql`UPDATE reminder_rules SET active = false WHERE id = ${step}`)
      expect((await reminders(db, open)).map((row) => [row.status, row.reason])).toEqual([['cancelled', 'rule changed']])
    })
  })
})
