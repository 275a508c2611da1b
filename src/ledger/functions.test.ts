/**
 * Every function, view and trigger of src/ledger/sql called directly, below the services,
 * with the numbers of SPEC §3 — each case in a transaction that is rolled back.
 */
import { describe, expect, it } from 'vitest'

import { addDays, storedDay, todayIn } from '@/domain/dates'
import { invoiceNumbering, PAYMENT_REFERENCE } from '@/domain/references'

import { one, rolledBack, scratchAllocation, scratchCustomer, scratchInvoice, type Scratch } from '../../tests/helpers/ledgerDb'
import { sql, toMinor, type Db } from './db'

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`

async function rows(db: Db, query: ReturnType<typeof sql>) {
  return (await db.execute(query)).rows
}

/** The error a statement fails with, run under a savepoint so the case can go on. */
async function failure({ client }: Scratch, text: string): Promise<string> {
  await client.query('SAVEPOINT probe')
  try {
    await client.query(text)
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT probe')
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error(`expected to fail: ${text}`)
}

describe('numbering: tally_take_counter, tally_next_reference, tally_format_reference', () => {
  it('a counter hands out a gap-free block and returns its first number; 0 takes nothing', async () => {
    await rolledBack(async ({ db }) => {
      const { storeId } = await scratchCustomer(db)
      expect(toMinor((await one(db, sql`SELECT tally_take_counter(${storeId}, 'payment', 3) AS v`)).v)).toBe(1)
      expect(toMinor((await one(db, sql`SELECT tally_take_counter(${storeId}, 'payment', 2) AS v`)).v)).toBe(4)
      expect((await one(db, sql`SELECT tally_take_counter(${storeId}, 'payment', 0) AS v`)).v).toBeNull()
      expect(toMinor((await one(db, sql`SELECT last_value FROM ledger_counters WHERE store_id = ${storeId} AND name = 'payment'`)).last_value)).toBe(5)
    })
  })

  it('the next reference of a format: PAY-000001, then SAL-26-0001 on its own counter', async () => {
    await rolledBack(async ({ db }) => {
      const { storeId } = await scratchCustomer(db)
      const next = async (format: unknown) => (await one(db, sql`SELECT tally_next_reference(${storeId}, ${json(format)}) AS r`)).r
      expect(await next(PAYMENT_REFERENCE)).toBe('PAY-000001')
      expect(await next(PAYMENT_REFERENCE)).toBe('PAY-000002')
      expect(await next(invoiceNumbering('SAL', 2026))).toBe('SAL-26-0001')
      expect(await next(invoiceNumbering('SAL', 2027))).toBe('SAL-27-0001')
    })
  })

  it('a number wider than the format is kept whole', async () => {
    await rolledBack(async ({ db }) => {
      expect((await one(db, sql`SELECT tally_format_reference(${json(PAYMENT_REFERENCE)}, 1234567) AS r`)).r).toBe('PAY-1234567')
    })
  })
})

describe('tally_open_invoices', () => {
  it('lists what is still owed, oldest issue day first, then the invoice made first', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const today = todayIn(at.timezone)
      const newer = await scratchInvoice(db, at, { status: 'open', total: 10_000, issueDate: today })
      const older = await scratchInvoice(db, at, { status: 'open', total: 20_000, issueDate: addDays(today, -5) })
      const sameDay = await scratchInvoice(db, at, { status: 'open', total: 30_000, issueDate: today })
      await scratchInvoice(db, at, { status: 'draft', total: 5_000, issueDate: addDays(today, -9) })
      const list = await rows(db, sql`SELECT id, amount_due, seq FROM tally_open_invoices(${at.customerId}) ORDER BY seq`)
      expect(list.map((row) => [Number(row.id), toMinor(row.amount_due), Number(row.seq)])).toEqual([
        [older, 20_000, 1],
        [newer, 10_000, 2],
        [sameDay, 30_000, 3],
      ])
    })
  })
})

describe('tally_insert_deposit and deposit_figures', () => {
  it('writes the deposit, the income that brought it and their link; used and refunded money leave the rest', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const made = await one(
        db,
        sql`
        SELECT * FROM tally_insert_deposit(${at.storeId}, ${at.customerId}, 50000, 'upi', 'booking', 'B-7', 'UTR-1', 'UTR-1', 'Advance', NULL, NULL)`,
      )
      const deposit = await one(db, sql`SELECT amount, remaining_amount, status, transaction_id, payment_reference FROM advance_payments WHERE id = ${made.deposit_id}`)
      expect(deposit).toMatchObject({ status: 'active', transaction_id: made.transaction_id, payment_reference: 'UTR-1' })
      expect(toMinor(deposit.remaining_amount)).toBe(50_000)
      const tx = await one(db, sql`SELECT type, kind, amount, reference, advance_payment_id FROM transactions WHERE id = ${made.transaction_id}`)
      expect(tx).toMatchObject({ type: 'income', kind: 'advance_deposit', reference: 'UTR-1', advance_payment_id: made.deposit_id })
      expect(made.reference).toBe('UTR-1')

      const invoice = await scratchInvoice(db, at, { status: 'open', total: 30_000, issueDate: todayIn(at.timezone) })
      await db.execute(sql`INSERT INTO advance_utilizations (store_id, advance_payment_id, invoice_id, amount) VALUES (${at.storeId}, ${made.deposit_id}, ${invoice}, 30000)`)
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, advance_payment_id, reference)
        VALUES (${at.storeId}, now(), 'expense', 'advance_refund', 20000, 'cash', ${at.customerId}, ${made.deposit_id}, 'REF-1')`)
      const figures = await one(db, sql`SELECT * FROM deposit_figures WHERE id = ${made.deposit_id}`)
      expect([toMinor(figures.utilized_amount), toMinor(figures.refunded_amount), toMinor(figures.remaining_amount), figures.status]).toEqual([30_000, 20_000, 0, 'refunded'])
    })
  })
})

