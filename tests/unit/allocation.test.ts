import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { applyInOrder, pour } from '@/domain/allocation'
import { sum } from '@/domain/money'

const amountArb = fc.nat({ max: 1_000_000 })
/** Owed items keyed by their position, so order and identity can be checked. */
const owedArb = fc.array(amountArb, { maxLength: 8 }).map((amounts) => amounts.map((amount, id) => ({ id, amount })))

describe('applyInOrder — SPEC §3 rules 5 and 6: oldest first, never more than owed', () => {
  it('covers the oldest first and spills into the next', () => {
    expect(
      applyInOrder(70000, [
        { id: 'a', amount: 50000 },
        { id: 'b', amount: 30000 },
        { id: 'c', amount: 10000 },
      ]),
    ).toEqual({ applied: [{ id: 'a', amount: 50000 }, { id: 'b', amount: 20000 }], leftover: 0 })
  })

  it('returns what is left over once everything is covered', () => {
    expect(applyInOrder(100, [{ id: 'a', amount: 30 }, { id: 'b', amount: 20 }])).toEqual({
      applied: [{ id: 'a', amount: 30 }, { id: 'b', amount: 20 }],
      leftover: 50,
    })
  })

  it('skips items that owe nothing and applies nothing for a zero amount', () => {
    expect(applyInOrder(10, [{ id: 'a', amount: 0 }, { id: 'b', amount: 25 }])).toEqual({ applied: [{ id: 'b', amount: 10 }], leftover: 0 })
    expect(applyInOrder(0, [{ id: 'a', amount: 5 }])).toEqual({ applied: [], leftover: 0 })
    expect(applyInOrder(7, [])).toEqual({ applied: [], leftover: 7 })
  })

  it('property: Σ applied + leftover = amount', () => {
    fc.assert(
      fc.property(amountArb, owedArb, (amount, owed) => {
        const { applied, leftover } = applyInOrder(amount, owed)
        expect(sum(applied.map((item) => item.amount)) + leftover).toBe(amount)
        expect(leftover).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 300 },
    )
  })

  it('property: every applied amount is > 0 and ≤ what that item owes', () => {
    fc.assert(
      fc.property(amountArb, owedArb, (amount, owed) => {
        for (const item of applyInOrder(amount, owed).applied) {
          expect(item.amount).toBeGreaterThan(0)
          expect(item.amount).toBeLessThanOrEqual(owed[item.id]!.amount)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: the given order is kept (each item at most once, ids increasing)', () => {
    fc.assert(
      fc.property(amountArb, owedArb, (amount, owed) => {
        const ids = applyInOrder(amount, owed).applied.map((item) => item.id)
        for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!)
      }),
      { numRuns: 300 },
    )
  })

  it('property: FIFO — an item is touched only if every earlier item is fully covered', () => {
    fc.assert(
      fc.property(amountArb, owedArb, (amount, owed) => {
        const { applied } = applyInOrder(amount, owed)
        const got = new Map(applied.map((item) => [item.id, item.amount]))
        for (const item of applied) {
          for (const earlier of owed.slice(0, item.id)) expect(got.get(earlier.id) ?? 0).toBe(earlier.amount)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: leftover > 0 only when everything owed is fully covered', () => {
    fc.assert(
      fc.property(amountArb, owedArb, (amount, owed) => {
        const { applied, leftover } = applyInOrder(amount, owed)
        const covered = sum(applied.map((item) => item.amount))
        if (leftover > 0) expect(covered).toBe(sum(owed.map((item) => item.amount)))
        expect(covered).toBe(Math.min(amount, sum(owed.map((item) => item.amount))))
      }),
      { numRuns: 300 },
    )
  })
})

describe('pour — several payments into several targets, in order', () => {
  it('the first payment fills the first target and spills into the next', () => {
    expect(
      pour(
        [
          { key: 'cash', amount: 700 },
          { key: 'upi', amount: 500 },
        ],
        [
          { key: 'bill', amount: 1000 },
          { key: 'old', amount: 300 },
        ],
      ),
    ).toEqual([
      { payment: 'cash', target: 'bill', amount: 700 },
      { payment: 'upi', target: 'bill', amount: 300 },
      { payment: 'upi', target: 'old', amount: 200 },
    ])
  })

  it('skips empty targets and stops when the targets are full', () => {
    expect(pour([{ key: 0, amount: 50 }], [{ key: 'a', amount: 0 }, { key: 'b', amount: 20 }, { key: 'c', amount: 0 }])).toEqual([
      { payment: 0, target: 'b', amount: 20 },
    ])
    expect(pour([{ key: 0, amount: 50 }], [])).toEqual([])
    expect(pour([], [{ key: 'a', amount: 50 }])).toEqual([])
  })

  const keyed = (amounts: number[]) => amounts.map((amount, key) => ({ key, amount }))
  const listArb = fc.array(fc.nat({ max: 100_000 }), { maxLength: 6 }).map(keyed)

  it('property: every split is > 0; per payment Σ ≤ payment; per target Σ ≤ target', () => {
    fc.assert(
      fc.property(listArb, listArb, (payments, targets) => {
        const splits = pour(payments, targets)
        for (const split of splits) expect(split.amount).toBeGreaterThan(0)
        for (const payment of payments) {
          expect(sum(splits.filter((split) => split.payment === payment.key).map((split) => split.amount))).toBeLessThanOrEqual(payment.amount)
        }
        for (const target of targets) {
          expect(sum(splits.filter((split) => split.target === target.key).map((split) => split.amount))).toBeLessThanOrEqual(target.amount)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: total poured = min(Σ payments, Σ targets)', () => {
    fc.assert(
      fc.property(listArb, listArb, (payments, targets) => {
        const poured = sum(pour(payments, targets).map((split) => split.amount))
        expect(poured).toBe(Math.min(sum(payments.map((p) => p.amount)), sum(targets.map((t) => t.amount))))
      }),
      { numRuns: 300 },
    )
  })

  it('property: targets are filled in order — target k+1 only once target k is full; payments used in order', () => {
    fc.assert(
      fc.property(listArb, listArb, (payments, targets) => {
        const splits = pour(payments, targets)
        const intoTarget = targets.map(() => 0)
        const fromPayment = payments.map(() => 0)
        for (const split of splits) {
          for (let k = 0; k < split.target; k++) expect(intoTarget[k]).toBe(targets[k]!.amount)
          for (let p = 0; p < split.payment; p++) expect(fromPayment[p]).toBe(payments[p]!.amount)
          intoTarget[split.target]! += split.amount
          fromPayment[split.payment]! += split.amount
        }
        // Target and payment indexes never go back.
        for (let i = 1; i < splits.length; i++) {
          expect(splits[i]!.target).toBeGreaterThanOrEqual(splits[i - 1]!.target)
          expect(splits[i]!.payment).toBeGreaterThanOrEqual(splits[i - 1]!.payment)
        }
      }),
      { numRuns: 300 },
    )
  })
})
