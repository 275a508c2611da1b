import { describe, expect, it } from 'vitest'

import { checkHeader, checkOpeningRows, planImport } from '@/domain/openingBalances'

const options = { currency: 'INR', region: 'IN' as const }

describe('opening balances: checking a paper ledger row by row (SPEC §9 import)', () => {
  it('reads amounts as a person writes them into minor units; an empty amount is 0', () => {
    const { rows, errors } = checkOpeningRows(
      [
        { name: 'Asha', phone: '98765 43210', pending: '1,200.50', advance: '', notes: 'old book p.4' },
        { Name: 'Ravi', ' PHONE ': '+91 91234 56789', pending: '0', advance: '₹500' },
      ],
      options,
    )
    expect(errors).toEqual([])
    expect(rows).toEqual([
      { row: 2, name: 'Asha', phone: '+919876543210', pending: 120050, advance: 0, notes: 'old book p.4' },
      { row: 3, name: 'Ravi', phone: '+919123456789', pending: 0, advance: 50000, notes: null },
    ])
  })

  it('names the row and field of every error, and keeps the good rows', () => {
    const { rows, errors } = checkOpeningRows(
      [
        { name: 'Bad phone', phone: '12', pending: '10' },
        { name: 'Negative', phone: '9876543211', pending: '-5' },
        { name: 'Paise', phone: '9876543212', advance: '1.005' },
        { name: 'No phone', phone: '' },
        { name: 'Fine', phone: '9876543213', pending: '99' },
      ],
      options,
    )
    expect(errors).toEqual([
      { row: 2, field: 'phone', message: '"12" is not a valid phone number' },
      { row: 3, field: 'pending', message: '"-5" is not an amount (e.g. 1200 or 1,200.50, not negative)' },
      { row: 4, field: 'advance', message: '"1.005" is not an amount (e.g. 1200 or 1,200.50, not negative)' },
      { row: 5, field: 'phone', message: 'is required' },
    ])
    expect(rows.map((row) => row.row)).toEqual([6])
  })

  it('a phone twice in one file is an error on the later row (the same number written two ways)', () => {
    const { rows, errors } = checkOpeningRows(
      [
        { name: 'A', phone: '9876543210', pending: '100' },
        { name: 'A again', phone: '+91 98765-43210', pending: '100' },
      ],
      { ...options, firstRow: 502 },
    )
    expect(rows).toHaveLength(1)
    expect(errors).toEqual([{ row: 503, field: 'phone', message: '+919876543210 is already on row 502 of this file' }])
  })

  it('a file without a phone or name column is refused on row 1', () => {
    expect(checkHeader(['Name', 'pending'])).toEqual([{ row: 1, field: 'phone', message: 'the file has no "phone" column (expected: name, phone, pending, advance, notes)' }])
    expect(checkHeader(['\uFEFFname', 'phone'])).toEqual([])
  })
})

describe('planImport: idempotent by store, phone, amounts and import key', () => {
  const rows = checkOpeningRows(
    [
      { name: 'New', phone: '9876543210', pending: '100' },
      { name: 'Known', phone: '9876543211', advance: '50' },
      { name: 'Again', phone: '9876543212', pending: '10', advance: '5' },
      { name: 'Changed', phone: '9876543213', pending: '20' },
      { name: '', phone: '9876543214', pending: '1' },
    ],
    options,
  ).rows

  it('creates new customers, posts for known ones, skips rows already imported, refuses changed amounts and nameless new customers', () => {
    const plan = planImport(
      rows,
      new Set(['+919876543211', '+919876543212', '+919876543213']),
      new Map([
        ['+919876543212', { pending: 1000, advance: 500 }],
        ['+919876543213', { pending: 1500, advance: 0 }],
      ]),
    )
    expect(plan.actions).toEqual([
      { row: 2, phone: '+919876543210', action: 'create' },
      { row: 3, phone: '+919876543211', action: 'update' },
      { row: 4, phone: '+919876543212', action: 'skip' },
    ])
    expect(plan.errors).toEqual([
      { row: 5, field: 'pending', message: '+919876543213 was already imported with pending 1500 and advance 0; correct it on the customer page' },
      { row: 6, field: 'name', message: 'is required for a new customer' },
    ])
  })
})