describe('tally_refresh_customer_ledger and customer_figures', () => {
  it('a ₹1,000 bill paid ₹400 leaves ₹600 pending; the stored fields follow the views', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 100_000, issueDate: todayIn(at.timezone) })
      await scratchAllocation(db, at, invoice, 40_000)
      const balances = await one(db, sql`SELECT * FROM tally_refresh_customer_ledger(${at.customerId}, ARRAY[${invoice}]::integer[])`)
      expect([toMinor(balances.pending_balance), toMinor(balances.advance_balance)]).toEqual([60_000, 0])
      const stored = await one(db, sql`SELECT amount_paid, amount_due, status FROM invoices WHERE id = ${invoice}`)
      expect([toMinor(stored.amount_paid), toMinor(stored.amount_due), stored.status]).toEqual([40_000, 60_000, 'partial'])
      const customer = await one(db, sql`SELECT * FROM customer_figures WHERE id = ${at.customerId}`)
      expect([toMinor(customer.total_billed), toMinor(customer.total_paid)]).toEqual([100_000, 40_000])
    })
  })
})

describe('tally_lock_for_checkout', () => {
  it('answers the customer with its store, deposits (oldest first) and open invoices; NULL for an unknown id', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db, { prefix: 'LCK' })
      const first = await one(db, sql`SELECT deposit_id FROM tally_insert_deposit(${at.storeId}, ${at.customerId}, 500, 'cash', 'direct', NULL, NULL, 'D-1', NULL, NULL, NULL)`)
      const second = await one(db, sql`SELECT deposit_id FROM tally_insert_deposit(${at.storeId}, ${at.customerId}, 300, 'cash', 'direct', NULL, NULL, 'D-2', NULL, NULL, NULL)`)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 700, issueDate: todayIn(at.timezone) })
      const locked = (await one<{ locked: Record<string, unknown> }>(db, sql`SELECT tally_lock_for_checkout(${at.customerId}) AS locked`)).locked
      expect(locked).toMatchObject({ id: at.customerId, store_id: at.storeId, invoice_prefix: 'LCK', timezone: at.timezone })
      // the receipt's header comes with the lock: a checkout reads the store no second time
      await db.execute(sql`UPDATE stores SET address = '12 MG Road, Pune', phone = '+91 98765 43210' WHERE id = ${at.storeId}`)
      const again = (await one<{ locked: Record<string, unknown> }>(db, sql`SELECT tally_lock_for_checkout(${at.customerId}) AS locked`)).locked
      expect([again.store_address, again.store_phone]).toEqual(['12 MG Road, Pune', '+91 98765 43210'])
      expect(locked.deposits).toEqual([
        [first.deposit_id, 500],
        [second.deposit_id, 300],
      ])
      expect(locked.invoices).toEqual([[invoice, 700]])
      expect((await one(db, sql`SELECT tally_lock_for_checkout(-1) AS locked`)).locked).toBeNull()
    })
  })
})

