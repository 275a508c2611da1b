import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { planCheckout, previewCheckout, type CheckoutPlanInput } from '@/domain/checkout'
import { RuleError } from '@/domain/errors'
import { sum } from '@/domain/money'

type Input = CheckoutPlanInput<string, string>

const base: Input = { billTotal: 0, payments: [], useAdvance: 0, deposits: [], openInvoices: [], keepExcessAsAdvance: false }
const plan = (input: Partial<Input>) => planCheckout({ ...base, ...input })

function ruleErrorOf(run: () => unknown): RuleError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError)
    return error as RuleError
  }
  throw new Error('expected a RuleError, nothing was thrown')
}

describe('planCheckout — SPEC §3 rule 2: payments cover the new bill first', () => {
  it('bill 100000 paid 40000 → billDue 60000, nothing to pending', () => {
    const result = plan({ billTotal: 100000, payments: [40000] })
    expect(result.paidOnBill).toBe(40000)
    expect(result.billDue).toBe(60000)
    expect(result.appliedToPending).toBe(0)
    expect(result.keptAsAdvance).toBe(0)
    expect(result.splits).toEqual([{ payment: 0, target: { kind: 'bill' }, amount: 40000 }])
  })

  it('pending 50000 + bill 30000 paid 80000 → appliedToPending 50000, billDue 0', () => {
    const result = plan({ billTotal: 30000, payments: [80000], openInvoices: [{ id: 'old', amount: 50000 }] })
    expect(result.paidOnBill).toBe(30000)
    expect(result.billDue).toBe(0)
    expect(result.appliedToPending).toBe(50000)
    expect(result.keptAsAdvance).toBe(0)
    expect(result.splits).toEqual([
      { payment: 0, target: { kind: 'bill' }, amount: 30000 },
      { payment: 0, target: { kind: 'invoice', id: 'old' }, amount: 50000 },
    ])
  })

  it('an excess clears older invoices oldest first', () => {
    const result = plan({
      billTotal: 10000,
      payments: [15000, 20000],
      openInvoices: [
        { id: 'jan', amount: 20000 },
        { id: 'feb', amount: 20000 },
      ],
    })
    expect(result.billDue).toBe(0)
    expect(result.appliedToPending).toBe(25000)
    expect(result.splits).toEqual([
      { payment: 0, target: { kind: 'bill' }, amount: 10000 },
      { payment: 0, target: { kind: 'invoice', id: 'jan' }, amount: 5000 },
      { payment: 1, target: { kind: 'invoice', id: 'jan' }, amount: 15000 },
      { payment: 1, target: { kind: 'invoice', id: 'feb' }, amount: 5000 },
    ])
  })

  it('split payments on one bill add up on the bill', () => {
    const result = plan({ billTotal: 100000, payments: [30000, 20000] })
    expect(result.paidOnBill).toBe(50000)
    expect(result.billDue).toBe(50000)
  })
})

describe('planCheckout — SPEC §3 rule 3: no / partial payment leaves the bill due', () => {
  it('no payment: the whole bill is due', () => {
    const result = plan({ billTotal: 50000, openInvoices: [{ id: 'old', amount: 100 }] })
    expect(result).toEqual({ advanceUses: [], splits: [], paidOnBill: 0, appliedToPending: 0, keptAsAdvance: 0, billDue: 50000 })
  })
})

describe('planCheckout — SPEC §3 rule 4: complimentary bill (total 0)', () => {
  it('nothing is due and a payment goes to older invoices', () => {
    expect(plan({ billTotal: 0 }).billDue).toBe(0)
    const result = plan({ billTotal: 0, payments: [300], openInvoices: [{ id: 'old', amount: 500 }] })
    expect(result.billDue).toBe(0)
    expect(result.paidOnBill).toBe(0)
    expect(result.appliedToPending).toBe(300)
  })
})

