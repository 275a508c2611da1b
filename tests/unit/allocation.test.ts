import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { applyInOrder, compareOldestFirst, oldestFirst, planHeldCredits, pour, type Receivable } from '@/domain/allocation'
import { heldMoney } from '@/domain/held'
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
    ).toEqual({
      applied: [
        { id: 'a', amount: 50000 },
        { id: 'b', amount: 20000 },
      ],
      leftover: 0,
    })
  })

  it('returns what is left over once everything is covered', () => {
    expect(
      applyInOrder(100, [
        { id: 'a', amount: 30 },
        { id: 'b', amount: 20 },
      ]),
    ).toEqual({
      applied: [
        { id: 'a', amount: 30 },
        { id: 'b', amount: 20 },
      ],
      leftover: 50,
    })
  })

  it('skips items that owe nothing and applies nothing for a zero amount', () => {
    expect(
      applyInOrder(10, [
        { id: 'a', amount: 0 },
        { id: 'b', amount: 25 },
      ]),
    ).toEqual({ applied: [{ id: 'b', amount: 10 }], leftover: 0 })
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
    expect(
      pour(
        [{ key: 0, amount: 50 }],
        [
          { key: 'a', amount: 0 },
          { key: 'b', amount: 20 },
          { key: 'c', amount: 0 },
        ],
      ),
    ).toEqual([{ payment: 0, target: 'b', amount: 20 }])
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

describe('oldest first — SPEC §9a: earliest due date, then issue date, then number', () => {
  const owed = (id: number, dueDay: string, issuedAt: string, number: string | null = `SAL-26-${String(id).padStart(4, '0')}`): Receivable<number> => ({
    id,
    amount: 10_000,
    dueDay,
    issuedAt,
    number,
  })

  it('a long-terms invoice issued first waits behind the overdue one and today’s bill (no terms: due on its issue day)', () => {
    const longTerms = owed(1, '2027-01-30', '2026-11-11T12:00:00.000Z')
    const overdue = owed(2, '2026-11-28', '2026-11-21T12:00:00.000Z')
    const todaysBill = owed(3, '2026-12-01', '2026-12-01T04:30:00.000Z')
    expect(oldestFirst([longTerms, overdue, todaysBill]).map((item) => item.id)).toEqual([2, 3, 1])
  })

  it('the same due day goes by issue date, then by number — numbers of one year compare as numbers (…-9999 before …-10000)', () => {
    const due = '2026-12-20'
    expect(oldestFirst([owed(1, due, '2026-11-30T12:00:00.000Z'), owed(2, due, '2026-11-25T12:00:00.000Z')]).map((item) => item.id)).toEqual([2, 1])
    const sameIssue = '2026-11-30T12:00:00.000Z'
    expect(oldestFirst([owed(1, due, sameIssue, 'SAL-26-10000'), owed(2, due, sameIssue, 'SAL-26-9999')]).map((item) => item.id)).toEqual([2, 1])
    expect(oldestFirst([owed(9, due, sameIssue, 'SAL-26-0002'), owed(4, due, sameIssue, 'SAL-26-0001')]).map((item) => item.id)).toEqual([4, 9])
    // nothing else tells them apart: the id does
    expect(oldestFirst([owed(9, due, sameIssue, 'SAL-26-0001'), owed(4, due, sameIssue, 'SAL-26-0001')]).map((item) => item.id)).toEqual([4, 9])
  })

  const dayArb = fc.integer({ min: 0, max: 40 }).map((n) => `2026-11-${String((n % 30) + 1).padStart(2, '0')}`)
  const instantArb = fc.integer({ min: 0, max: 60 }).map((n) => new Date(Date.UTC(2026, 10, 1) + n * 6 * 3_600_000).toISOString())
  const receivablesArb = fc
    .array(fc.record({ dueDay: dayArb, issuedAt: instantArb, seq: fc.integer({ min: 1, max: 12_000 }), amount: amountArb }), { maxLength: 10 })
    .map((items) => items.map((item, id) => ({ id, amount: item.amount, dueDay: item.dueDay, issuedAt: item.issuedAt, number: `SAL-26-${String(item.seq).padStart(4, '0')}` })))

  it('property: the order is total and does not depend on the order given', () => {
    fc.assert(
      fc.property(
        receivablesArb.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }))),
        ([items, shuffled]) => {
          expect(oldestFirst(shuffled)).toEqual(oldestFirst(items))
          for (const a of items) for (const b of items) expect(Math.sign(compareOldestFirst(a, b)) + Math.sign(compareOldestFirst(b, a))).toBe(0)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('property: after sorting, due days never go back; within a day issue dates never go back; within an issue date numbers rise', () => {
    fc.assert(
      fc.property(receivablesArb, (items) => {
        const sorted = oldestFirst(items)
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!]
          expect(a.dueDay <= b.dueDay).toBe(true)
          if (a.dueDay === b.dueDay) expect(Date.parse(a.issuedAt)).toBeLessThanOrEqual(Date.parse(b.issuedAt))
          if (a.dueDay === b.dueDay && a.issuedAt === b.issuedAt) expect(Number(a.number!.slice(7))).toBeLessThanOrEqual(Number(b.number!.slice(7)))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('property: money applied oldest first reaches a later-due invoice only once every earlier-due one is paid in full', () => {
    fc.assert(
      fc.property(amountArb, receivablesArb, (amount, items) => {
        const { applied } = applyInOrder(amount, oldestFirst(items))
        const got = new Map(applied.map((item) => [item.id, item.amount]))
        for (const item of applied) {
          for (const earlier of items.filter((other) => other.dueDay < items[item.id]!.dueDay)) expect(got.get(earlier.id) ?? 0).toBe(earlier.amount)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('planHeldCredits — autoApplyCredits: unmatched payments first, then deposits', () => {
  it('₹50 unmatched and a ₹200 deposit on a ₹300 invoice → ₹50 from the payment, ₹200 from the deposit', () => {
    expect(planHeldCredits({ unmatched: [{ key: 'p', amount: 5_000 }], deposits: [{ key: 'd', amount: 20_000 }], invoices: [{ key: 'i', amount: 30_000 }] })).toEqual({
      allocations: [{ payment: 'p', target: 'i', amount: 5_000 }],
      utilizations: [{ payment: 'd', target: 'i', amount: 20_000 }],
    })
  })

  const keyed = (prefix: string) => fc.array(fc.nat({ max: 50_000 }), { maxLength: 5 }).map((amounts) => amounts.map((amount, i) => ({ key: `${prefix}${i}`, amount })))

  it('property: never more than a credit holds or an invoice owes; everything that can be applied is; deposits only after the payments run out', () => {
    fc.assert(
      fc.property(keyed('p'), keyed('d'), keyed('i'), (unmatched, deposits, invoices) => {
        const plan = planHeldCredits({ unmatched, deposits, invoices })
        const total = (splits: { amount: number }[]) => sum(splits.map((split) => split.amount))
        for (const invoice of invoices) {
          const into = [...plan.allocations, ...plan.utilizations].filter((split) => split.target === invoice.key)
          expect(total(into)).toBeLessThanOrEqual(invoice.amount)
        }
        for (const credit of [...unmatched, ...deposits]) {
          expect(total([...plan.allocations, ...plan.utilizations].filter((split) => split.payment === credit.key))).toBeLessThanOrEqual(credit.amount)
        }
        const credits = total(unmatched) + total(deposits)
        expect(total(plan.allocations) + total(plan.utilizations)).toBe(Math.min(credits, total(invoices)))
        if (plan.utilizations.length > 0) expect(total(plan.allocations)).toBe(total(unmatched))
      }),
      { numRuns: 300 },
    )
  })
})

describe('held money — SPEC §9a: held = advance + unmatched, net = pending − held', () => {
  it('₹1,000 owed, ₹300 deposit, ₹400 unmatched → held ₹700, net ₹300, offer Apply', () => {
    expect(heldMoney({ pendingBalance: 100_000, advanceBalance: 30_000, unmatchedCredit: 40_000 })).toEqual({ held: 70_000, net: 30_000, canApply: true, covers: false })
  })
  it('₹200 owed while ₹290 is held: net −₹90, covered — not to be chased', () => {
    expect(heldMoney({ pendingBalance: 20_000, advanceBalance: 9_000, unmatchedCredit: 20_000 })).toEqual({ held: 29_000, net: -9_000, canApply: true, covers: true })
  })
  it('nothing owed: nothing to apply', () => {
    expect(heldMoney({ pendingBalance: 0, advanceBalance: 5_000, unmatchedCredit: 0 })).toMatchObject({ canApply: false, covers: false, net: -5_000 })
  })
})