describe('tally_checkout_post', () => {
  it('posts the bill SAL-YY-0001 paid ₹400 of ₹1,000, pays an older bill, keeps ₹50 as advance — references numbered in line order', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db, { prefix: 'SAL' })
      const older = await scratchInvoice(db, at, { status: 'open', total: 20_000, issueDate: addDays(todayIn(at.timezone), -3) })
      await db.execute(sql`SELECT * FROM tally_refresh_customer_ledger(${at.customerId}, ARRAY[${older}]::integer[])`)
      const year = Number(todayIn(at.timezone).slice(0, 4))
      const posted = (
        await one<{ posted: { bill: Record<string, unknown>; transactions: { reference: string; amount: number }[]; pending_balance: number; advance_balance: number } }>(
          db,
          sql`SELECT tally_checkout_post(${json({
            store: at.storeId,
            customer: at.customerId,
            createdBy: null,
            numbering: invoiceNumbering('SAL', year),
            references: PAYMENT_REFERENCE,
            numberedReferences: 2,
            // An unregistered store's bill (SPEC §12): no tax, the line's taxable value its amount.
            bill: {
              subtotal: 100_000,
              discount: 0,
              total: 100_000,
              complimentary: false,
              notes: null,
              taxTreatment: 'unregistered',
              pricesIncludeTax: false,
              supplierGstin: null,
              customerGstin: null,
              placeOfSupply: null,
              taxTotal: 0,
              cgst: 0,
              sgst: 0,
              igst: 0,
            },
            items: [{ id: 'a'.repeat(24), description: 'Hair colour', quantity: 1, unitPrice: 100_000, service: null, sac: null, taxRate: 0, taxable: 100_000, tax: 0 }],
            advanceUses: [],
            lines: [
              { method: 'upi', applied: 40_000, kept: 0, paymentReference: 'UTR-9', depositReference: null, toInvoices: [{ invoice: null, amount: 40_000 }] },
              { method: 'cash', applied: 20_000, kept: 5_000, paymentReference: null, depositReference: null, toInvoices: [{ invoice: older, amount: 20_000 }] },
            ],
          })}) AS posted`,
        )
      ).posted
      expect(posted.bill).toMatchObject({ number: `SAL-${String(year).slice(2)}-0001`, status: 'partial', total: 100_000, amount_paid: 40_000, amount_due: 60_000 })
      expect(posted.transactions.map((tx) => [tx.reference, tx.amount])).toEqual([
        ['UTR-9', 40_000],
        ['PAY-000001', 20_000],
        ['PAY-000002', 5_000],
      ])
      expect([posted.pending_balance, posted.advance_balance]).toEqual([60_000, 5_000])
      expect((await one(db, sql`SELECT status FROM invoices WHERE id = ${older}`)).status).toBe('paid')
    })
  })
})