describe('planCheckout — SPEC §3 rule 6: advances consumed FIFO', () => {
  it('deposits [50000, 30000], useAdvance 60000 → first 50000, second 10000', () => {
    const result = plan({
      billTotal: 60000,
      useAdvance: 60000,
      deposits: [
        { id: 'first', amount: 50000 },
        { id: 'second', amount: 30000 },
      ],
    })
    expect(result.advanceUses).toEqual([
      { id: 'first', amount: 50000 },
      { id: 'second', amount: 10000 },
    ])
    expect(result.billDue).toBe(0)
    expect(result.splits).toEqual([])
  })

  it('advance and payments together: the advance reduces what payments must cover', () => {
    const result = plan({ billTotal: 100000, useAdvance: 30000, deposits: [{ id: 'd', amount: 30000 }], payments: [50000] })
    expect(result.paidOnBill).toBe(50000)
    expect(result.billDue).toBe(20000)
  })

  it('useAdvance above the advance held → RuleError "Insufficient advance balance" (422, field useAdvance)', () => {
    const error = ruleErrorOf(() =>
      plan({
        billTotal: 100000,
        useAdvance: 80001,
        deposits: [
          { id: 'a', amount: 50000 },
          { id: 'b', amount: 30000 },
        ],
      }),
    )
    expect(error.message).toBe('Insufficient advance balance')
    expect(error.field).toBe('useAdvance')
    expect(error.status).toBe(422)
  })

  it('useAdvance with no deposits at all → Insufficient advance balance', () => {
    expect(ruleErrorOf(() => plan({ billTotal: 100, useAdvance: 1 })).message).toBe('Insufficient advance balance')
  })

  it('useAdvance above the bill total → RuleError on useAdvance', () => {
    const error = ruleErrorOf(() => plan({ billTotal: 100, useAdvance: 200, deposits: [{ id: 'a', amount: 500 }] }))
    expect(error.field).toBe('useAdvance')
  })
})

describe('planCheckout — SPEC §3 rule 2: excess beyond everything owed', () => {
  it('is rejected (422, field payments) without keepExcessAsAdvance', () => {
    const error = ruleErrorOf(() => plan({ billTotal: 30000, payments: [90000], openInvoices: [{ id: 'old', amount: 50000 }] }))
    expect(error.field).toBe('payments')
    expect(error.status).toBe(422)
    expect(error.message).toContain('10000')
  })

  it('is kept as an advance with keepExcessAsAdvance', () => {
    const result = plan({ billTotal: 30000, payments: [90000], openInvoices: [{ id: 'old', amount: 50000 }], keepExcessAsAdvance: true })
    expect(result.paidOnBill).toBe(30000)
    expect(result.appliedToPending).toBe(50000)
    expect(result.keptAsAdvance).toBe(10000)
    expect(result.billDue).toBe(0)
    expect(result.splits.at(-1)).toEqual({ payment: 0, target: { kind: 'advance' }, amount: 10000 })
  })

  it('paying exactly everything owed is not an excess', () => {
    const result = plan({ billTotal: 30000, payments: [80000], openInvoices: [{ id: 'old', amount: 50000 }] })
    expect(result.keptAsAdvance).toBe(0)
  })

  it('a payment fully covered by the advance already is an excess', () => {
    const error = ruleErrorOf(() => plan({ billTotal: 500, useAdvance: 500, deposits: [{ id: 'a', amount: 500 }], payments: [1] }))
    expect(error.field).toBe('payments')
  })
})

// ---------------------------------------------------------------------------------------
// Properties over random checkouts.

const amount = fc.nat({ max: 200_000 })
const checkoutArb = fc
  .record({
    billTotal: amount,
    payments: fc.array(amount, { maxLength: 4 }),
    deposits: fc.array(amount, { maxLength: 4 }),
    openInvoices: fc.array(fc.integer({ min: 1, max: 200_000 }), { maxLength: 4 }),
    keepExcessAsAdvance: fc.boolean(),
    // Mostly a plausible advance use, sometimes anything (to reach the rejections).
    advanceChoice: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(-1)),
    anyAdvance: amount,
  })
  .map(({ billTotal, payments, deposits, openInvoices, keepExcessAsAdvance, advanceChoice, anyAdvance }) => {
    const held = sum(deposits)
    const useAdvance = advanceChoice < 0 ? anyAdvance : Math.floor(Math.min(held, billTotal) * advanceChoice)
    return {
      billTotal,
      payments,
      useAdvance,
      deposits: deposits.map((value, index) => ({ id: `d${index}`, amount: value })),
      openInvoices: openInvoices.map((value, index) => ({ id: `i${index}`, amount: value })),
      keepExcessAsAdvance,
    } satisfies Input
  })

function tryPlan(input: Input) {
  try {
    return { ok: true as const, plan: planCheckout(input) }
  } catch (error) {
    expect(error).toBeInstanceOf(RuleError)
    return { ok: false as const, error: error as RuleError }
  }
}

