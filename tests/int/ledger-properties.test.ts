/**
 * Property (fast-check): whatever sequence of checkouts, collections, deposits, advance uses,
 * invoice payments and voids the counter throws at the ledger — accepted or refused — every
 * invariant of SPEC §3.10 holds afterwards and ledger:verify is clean.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})

const amount = fc.integer({ min: 1, max: 50_000 })
const who = fc.integer({ min: 0, max: 1 })

const operation = fc.oneof(
  fc.record({
    op: fc.constant('checkout' as const),
    who,
    price: fc.integer({ min: 0, max: 60_000 }),
    pay: fc.integer({ min: 0, max: 80_000 }),
    useAdvance: fc.integer({ min: 0, max: 20_000 }),
    keepExcess: fc.boolean(),
    complimentary: fc.boolean(),
  }),
  fc.record({ op: fc.constant('collect' as const), who, amount }),
  fc.record({ op: fc.constant('deposit' as const), who, amount }),
  fc.record({ op: fc.constant('pay-invoice' as const), pick: fc.nat(), amount }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
)

describe('ledger invariants under random operation sequences', () => {
  it('hold after every sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 3, maxLength: 12 }), async (ops) => {
        const customers = [await newCustomer(world), await newCustomer(world)]
        const bills: number[] = []
        for (const step of ops) {
          let response: { status: number; body: any }
          if (step.op === 'checkout') {
            response = await checkoutAs(world, world.tokens.cashier, {
              customer: customers[step.who]!.id,
              items: [{ description: 'Service', quantity: 1, unitPrice: step.price }],
              complimentary: step.complimentary,
              payments: step.complimentary || step.pay === 0 ? [] : [{ method: 'cash', amount: step.pay }],
              useAdvance: step.complimentary ? 0 : step.useAdvance,
              keepExcessAsAdvance: step.keepExcess,
            })
            if (response.status === 201) bills.push(response.body.bill.id)
          } else if (step.op === 'collect') {
            response = await world.api.post(`/api/customers/${customers[step.who]!.id}/collect`, {
              token: world.tokens.cashier,
              body: { amount: step.amount, method: 'upi' },
            })
          } else if (step.op === 'deposit') {
            response = await world.api.post(`/api/customers/${customers[step.who]!.id}/advances`, {
              token: world.tokens.cashier,
              body: { amount: step.amount, method: 'cash' },
            })
          } else if (bills.length === 0) {
            continue
          } else if (step.op === 'pay-invoice') {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/payments`, {
              token: world.tokens.owner,
              body: { amount: step.amount, method: 'card' },
            })
          } else {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/void`, { token: world.tokens.owner, body: {} })
          }
          // Every answer is a success or a clean refusal — never a 5xx.
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500)
        }

        await expectLedgerClean()
        const payload = await testPayload()
        for (const customer of customers) {
          const stored = await getCustomer(world, customer.id)
          expect(stored.pendingBalance).toBeGreaterThanOrEqual(0)
          expect(stored.advanceBalance).toBeGreaterThanOrEqual(0)
          // money in = what was applied to invoices + what is held or was held as advance + unmatched
          const { rows } = await payload.db.drizzle.execute(sql`
            SELECT
              (SELECT coalesce(sum(amount), 0) FROM transactions WHERE customer_id = ${customer.id} AND type = 'income')::bigint AS received,
              (SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN transactions t ON t.id = a.transaction_id WHERE t.customer_id = ${customer.id})::bigint AS applied,
              (SELECT coalesce(sum(t.amount), 0) - coalesce(sum(a.sum), 0) FROM transactions t
                 LEFT JOIN LATERAL (SELECT sum(amount) FROM allocations WHERE transaction_id = t.id) a ON true
                WHERE t.customer_id = ${customer.id} AND t.kind = 'payment')::bigint AS unmatched,
              (SELECT coalesce(sum(amount), 0) FROM advance_payments WHERE customer_id = ${customer.id})::bigint AS deposited`)
          const row = rows[0]!
          expect(Number(row.received)).toBe(Number(row.applied) + Number(row.unmatched) + Number(row.deposited))
          expect(stored.totalPaid).toBe(Number(row.received))
        }
      }),
      { numRuns: 15 },
    )
  })
})