describe('tally_collect_post', () => {
  it('₹700 collected over ₹500 owed: one payment allocated, ₹200 kept as a deposit with the typed reference on the payment', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 50_000, issueDate: todayIn(at.timezone) })
      const posted = (
        await one<{ posted: { transaction: { reference: string }; deposit: number; pending_balance: number; advance_balance: number } }>(
          db,
          sql`SELECT tally_collect_post(${json({
            store: at.storeId,
            customer: at.customerId,
            createdBy: null,
            method: 'bank_transfer',
            references: PAYMENT_REFERENCE,
            numberedReferences: 1,
            paymentReference: 'UTR-7781',
            depositReference: null,
            notes: 'NEFT',
            date: null,
            collected: 50_000,
            leftover: 20_000,
            applied: [{ invoice, amount: 50_000 }],
          })}) AS posted`,
        )
      ).posted
      expect(posted.transaction.reference).toBe('UTR-7781')
      expect([posted.pending_balance, posted.advance_balance]).toEqual([0, 20_000])
      const deposit = await one(
        db,
        sql`SELECT t.reference, a.payment_reference FROM advance_payments a JOIN transactions t ON t.id = a.transaction_id WHERE a.id = ${posted.deposit}`,
      )
      expect(deposit).toEqual({ reference: 'PAY-000001', payment_reference: null })
    })
  })
})

describe('tally_store_calendar_day and the invoices_calendar_days trigger', () => {
  it('an instant becomes noon UTC of the store day; a stored day stays', async () => {
    await rolledBack(async ({ db }) => {
      // 21:40 UTC on 1 Dec is 03:10 on 2 Dec in Kolkata.
      const moved = await one(db, sql`SELECT tally_store_calendar_day('2026-12-01T21:40:00Z', 'Asia/Kolkata') AS day`)
      expect(new Date(moved.day as string).toISOString()).toBe('2026-12-02T12:00:00.000Z')
      const kept = await one(db, sql`SELECT tally_store_calendar_day('2026-12-01T12:00:00Z', 'Pacific/Auckland') AS day`)
      expect(new Date(kept.day as string).toISOString()).toBe('2026-12-01T12:00:00.000Z')
      const at = await scratchCustomer(db)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 1, issueDate: '2026-12-01' })
      await db.execute(sql`UPDATE invoices SET due_date = '2026-12-01T21:40:00Z' WHERE id = ${invoice}`)
      expect(new Date((await one(db, sql`SELECT due_date FROM invoices WHERE id = ${invoice}`)).due_date as string).toISOString()).toBe(storedDay('2026-12-02'))
    })
  })
})