describe('planCheckout — properties', () => {
  it('property: it throws exactly when a rule is broken, with the right field', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const held = sum(input.deposits.map((d) => d.amount))
        const excess = sum(input.payments) - (input.billTotal - input.useAdvance) - sum(input.openInvoices.map((i) => i.amount))
        const outcome = tryPlan(input)
        if (input.useAdvance > held) {
          expect(outcome.ok).toBe(false)
          expect(!outcome.ok && outcome.error.message).toBe('Insufficient advance balance')
        } else if (input.useAdvance > input.billTotal) {
          expect(!outcome.ok && outcome.error.field).toBe('useAdvance')
        } else if (excess > 0 && !input.keepExcessAsAdvance) {
          expect(!outcome.ok && outcome.error.field).toBe('payments')
        } else {
          expect(outcome.ok).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: money is conserved — Σ advanceUses = useAdvance; paidOnBill + appliedToPending + keptAsAdvance = Σ payments', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const { plan: result } = outcome
        expect(sum(result.advanceUses.map((use) => use.amount))).toBe(input.useAdvance)
        expect(result.paidOnBill + result.appliedToPending + result.keptAsAdvance).toBe(sum(input.payments))
        expect(sum(result.splits.map((split) => split.amount))).toBe(sum(input.payments))
        input.payments.forEach((paid, index) => {
          expect(sum(result.splits.filter((split) => split.payment === index).map((split) => split.amount))).toBe(paid)
        })
      }),
      { numRuns: 300 },
    )
  })

  it('property: billDue = billTotal − useAdvance − paidOnBill ≥ 0, and payments cover the bill first', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const { plan: result } = outcome
        expect(result.billDue).toBe(input.billTotal - input.useAdvance - result.paidOnBill)
        expect(result.billDue).toBeGreaterThanOrEqual(0)
        expect(result.paidOnBill).toBe(Math.min(sum(input.payments), input.billTotal - input.useAdvance))
      }),
      { numRuns: 300 },
    )
  })

  it('property: appliedToPending ≤ Σ open invoices, each invoice gets ≤ its due, oldest first', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const { plan: result } = outcome
        const pending = sum(input.openInvoices.map((invoice) => invoice.amount))
        expect(result.appliedToPending).toBeLessThanOrEqual(pending)
        // Nothing goes to pending while the bill still has something due.
        if (result.appliedToPending > 0) expect(result.billDue).toBe(0)
        const perInvoice = input.openInvoices.map((invoice) =>
          sum(result.splits.filter((split) => split.target.kind === 'invoice' && split.target.id === invoice.id).map((split) => split.amount)),
        )
        input.openInvoices.forEach((invoice, index) => {
          expect(perInvoice[index]).toBeLessThanOrEqual(invoice.amount)
          if (perInvoice[index]! > 0) {
            for (let earlier = 0; earlier < index; earlier++) expect(perInvoice[earlier]).toBe(input.openInvoices[earlier]!.amount)
          }
        })
        expect(sum(perInvoice)).toBe(result.appliedToPending)
      }),
      { numRuns: 300 },
    )
  })

  it('property: keptAsAdvance > 0 only with keepExcessAsAdvance and when the bill and all invoices are fully paid', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const { plan: result } = outcome
        expect(result.keptAsAdvance).toBeGreaterThanOrEqual(0)
        if (result.keptAsAdvance > 0) {
          expect(input.keepExcessAsAdvance).toBe(true)
          expect(result.billDue).toBe(0)
          expect(result.appliedToPending).toBe(sum(input.openInvoices.map((invoice) => invoice.amount)))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: deposits are used FIFO — a deposit is touched only when all older ones are used up, never beyond its amount', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const used = new Map(outcome.plan.advanceUses.map((use) => [use.id, use.amount]))
        let left = input.useAdvance
        for (const deposit of input.deposits) {
          const expected = Math.min(left, deposit.amount)
          expect(used.get(deposit.id) ?? 0).toBe(expected)
          left -= expected
        }
        for (const use of outcome.plan.advanceUses) expect(use.amount).toBeGreaterThan(0)
        // Uses are listed oldest first.
        const order = outcome.plan.advanceUses.map((use) => input.deposits.findIndex((deposit) => deposit.id === use.id))
        expect([...order].sort((a, b) => a - b)).toEqual(order)
      }),
      { numRuns: 300 },
    )
  })

  it('property: every split is > 0 and targets go bill → invoices (in order) → advance', () => {
    fc.assert(
      fc.property(checkoutArb, (input) => {
        const outcome = tryPlan(input)
        if (!outcome.ok) return
        const rank = (target: (typeof outcome.plan.splits)[number]['target']) =>
          target.kind === 'bill' ? 0 : target.kind === 'advance' ? input.openInvoices.length + 1 : 1 + input.openInvoices.findIndex((i) => i.id === target.id)
        const ranks = outcome.plan.splits.map((split) => rank(split.target))
        for (const split of outcome.plan.splits) expect(split.amount).toBeGreaterThan(0)
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThanOrEqual(ranks[i - 1]!)
      }),
      { numRuns: 300 },
    )
  })
})

