/**
 * Where the SQL restates a rule of src/domain for speed, the two are held equal here over
 * random ledgers (fast-check): the TypeScript is the oracle, the views and functions must
 * answer the same. Each case runs in a transaction that is rolled back.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { AGING_BUCKETS, agingBucket, daysPastDue, emptyBuckets } from '@/domain/aging'
import { applyInOrder, dueDayOf, oldestFirst, type Receivable } from '@/domain/allocation'
import { addDays, storedDay, todayIn } from '@/domain/dates'
import { INVOICE_STATUSES, invoiceStatus, isOpenStatus, OPEN_INVOICE_STATUSES } from '@/domain/invoice'
import { formatReference, lineReferences, numberedReferences, PAYMENT_REFERENCE } from '@/domain/references'
import { agingReport } from '@/services/reports/aging'

import { one, rolledBack, scratchAllocation, scratchCustomer, scratchInvoice } from '../../tests/helpers/ledgerDb'
import { sql, toMinor, type Db } from './db'
import { postCollect } from './post'
import { refreshCustomerLedger } from './refresh'

const ZONES = ['Asia/Kolkata', 'America/New_York', 'Pacific/Auckland', 'UTC'] as const

/** The store's today as the database sees it inside this transaction (now() is the transaction's start). */
async function storeTodayInDb(db: Db, timezone: string): Promise<string> {
  const row = await one<{ now: Date | string }>(db, sql`SELECT now() AS now`)
  return todayIn(timezone, new Date(row.now))
}

describe('invoice_figures = invoiceStatus (domain/invoice.ts)', () => {
  it('property: amount paid, amount due and status of random invoices with payments, reversals and advance uses', async () => {
    const invoice = fc.record({
      status: fc.constantFrom('draft' as const, 'open' as const, 'void' as const),
      total: fc.integer({ min: 0, max: 100_000 }),
      issuedDaysAgo: fc.integer({ min: 0, max: 90 }),
      // Around today most of the time: the overdue boundary is the day after the due date.
      dueInDays: fc.option(fc.oneof(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -60, max: 60 }))),
      payments: fc.array(fc.record({ percent: fc.integer({ min: 1, max: 100 }), reversed: fc.boolean() }), { maxLength: 3 }),
      advancePercent: fc.integer({ min: 0, max: 100 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ZONES), fc.array(invoice, { minLength: 1, maxLength: 5 }), (timezone, invoices) =>
        rolledBack(async ({ db }) => {
          const at = await scratchCustomer(db, { timezone })
          const today = await storeTodayInDb(db, timezone)
          for (const spec of invoices) {
            const dueDate = spec.dueInDays === null ? null : addDays(today, spec.dueInDays)
            const id = await scratchInvoice(db, at, { status: spec.status, total: spec.total, issueDate: addDays(today, -spec.issuedDaysAgo), dueDate })
            let paid = 0
            for (const payment of spec.payments) {
              const amount = Math.floor(((spec.total - paid) * payment.percent) / 100)
              if (amount <= 0) continue
              const { transaction, allocation } = await scratchAllocation(db, at, id, amount)
              if (payment.reversed) {
                await db.execute(sql`
                  INSERT INTO allocations (store_id, transaction_id, invoice_id, amount, reversal_of_id)
                  VALUES (${at.storeId}, ${transaction}, ${id}, ${-amount}, ${allocation})`)
              } else paid += amount
            }
            const used = Math.floor(((spec.total - paid) * spec.advancePercent) / 100)
            if (used > 0) {
              const deposit = await one<{ deposit_id: number }>(
                db,
                sql`
                SELECT deposit_id FROM tally_insert_deposit(${at.storeId}, ${at.customerId}, ${used}, 'cash', 'direct', NULL, NULL, ${`ADV-${id}`}, NULL, NULL, NULL)`,
              )
              await db.execute(sql`
                INSERT INTO advance_utilizations (store_id, advance_payment_id, invoice_id, amount) VALUES (${at.storeId}, ${deposit.deposit_id}, ${id}, ${used})`)
              paid += used
            }
            const figures = await one(db, sql`SELECT amount_paid, amount_due, status FROM invoice_figures WHERE id = ${id}`)
            const voided = spec.status === 'void'
            expect({ amountPaid: toMinor(figures.amount_paid), amountDue: toMinor(figures.amount_due), status: figures.status }).toEqual({
              amountPaid: paid,
              amountDue: voided ? 0 : spec.total - paid,
              status: invoiceStatus({ posted: spec.status !== 'draft', voided, total: spec.total, amountPaid: paid, dueDate, today }),
            })
          }
        }),
      ),
      { numRuns: 40 },
    )
  })
})

