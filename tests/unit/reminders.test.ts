/** SPEC §11 rules as pure functions: quiet hours, templates, the latest due step, promises. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { clockIn, inQuietHours, latestDueSteps, promiseStatus, renderTemplate, unknownPlaceholders } from '@/domain/reminders'

describe('quiet hours on the store’s clock', () => {
  it('21:00–09:00 crosses midnight: 22:30 and 08:59 are quiet, 09:00 and 20:59 are not', () => {
    expect(inQuietHours('22:30', '21:00', '09:00')).toBe(true)
    expect(inQuietHours('08:59', '21:00', '09:00')).toBe(true)
    expect(inQuietHours('09:00', '21:00', '09:00')).toBe(false)
    expect(inQuietHours('20:59', '21:00', '09:00')).toBe(false)
    expect(inQuietHours('21:00', '21:00', '09:00')).toBe(true)
  })
  it('13:00–14:00 within a day; none by default; an empty window is never quiet', () => {
    expect(inQuietHours('13:30', '13:00', '14:00')).toBe(true)
    expect(inQuietHours('14:00', '13:00', '14:00')).toBe(false)
    expect(inQuietHours('03:00', null, null)).toBe(false)
    expect(inQuietHours('03:00', '03:00', '03:00')).toBe(false)
  })
  it('a window and its complement split the day: every minute is quiet in exactly one of them', () => {
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    fc.assert(
      fc.property(clock, clock, clock, (now, start, end) => {
        fc.pre(start !== end)
        expect(inQuietHours(now, start, end)).toBe(!inQuietHours(now, end, start))
      }),
    )
  })
  it('the store’s clock, not the server’s: 19:00 UTC is 00:30 in Kolkata', () => {
    expect(clockIn('Asia/Kolkata', Date.parse('2026-12-31T19:00:00Z'))).toBe('00:30')
    expect(clockIn('America/New_York', Date.parse('2026-12-31T19:00:00Z'))).toBe('14:00')
  })
})

describe('templates', () => {
  it('fills {name} {amount} {dueDate} {link}, and names unknown placeholders', () => {
    expect(renderTemplate('Hi {name}, {amount} due {dueDate}: {link} {name}', { name: 'Asha', amount: '₹600.00', dueDate: '1 Dec 2026', link: 'https://t/s/x' })).toBe(
      'Hi Asha, ₹600.00 due 1 Dec 2026: https://t/s/x Asha',
    )
    expect(unknownPlaceholders('Hi {name}, {amont} by {date}')).toEqual(['amont', 'date'])
    expect(unknownPlaceholders('Hi {name}')).toEqual([])
  })
})

describe('only the latest due step of an invoice goes out', () => {
  it('steps 0, 3 and 7 all due: 7 is sent, 0 and 3 superseded; another invoice keeps its own', () => {
    const due = [
      { id: 1, invoice: 10, offsetDays: 0 },
      { id: 2, invoice: 10, offsetDays: 3 },
      { id: 3, invoice: 10, offsetDays: 7 },
      { id: 4, invoice: 11, offsetDays: 0 },
      { id: 5, invoice: null, offsetDays: 0 },
    ]
    const { send, superseded } = latestDueSteps(due)
    expect(send.map((step) => step.id).sort()).toEqual([3, 4, 5])
    expect(superseded.map((step) => step.id)).toEqual([1, 2])
  })
})

describe('promises (SPEC §11)', () => {
  it('kept when payments reach the amount by the day, broken the day after, open until then', () => {
    const promise = { amount: 60_000, date: '2026-12-31' }
    expect(promiseStatus(promise, 30_000, '2026-12-20')).toBe('open')
    expect(promiseStatus(promise, 30_000, '2026-12-31')).toBe('open')
    expect(promiseStatus(promise, 30_000, '2027-01-01')).toBe('broken')
    expect(promiseStatus(promise, 60_000, '2026-12-20')).toBe('kept')
    expect(promiseStatus(promise, 60_000, '2027-02-01')).toBe('kept')
  })
})
