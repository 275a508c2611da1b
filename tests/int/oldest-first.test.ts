/**
 * "Oldest first" has one rule (SPEC §9a) stated twice: compareOldestFirst / dueDayOf in
 * src/domain/allocation.ts, and tally_open_invoices in SQL, which every allocation path
 * reads for speed. This property holds the two equal over random invoices — due dates or
 * none, issue moments across midnight, numbers across 9999/10000, in several time zones.
 * Each run writes in a transaction that is rolled back.
 */
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dueDayOf, oldestFirst } from '@/domain/allocation'
import { EMBEDDED_URI_VAR } from '@/db/connection'

let client: pg.Client
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env[EMBEDDED_URI_VAR] })
  await client.connect()
})
afterAll(async () => {
  await client.end()
})

const ZONES = ['Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Auckland', 'UTC', 'Asia/Kathmandu'] as const
const BASE = Date.UTC(2026, 10, 20)
const HOUR = 3_600_000

// numbers around 9999/10000 and issue moments that often coincide, so every tie-break is exercised
const sequenceArb = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 9_990, max: 10_010 }))
const issuedArb = fc.oneof(
  fc.integer({ min: 0, max: 7 }).map((step) => new Date(BASE + step * 9 * HOUR).toISOString()),
  fc.integer({ min: 0, max: 14 * 24 * HOUR }).map((offset) => new Date(BASE + offset).toISOString()),
)
const invoicesArb = fc.uniqueArray(sequenceArb, { minLength: 1, maxLength: 12 }).chain((sequences) =>
  fc.tuple(
    ...sequences.map((sequence) =>
      fc.record({
        sequence: fc.constant(sequence),
        // the issue moment: over two weeks, so local days differ from UTC days
        issuedAt: issuedArb,
        // a due date (date-only: noon UTC) or none (a POS bill)
        dueIn: fc.oneof(fc.constantFrom(null, 0, 3), fc.integer({ min: -5, max: 20 })),
        amountDue: fc.integer({ min: 1, max: 100_000 }),
      }),
    ),
  ),
)

describe('oldest first: SQL (tally_open_invoices) = TypeScript (compareOldestFirst)', () => {
  it('property: the same order for random open invoices in any time zone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ZONES), invoicesArb, async (timeZone, invoices) => {
        await client.query('BEGIN')
        try {
          const store = await client.query(`INSERT INTO stores (name, currency, locale, timezone, invoice_prefix) VALUES ('Order', 'INR', 'en-IN', $1, 'ORD') RETURNING id`, [
            timeZone,
          ])
          const storeId = store.rows[0].id as number
          const customer = await client.query(`INSERT INTO customers (store_id, name, phone) VALUES ($1, 'Order', '+919800000001') RETURNING id`, [storeId])
          const customerId = customer.rows[0].id as number
          const written = []
          for (const invoice of invoices) {
            const number = `ORD-26-${String(invoice.sequence).padStart(4, '0')}`
            const dueDate = invoice.dueIn === null ? null : new Date(BASE + invoice.dueIn * 24 * HOUR + 12 * HOUR).toISOString()
            const { rows } = await client.query(
              `INSERT INTO invoices (store_id, customer_id, kind, number, issue_date, due_date, status, subtotal, total, amount_paid, amount_due, posted_at)
               VALUES ($1, $2, 'invoice', $3, $4, $5, 'open', $6, $6, 0, $6, now()) RETURNING id, issue_date`,
              [storeId, customerId, number, invoice.issuedAt, dueDate, invoice.amountDue],
            )
            // the issue moment is stored as the store's calendar day (trigger invoices_calendar_days)
            const issuedAt = (rows[0].issue_date as Date).toISOString()
            written.push({ id: rows[0].id as number, amount: invoice.amountDue, number, issuedAt, dueDay: dueDayOf(dueDate, issuedAt) })
          }
          const { rows } = await client.query('SELECT id, to_char(due_day, $2) AS due_day FROM tally_open_invoices($1) ORDER BY seq', [customerId, 'YYYY-MM-DD'])
          const expected = oldestFirst(written)
          expect(rows.map((row) => row.id)).toEqual(expected.map((invoice) => invoice.id))
          expect(rows.map((row) => row.due_day)).toEqual(expected.map((invoice) => invoice.dueDay))
        } finally {
          await client.query('ROLLBACK')
        }
      }),
      {
        numRuns: 80,
        // …-10000 written before …-9999, issued at the same moment: by number, 9999 comes first
        examples: [
          [
            'UTC',
            [
              { sequence: 10_000, issuedAt: new Date(BASE).toISOString(), dueIn: null, amountDue: 1 },
              { sequence: 9_999, issuedAt: new Date(BASE).toISOString(), dueIn: null, amountDue: 1 },
            ],
          ],
        ],
      },
    )
  })
})