describe('money applied oldest first = applyInOrder over oldestFirst (domain/allocation.ts) — tally_open_invoices', () => {
  it('property: a collection pays the open invoices in the oracle order, never more than each owes; the excess is kept', async () => {
    const invoice = fc.record({
      issuedDaysAgo: fc.integer({ min: 0, max: 20 }),
      dueAfterIssue: fc.option(fc.integer({ min: 0, max: 20 })),
      total: fc.integer({ min: 1, max: 50_000 }),
      paidPercent: fc.integer({ min: 0, max: 100 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(invoice, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 200_000 }), (invoices, amount) =>
        rolledBack(async ({ db }) => {
          const at = await scratchCustomer(db)
          const today = await storeTodayInDb(db, at.timezone)
          const made: (Receivable<number> & { due: number })[] = []
          for (const spec of invoices) {
            const issueDate = addDays(today, -spec.issuedDaysAgo)
            const dueDate = spec.dueAfterIssue === null ? null : addDays(issueDate, spec.dueAfterIssue)
            const id = await scratchInvoice(db, at, { status: 'open', total: spec.total, issueDate, dueDate })
            const paid = Math.floor((spec.total * spec.paidPercent) / 100)
            if (paid > 0) await scratchAllocation(db, at, id, paid)
            const { number } = await one<{ number: string }>(db, sql`SELECT number FROM invoices WHERE id = ${id}`)
            made.push({ id, amount: spec.total - paid, due: spec.total - paid, dueDay: dueDayOf(dueDate, issueDate), issuedAt: storedDay(issueDate), number })
          }
          await refreshCustomerLedger(
            db,
            at.customerId,
            made.map((invoice) => invoice.id),
          )

          const oracle = oldestFirst(made.filter((invoice) => invoice.due > 0)).map((invoice) => ({ id: invoice.id, amount: invoice.due }))
          const locked = await one<{ locked: { invoices: [number, number][] } }>(db, sql`SELECT tally_lock_for_checkout(${at.customerId}) AS locked`)
          const inSql = locked.locked.invoices.map(([id, due]) => ({ id: Number(id), amount: Number(due) }))
          expect(inSql).toEqual(oracle)

          const { applied, leftover } = applyInOrder(amount, inSql)
          const references = lineReferences({ applied: amount - leftover, kept: leftover, given: null })
          await postCollect(db, {
            store: at.storeId,
            customer: at.customerId,
            createdBy: null,
            method: 'cash',
            references: PAYMENT_REFERENCE,
            numberedReferences: numberedReferences([references]),
            paymentReference: references.payment ?? null,
            depositReference: references.deposit ?? null,
            notes: null,
            date: null,
            collected: amount - leftover,
            leftover,
            applied: applied.map((allocation) => ({ invoice: allocation.id, amount: allocation.amount })),
          })
          const expected = applyInOrder(amount, oracle)
          for (const invoice of made) {
            const row = await one(db, sql`SELECT amount_due FROM invoices WHERE id = ${invoice.id}`)
            const took = expected.applied.find((allocation) => allocation.id === invoice.id)?.amount ?? 0
            expect(toMinor(row.amount_due)).toBe(invoice.due - took)
          }
          const customer = await one(db, sql`SELECT advance_balance FROM customers WHERE id = ${at.customerId}`)
          expect(toMinor(customer.advance_balance)).toBe(expected.leftover)
        }),
      ),
      { numRuns: 40 },
    )
  })
})

describe('aging report buckets = agingBucket(daysPastDue) (domain/aging.ts)', () => {
  it('property: every open invoice lands in the bucket of its days past due, per customer and in total', async () => {
    // Days past due on and around every bucket boundary, and anywhere.
    const boundary = fc.constantFrom(-1, 0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91)
    const invoice = fc.record({
      customer: fc.integer({ min: 0, max: 2 }),
      amount: fc.integer({ min: 1, max: 90_000 }),
      late: fc.oneof(boundary, fc.integer({ min: -30, max: 200 })),
      dueAfterIssue: fc.option(fc.integer({ min: 0, max: 30 })),
    })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ZONES), fc.array(invoice, { minLength: 1, maxLength: 8 }), (timezone, invoices) =>
        rolledBack(async ({ db }) => {
          const first = await scratchCustomer(db, { timezone })
          const customers = [first.customerId]
          for (let index = 1; index < 3; index++) {
            const row = await one<{ id: number }>(
              db,
              sql`
              INSERT INTO customers (store_id, name, phone, pending_balance, advance_balance, total_billed, total_paid, visits, services_count, active_rentals)
              VALUES (${first.storeId}, ${`Customer ${index}`}, ${`+9170000000${index}${first.storeId}`}, 0, 0, 0, 0, 0, 0, 0) RETURNING id`,
            )
            customers.push(Number(row.id))
          }
          const today = await storeTodayInDb(db, timezone)
          const totals = emptyBuckets()
          const perCustomer = new Map<number, ReturnType<typeof emptyBuckets>>()
          for (const spec of invoices) {
            const customerId = customers[spec.customer]!
            const dueDate = spec.dueAfterIssue === null ? null : addDays(today, -spec.late)
            const issueDate = dueDate === null ? addDays(today, -Math.max(0, spec.late)) : addDays(dueDate, -spec.dueAfterIssue!)
            await scratchInvoice(db, { storeId: first.storeId, customerId }, { status: 'open', total: spec.amount, issueDate, dueDate })
            const bucket = agingBucket(daysPastDue(today, dueDate, issueDate))
            totals[bucket] += spec.amount
            const line = perCustomer.get(customerId) ?? emptyBuckets()
            line[bucket] += spec.amount
            perCustomer.set(customerId, line)
          }
          const report = await agingReport(db, { id: first.storeId, timezone }, { limit: null, page: 1 })
          expect(report.buckets).toEqual(totals)
          for (const line of report.customers) {
            expect(Object.fromEntries(AGING_BUCKETS.map((bucket) => [bucket, line[bucket]]))).toEqual(perCustomer.get(line.customer))
          }
          expect(report.customers).toHaveLength(perCustomer.size)
        }),
      ),
      { numRuns: 40 },
    )
  })
})

