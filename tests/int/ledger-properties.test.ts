/**
 * Property (fast-check): whatever sequence of checkouts, collections, deposits, advance uses,
 * invoice payments, voids, reversals, apply-advance and unapply (SPEC §9a), refunds,
 * write-offs, credit notes and deposit expiry (SPEC §9, one customer under a credit limit)
 * the counter and the owner throw at the ledger — accepted or refused — every invariant of
 * SPEC §3.10 and §9 holds afterwards and ledger:verify is clean.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  // Deposits older than a month expire (the 'expire' step backdates one first).
  world = await newWorld({ advanceExpiryMonths: 1 } as never)
})

const amount = fc.integer({ min: 1, max: 50_000 })
/** Small enough to fit what is usually owed, so payments are often accepted (and can be reversed or unapplied). */
const small = fc.integer({ min: 1, max: 15_000 })
const who = fc.integer({ min: 0, max: 1 })

const operation = fc.oneof(
  fc.record({
    op: fc.constant('checkout' as const),
    who,
    price: fc.integer({ min: 0, max: 60_000 }),
    pay: fc.oneof(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: 0, max: 20_000 })),
    useAdvance: fc.integer({ min: 0, max: 20_000 }),
    keepExcess: fc.boolean(),
    complimentary: fc.boolean(),
  }),
  fc.record({ op: fc.constant('collect' as const), who, amount: small }),
  fc.record({ op: fc.constant('deposit' as const), who, amount }),
  fc.record({ op: fc.constant('pay-invoice' as const), pick: fc.nat(), amount: small }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('apply-advance' as const), pick: fc.nat(), amount: fc.option(small, { nil: undefined }) }),
  fc.record({ op: fc.constant('unapply' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('refund' as const), pick: fc.nat(), amount: small }),
  fc.record({ op: fc.constant('write-off' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('credit-note' as const), pick: fc.nat(), amount: small }),
  fc.record({ op: fc.constant('expire' as const), pick: fc.nat() }),
)

describe('ledger invariants under random operation sequences', () => {
  it('hold after every sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 3, maxLength: 14 }), async (ops) => {
        const customers = [await newCustomer(world), await newCustomer(world)]
        // The second customer may owe at most ₹600 (SPEC §9 credit limit): some sales are refused.
        await world.api.patch(`/api/customers/${customers[1]!.id}`, { token: world.tokens.owner, body: { creditLimit: 60_000 } })
        const bills: number[] = []
        /** Money-in rows the owner may try to reverse (payments; a deposit is refused cleanly). */
        const received: number[] = []
        const payload = await testPayload()
        // Each customer starts owing ₹300 and having paid ₹100 of it, so that collections,
        // reversals, unapply and apply-advance have something to work on from the first step.
        for (const customer of customers) {
          const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Opening', quantity: 1, unitPrice: 30_000 }] })
          bills.push(sale.body.bill.id)
          const paid = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 10_000, method: 'cash' } })
          received.push(paid.body.transaction)
        }
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
            if (response.status === 201) {
              bills.push(response.body.bill.id)
              received.push(...response.body.transactions.map((tx: { id: number }) => tx.id))
            }
          } else if (step.op === 'collect') {
            response = await world.api.post(`/api/customers/${customers[step.who]!.id}/collect`, {
              token: world.tokens.cashier,
              body: { amount: step.amount, method: 'upi' },
            })
            if (response.status === 201) received.push(response.body.transaction)
          } else if (step.op === 'deposit') {
            response = await world.api.post(`/api/customers/${customers[step.who]!.id}/advances`, {
              token: world.tokens.cashier,
              body: { amount: step.amount, method: 'cash' },
            })
          } else if (step.op === 'reverse') {
            if (received.length === 0) continue
            response = await world.api.post(`/api/transactions/${received[step.pick % received.length]}/reverse`, {
              token: world.tokens.owner,
              body: { reason: 'bounced' },
            })
          } else if (step.op === 'unapply') {
            const { rows } = await payload.db.drizzle.execute(sql`
              SELECT a.id FROM allocations a JOIN transactions t ON t.id = a.transaction_id
               WHERE t.customer_id IN (${customers[0]!.id}, ${customers[1]!.id}) ORDER BY a.id`)
            if (rows.length === 0) continue
            response = await world.api.post(`/api/allocations/${Number(rows[step.pick % rows.length]!.id)}/unapply`, {
              token: world.tokens.owner,
              body: { reason: 'wrong invoice' },
            })
          } else if (step.op === 'refund' || step.op === 'expire') {
            const { rows } = await payload.db.drizzle.execute(sql`
              SELECT id FROM advance_payments WHERE customer_id IN (${customers[0]!.id}, ${customers[1]!.id}) ORDER BY id`)
            if (rows.length === 0) continue
            const depositId = Number(rows[step.pick % rows.length]!.id)
            if (step.op === 'refund') {
              response = await world.api.post(`/api/advance-payments/${depositId}/refund`, {
                token: world.tokens.owner,
                body: { amount: step.amount, method: 'cash', reason: 'cancelled' },
              })
            } else {
              // Taken long ago (created_at is not a ledger figure), then the store's policy runs.
              await payload.db.drizzle.execute(sql`UPDATE advance_payments SET created_at = '2020-01-15T06:30:00Z' WHERE id = ${depositId}`)
              response = await world.api.post('/api/advance-payments/expire', { token: world.tokens.owner, body: { store: world.store.id } })
            }
          } else if (bills.length === 0) {
            continue
          } else if (step.op === 'write-off') {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/write-off`, { token: world.tokens.owner, body: { reason: 'gone' } })
          } else if (step.op === 'credit-note') {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/credit-notes`, {
              token: world.tokens.owner,
              body: { amount: step.amount, reason: 'price corrected' },
            })
          } else if (step.op === 'apply-advance') {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/apply-advance`, {
              token: world.tokens.cashier,
              body: step.amount === undefined ? {} : { amount: step.amount },
            })
          } else if (step.op === 'pay-invoice') {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/payments`, {
              token: world.tokens.owner,
              body: { amount: step.amount, method: 'card' },
            })
            if (response.status === 201) received.push(response.body.transaction.id)
          } else {
            response = await world.api.post(`/api/invoices/${bills[step.pick % bills.length]}/void`, { token: world.tokens.owner, body: {} })
          }
          // Every answer is a success or a clean refusal — never a 5xx.
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500)
        }

        await expectLedgerClean()
        for (const customer of customers) {
          const stored = (await getCustomer(world, customer.id)) as Awaited<ReturnType<typeof getCustomer>> & { unmatchedCredit: number }
          expect(stored.pendingBalance).toBeGreaterThanOrEqual(0)
          expect(stored.advanceBalance).toBeGreaterThanOrEqual(0)
          // money kept = money in − money reversed − refunds = applied to invoices + unmatched + held, used
          // or forfeited as deposits, where a reversed payment has nothing unmatched, a reversed deposit
          // holds nothing (SPEC §9a), and a write-off or a forfeit moves no money (SPEC §9)
          const { rows } = await payload.db.drizzle.execute(sql`
            SELECT
              (SELECT coalesce(sum(CASE WHEN type = 'income' THEN amount ELSE -amount END), 0) FROM transactions
                WHERE customer_id = ${customer.id} AND ((type = 'income' AND kind <> 'advance_expiry') OR kind = 'reversal'))::bigint AS received,
              (SELECT coalesce(sum(amount), 0) FROM transactions WHERE customer_id = ${customer.id} AND kind = 'advance_refund')::bigint AS refunded,
              (SELECT coalesce(sum(a.amount), 0) FROM allocations a JOIN transactions t ON t.id = a.transaction_id
                WHERE t.customer_id = ${customer.id} AND t.kind <> 'write_off')::bigint AS applied,
              (SELECT coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM transactions r WHERE r.reversal_of_id = t.id) THEN 0
                                        ELSE t.amount - coalesce(a.sum, 0) END), 0) FROM transactions t
                 LEFT JOIN LATERAL (SELECT sum(amount) FROM allocations WHERE transaction_id = t.id) a ON true
                WHERE t.customer_id = ${customer.id} AND t.kind = 'payment')::bigint AS unmatched,
              (SELECT coalesce(sum(amount - reversed_amount - refunded_amount), 0) FROM advance_payments WHERE customer_id = ${customer.id})::bigint AS deposited,
              (SELECT coalesce(sum(amount_due), 0) FROM invoices WHERE customer_id = ${customer.id} AND status NOT IN ('draft', 'void'))::bigint AS due,
              (SELECT count(*) FROM invoices WHERE customer_id = ${customer.id}
                 AND (amount_due <> CASE WHEN status = 'void' THEN 0 ELSE total - amount_paid - credited_amount - written_off END OR amount_due < 0))::bigint AS broken`)
          const row = rows[0]!
          expect(Number(row.received) - Number(row.refunded)).toBe(Number(row.applied) + Number(row.unmatched) + Number(row.deposited))
          expect(stored.totalPaid).toBe(Number(row.received) - Number(row.refunded))
          expect(stored.unmatchedCredit).toBe(Number(row.unmatched))
          // SPEC §9: amountDue = total − amountPaid − creditedAmount − writtenOff ≥ 0, and pending is their sum.
          expect(Number(row.broken)).toBe(0)
          expect(stored.pendingBalance).toBe(Number(row.due))
        }
      }),
      { numRuns: 20 },
    )
  })
})