describe('report summaries: tally_daily_flow, the daily totals trigger, rebuild, compaction', () => {
  it('classifies one row: income, advance refund, expense, money out', async () => {
    await rolledBack(async ({ db }) => {
      const flows = await rows(
        db,
        sql`
        SELECT f.* FROM (VALUES ('income', 'payment'), ('expense', 'advance_refund'), ('expense', 'expense'), ('expense', 'card_payment')) AS t(type, kind)
        CROSS JOIN LATERAL tally_daily_flow(t.type, t.kind, 100) f`,
      )
      expect(flows.map((f) => [f.income, f.advance_refunds, f.expenses, f.money_out].map(Number))).toEqual([
        [100, 0, 0, 0],
        [0, 100, 0, 100],
        [0, 0, 100, 100],
        [0, 0, 0, 100],
      ])
    })
  })

  it("the statement trigger adds inserts to this backend's row; the rebuild and the compaction fold them into slot 0 with the same sums", async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
        VALUES (${at.storeId}, now(), 'income', 'payment', 60000, 'cash', ${at.customerId}, 'T-1'),
               (${at.storeId}, now(), 'expense', 'expense', 25000, 'cash', NULL, 'T-2')`)
      const sums = async () =>
        one(
          db,
          sql`SELECT count(*) AS n, sum(income) AS income, sum(expenses) AS expenses, sum(money_out) AS out, min(slot) AS slot FROM ledger_daily_totals WHERE store_id = ${at.storeId}`,
        )
      const before = await sums()
      expect([Number(before.income), Number(before.expenses), Number(before.out)]).toEqual([60_000, 25_000, 25_000])
      expect(Number(before.slot)).not.toBe(0)
      await db.execute(sql`SELECT tally_daily_totals_rebuild(${at.storeId})`)
      const rebuilt = await sums()
      expect([Number(rebuilt.n), Number(rebuilt.slot), Number(rebuilt.income), Number(rebuilt.out)]).toEqual([1, 0, 60_000, 25_000])
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
        VALUES (${at.storeId}, now(), 'income', 'payment', 1000, 'cash', ${at.customerId}, 'T-3')`)
      expect(Number((await one(db, sql`SELECT tally_compact_report_totals() AS folded`)).folded)).toBeGreaterThanOrEqual(1)
      const compacted = await sums()
      expect([Number(compacted.n), Number(compacted.slot), Number(compacted.income)]).toEqual([1, 0, 61_000])
    })
  })

  it('a new store time zone moves the day of every entry (stores_timezone_totals)', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db, { timezone: 'UTC' })
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
        VALUES (${at.storeId}, '2026-12-01T20:00:00Z', 'income', 'payment', 500, 'cash', ${at.customerId}, 'T-1')`)
      await db.execute(sql`UPDATE stores SET timezone = 'Asia/Kolkata' WHERE id = ${at.storeId}`)
      const day = await one(db, sql`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM ledger_daily_totals WHERE store_id = ${at.storeId}`)
      expect(day.day).toBe('2026-12-02')
    })
  })

  it('invoice_status_totals follows every status change (track, add) and the rebuild agrees', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 10_000, issueDate: todayIn(at.timezone) })
      await scratchAllocation(db, at, invoice, 10_000)
      await db.execute(sql`SELECT * FROM tally_refresh_customer_ledger(${at.customerId}, ARRAY[${invoice}]::integer[])`)
      const totals = async () =>
        rows(
          db,
          sql`
        SELECT status::text, sum(count)::int AS count, sum(total)::bigint AS total FROM invoice_status_totals WHERE store_id = ${at.storeId}
         GROUP BY 1 HAVING sum(count) <> 0 ORDER BY 1`,
        )
      expect(await totals()).toEqual([{ status: 'paid', count: 1, total: '10000' }])
      await db.execute(sql`SELECT tally_invoice_totals_rebuild(${at.storeId})`)
      expect(await totals()).toEqual([{ status: 'paid', count: 1, total: '10000' }])
      await db.execute(sql`SELECT tally_invoice_totals_add(${at.storeId}, 'open', 2, 5, 5, 0)`)
      expect(await totals()).toContainEqual({ status: 'open', count: 2, total: '10' })
    })
  })
})

describe('unmatched_payments: tally_unmatched_sync and its deferred triggers', () => {
  it('holds the unallocated part of a payment at COMMIT; a full allocation removes it', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const invoice = await scratchInvoice(db, at, { status: 'open', total: 30_000, issueDate: todayIn(at.timezone) })
      const tx = await one<{ id: number }>(
        db,
        sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, customer_id, reference)
        VALUES (${at.storeId}, now(), 'income', 'payment', 50000, 'cash', ${at.customerId}, 'U-1') RETURNING id`,
      )
      await db.execute(sql`INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) VALUES (${at.storeId}, ${tx.id}, ${invoice}, 30000)`)
      await db.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`) // what COMMIT would run
      expect(toMinor((await one(db, sql`SELECT amount FROM unmatched_payments WHERE transaction_id = ${tx.id}`)).amount)).toBe(20_000)
      await db.execute(sql`INSERT INTO allocations (store_id, transaction_id, invoice_id, amount) VALUES (${at.storeId}, ${tx.id}, ${invoice}, 20000)`)
      await db.execute(sql`SELECT tally_unmatched_sync(${tx.id})`)
      expect(await rows(db, sql`SELECT 1 FROM unmatched_payments WHERE transaction_id = ${tx.id}`)).toEqual([])
    })
  })
})

describe('tally_ledger_append_only', () => {
  it.each(['transactions', 'allocations', 'advance_utilizations'])('%s refuses TRUNCATE', async (table) => {
    await rolledBack(async (scratch) => {
      expect(await failure(scratch, `TRUNCATE ${table} CASCADE`)).toMatch(`append-only: TRUNCATE on ${table}`)
    })
  })

  it('an UPDATE or DELETE of a ledger row names the rule', async () => {
    await rolledBack(async (scratch) => {
      const at = await scratchCustomer(scratch.db)
      const invoice = await scratchInvoice(scratch.db, at, { status: 'open', total: 100, issueDate: todayIn(at.timezone) })
      const { transaction } = await scratchAllocation(scratch.db, at, invoice, 100)
      expect(await failure(scratch, `UPDATE transactions SET amount = 1 WHERE id = ${transaction}`)).toMatch(/append-only: UPDATE on transactions/)
      expect(await failure(scratch, `DELETE FROM allocations WHERE transaction_id = ${transaction}`)).toMatch(/append-only: DELETE on allocations/)
    })
  })
})

describe('statement_figures and payable_figures', () => {
  it('a closed statement of ₹1,000 in charges, one ₹200 charge reversed, ₹300 paid: ₹500 due; its payable follows it', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const card = await one<{ id: number }>(
        db,
        sql`
        INSERT INTO credit_cards (store_id, name, last4, cardholder, currency, closing_day, due_day, active)
        VALUES (${at.storeId}, 'Biz', '1234', 'Owner', 'INR', 25, 12, true) RETURNING id`,
      )
      const today = todayIn(at.timezone)
      const statement = await one<{ id: number }>(
        db,
        sql`
        INSERT INTO credit_card_invoices (store_id, credit_card_id, start_date, end_date, due_date, is_closed, total_amount, purchases_count,
                                          billing_period_days, amount_paid, amount_due, status)
        VALUES (${at.storeId}, ${card.id}, ${storedDay(addDays(today, -30))}::timestamptz, ${storedDay(addDays(today, -1))}::timestamptz,
                ${storedDay(addDays(today, 10))}::timestamptz, true, 0, 0, 30, 0, 0, 'open') RETURNING id`,
      )
      const charge = async (amount: number, reference: string) =>
        one<{ id: number }>(
          db,
          sql`
          INSERT INTO transactions (store_id, date, type, kind, amount, method, credit_card_id, credit_card_invoice_id, reference)
          VALUES (${at.storeId}, now() - interval '2 days', 'expense', 'expense', ${amount}, 'credit_card', ${card.id}, ${statement.id}, ${reference}) RETURNING id`,
        )
      await charge(80_000, 'C-1')
      const reversed = await charge(20_000, 'C-2')
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, credit_card_id, credit_card_invoice_id, reversal_of_id, reference)
        VALUES (${at.storeId}, now(), 'income', 'reversal', 20000, 'credit_card', ${card.id}, ${statement.id}, ${reversed.id}, 'C-2R')`)
      await db.execute(sql`
        INSERT INTO transactions (store_id, date, type, kind, amount, method, credit_card_id, credit_card_invoice_id, reference)
        VALUES (${at.storeId}, now(), 'expense', 'card_payment', 30000, 'bank_transfer', ${card.id}, ${statement.id}, 'P-1')`)
      const figures = await one(db, sql`SELECT * FROM statement_figures WHERE id = ${statement.id}`)
      expect([figures.total_amount, figures.purchases_count, figures.amount_paid, figures.amount_due, figures.status].map(String)).toEqual([
        '80000',
        '1',
        '30000',
        '50000',
        'partial',
      ])
      await db.execute(sql`
        UPDATE credit_card_invoices s SET total_amount = f.total_amount, amount_paid = f.amount_paid, amount_due = f.amount_due
          FROM statement_figures f WHERE f.id = s.id AND s.id = ${statement.id}`)
      const payable = await one<{ id: number }>(
        db,
        sql`
        INSERT INTO payment_statuses (store_id, name, payment_type, month_year, due_date, expected_amount, currency, credit_card_invoice_id, amount_paid, status)
        VALUES (${at.storeId}, 'Biz ••1234', 'credit_card', ${today.slice(0, 7)}, ${storedDay(addDays(today, 10))}::timestamptz, 0, 'INR', ${statement.id}, 0, 'pending')
        RETURNING id`,
      )
      const owed = await one(db, sql`SELECT * FROM payable_figures WHERE id = ${payable.id}`)
      expect([owed.expected_amount, owed.amount_paid, owed.status].map(String)).toEqual(['80000', '30000', 'partial'])
    })
  })
})