describe('references: tally_format_reference = formatReference (domain/references.ts)', () => {
  it('property: any prefix, width and number read the same in both', async () => {
    const format = fc.record({ prefix: fc.stringMatching(/^[A-Z]{1,4}-(\d{2}-)?$/), digits: fc.integer({ min: 1, max: 8 }) })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(format, fc.integer({ min: 0, max: 10 ** 12 })), { minLength: 1, maxLength: 50 }), (cases) =>
        rolledBack(async ({ db }) => {
          const { rows } = await db.execute(sql`
            SELECT tally_format_reference(f, v) AS text
              FROM unnest(${`{${cases.map(([f]) => JSON.stringify(JSON.stringify(f))).join(',')}}`}::jsonb[], ${`{${cases.map(([, v]) => v).join(',')}}`}::bigint[])
                   WITH ORDINALITY AS c(f, v, n)
             ORDER BY n`)
          expect(rows.map((row) => row.text)).toEqual(cases.map(([f, v]) => formatReference(f, v)))
        }),
      ),
      { numRuns: 30 },
    )
  })
})

describe('open statuses: OPEN_INVOICE_STATUSES (domain/invoice.ts) is what the SQL restates', () => {
  it('tally_open_invoices returns exactly the invoices of an open status', async () => {
    await rolledBack(async ({ db }) => {
      const at = await scratchCustomer(db)
      const ids = new Map<number, string>()
      for (const status of INVOICE_STATUSES) {
        const id = await scratchInvoice(db, at, { status: status === 'draft' ? 'draft' : 'open', total: 1_000, issueDate: todayIn(at.timezone) })
        await db.execute(sql`UPDATE invoices SET status = ${status}::enum_invoices_status WHERE id = ${id}`)
        ids.set(id, status)
      }
      const { rows } = await db.execute(sql`SELECT id FROM tally_open_invoices(${at.customerId})`)
      expect(rows.map((row) => ids.get(Number(row.id))).sort()).toEqual([...OPEN_INVOICE_STATUSES].sort())
      expect(INVOICE_STATUSES.filter(isOpenStatus)).toEqual([...OPEN_INVOICE_STATUSES])
    })
  })

  it('the partial index the lock reads through has the same statuses in its predicate', async () => {
    await rolledBack(async ({ db }) => {
      const row = await one<{ def: string }>(db, sql`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'invoices_customer_open_idx'`)
      const listed = [...row.def.matchAll(/'(\w+)'::enum_invoices_status/g)].map((match) => match[1])
      expect(listed.sort()).toEqual([...OPEN_INVOICE_STATUSES].sort())
    })
  })
})