describe('previewCheckout — what the POS shows before Complete (issue 13)', () => {
  const preview = (input: Partial<Parameters<typeof previewCheckout>[0]>) =>
    previewCheckout({ billTotal: 0, useAdvance: 0, pending: 0, payments: [], keepExcessAsAdvance: false, ...input })

  it('a walk-in pays ₹1,000 cash for a ₹300 bill: ₹300 charged, ₹700 change, nothing owed', () => {
    const result = preview({ billTotal: 30000, payments: [{ method: 'cash', amount: 100000 }] })
    expect(result).toMatchObject({ paidNow: 30000, toBill: 30000, changeDue: 70000, billDue: 0, newOwed: 0, excess: 0, keptAsAdvance: 0 })
    expect(result.payments).toEqual([{ method: 'cash', amount: 30000, tendered: 100000 }])
  })

  it('cash tendered above the amount charged is change', () => {
    const result = preview({ billTotal: 30000, payments: [{ method: 'cash', amount: 30000, tendered: 50000 }] })
    expect(result).toMatchObject({ paidNow: 30000, changeDue: 20000 })
  })

  it('pending ₹500 + bill ₹300 paid ₹800: ₹500 goes to earlier bills, new total owed ₹0', () => {
    expect(preview({ billTotal: 30000, pending: 50000, payments: [{ method: 'upi', amount: 80000 }] })).toMatchObject({ toBill: 30000, toEarlier: 50000, newOwed: 0, changeDue: 0 })
  })

  it('bill ₹1,000 paid ₹400: ₹600 stays pending on the bill and in the new total', () => {
    expect(preview({ billTotal: 100000, pending: 20000, payments: [{ method: 'cash', amount: 40000 }] })).toMatchObject({ toBill: 40000, billDue: 60000, newOwed: 80000 })
  })

  it('a card overpayment is not change: it is flagged, or kept as an advance when asked', () => {
    expect(preview({ billTotal: 30000, payments: [{ method: 'card', amount: 50000 }] })).toMatchObject({ excess: 20000, keptAsAdvance: 0 })
    expect(preview({ billTotal: 30000, payments: [{ method: 'card', amount: 50000 }], keepExcessAsAdvance: true })).toMatchObject({ excess: 0, keptAsAdvance: 20000 })
    expect(preview({ billTotal: 30000, payments: [{ method: 'cash', amount: 50000 }], keepExcessAsAdvance: true })).toMatchObject({ keptAsAdvance: 20000, changeDue: 0 })
  })

  it('the advance pays first; payments cover the rest', () => {
    expect(preview({ billTotal: 60000, useAdvance: 60000 })).toMatchObject({ paidNow: 0, billDue: 0, newOwed: 0 })
    expect(preview({ billTotal: 60000, useAdvance: 20000, payments: [{ method: 'cash', amount: 40000 }] })).toMatchObject({ toBill: 40000, billDue: 0 })
  })

  it('a cash line with nothing applied is no payment: ₹0.01 typed as tendered gives no change (fast-check seed 1755111306)', () => {
    expect(preview({ billTotal: 0, pending: 0, payments: [{ method: 'cash', amount: 0, tendered: 1 }] })).toMatchObject({ paidNow: 0, changeDue: 0 })
  })

  it('property: what is paid, kept, changed and still owed always adds up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(
          fc.record({
            method: fc.constantFrom('cash', 'card', 'upi'),
            amount: fc.integer({ min: 0, max: 10_000_000 }),
            tendered: fc.option(fc.integer({ min: 0, max: 20_000_000 })),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        (billTotal, pending, payments, keep) => {
          const result = preview({ billTotal, pending, payments, keepExcessAsAdvance: keep })
          // A line with nothing applied (amount 0) is no payment, whatever was typed as tendered: the preview drops it.
          const given = sum(payments.filter((payment) => payment.amount > 0).map((payment) => Math.max(payment.amount, payment.method === 'cash' ? (payment.tendered ?? 0) : 0)))
          expect(result.paidNow + result.changeDue).toBe(given)
          expect(result.toBill + result.toEarlier + result.keptAsAdvance + result.excess).toBe(result.paidNow)
          expect(result.newOwed).toBe(pending + billTotal - result.toBill - result.toEarlier)
          expect(result.newOwed).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })
})
