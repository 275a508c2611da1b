/**
 * SPEC §9 opening balances: POST /api/customers/import?store=ID[&dryRun=true] with a CSV in
 * the multipart field `file` — find or create by phone, an `opening` invoice for pending and a
 * `direct` deposit for advance dated the import day, rows already imported skipped, a dry run
 * writing nothing; and 10,000 rows, timed, imported twice.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@/ledger/db'

import { storeToday, storeYear2 } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { expectLedgerClean, getCustomer, ledgerCounts, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(async () => {
  await expectLedgerClean()
})

const csv = (...lines: string[]) => ['name,phone,pending,advance,notes', ...lines].join('\n')
const upload = (w: World, content: string, query = '', token = w.tokens.owner) => w.api.upload(`/api/customers/import?store=${w.store.id}${query}`, { token, content })

async function rowsOf(table: 'invoices' | 'advance_payments' | 'customers', storeId: number) {
  const db = (await testPayload()).db.drizzle as unknown as { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: Record<string, unknown>[] }> }
  const { rows } = await db.execute(sql`SELECT count(*) AS n FROM ${sql.raw(table)} WHERE store_id = ${storeId}`)
  return Number(rows[0]!.n)
}

/** A distinct valid Indian mobile per index (98xxxxxxxx). */
const mobile = (base: number, index: number) =>
  `9${String(base * 100_000 + index)
    .padStart(9, '0')
    .slice(-9)}`

describe('POST /api/customers/import', () => {
  it('creates new customers, posts for known ones, lists bad rows; a dry run first writes nothing', async () => {
    const w = await newWorld()
    const known = await newCustomer(w, 'Known Customer')
    const file = csv(
      'Asha Rao,98765 11111,"1,200.50",,old book p.4',
      `Known again,${known.phone},300,500,`,
      'Bad phone,12345,10,,',
      'Negative,9876522222,-5,,',
      ',9876533333,100,,',
    )

    const dry = await upload(w, file, '&dryRun=true')
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, updated: 1, skipped: 0 })
    expect(dry.body.rows).toEqual([
      { row: 2, action: 'create' },
      { row: 3, action: 'update' },
    ])
    expect(dry.body.errors).toEqual([
      { row: 4, field: 'phone', message: '"12345" is not a valid phone number' },
      { row: 5, field: 'pending', message: '"-5" is not an amount (e.g. 1200 or 1,200.50, not negative)' },
      { row: 6, field: 'name', message: 'is required for a new customer' },
    ])
    expect(await rowsOf('customers', w.store.id)).toBe(1)
    expect(await rowsOf('invoices', w.store.id)).toBe(0)

    const done = await upload(w, file)
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ dryRun: false, created: 1, updated: 1, skipped: 0 })
    expect(done.body.errors).toHaveLength(3)

    const { body: found } = await w.api.get(`/api/customers?where[phone][equals]=%2B919876511111&depth=0`, { token: w.tokens.owner })
    const asha = found.docs[0]
    expect(asha).toMatchObject({ name: 'Asha Rao', pendingBalance: 120_050, advanceBalance: 0, totalBilled: 120_050, totalPaid: 0, visits: 0 })
    const { body: invoices } = await w.api.get(`/api/invoices?where[customer][equals]=${asha.id}&depth=0`, { token: w.tokens.owner })
    expect(invoices.docs).toHaveLength(1)
    // OB- numbers, apart from the store's bills (the rows are posted in phone order).
    expect(invoices.docs[0]).toMatchObject({
      kind: 'opening',
      number: expect.stringMatching(new RegExp(`^OB-${storeYear2()}-000[12]$`)),
      status: 'open',
      total: 120_050,
      amountDue: 120_050,
    })
    expect(invoices.docs[0].issueDate.slice(0, 10)).toBe(storeToday())
    expect(invoices.docs[0].dueDate.slice(0, 10)).toBe(storeToday())

    expect(await getCustomer(w, known.id)).toMatchObject({ pendingBalance: 30_000, advanceBalance: 50_000 })
    const { body: deposits } = await w.api.get(`/api/advance-payments?where[customer][equals]=${known.id}&depth=0`, { token: w.tokens.owner })
    expect(deposits.docs).toEqual([expect.objectContaining({ referenceType: 'direct', referenceId: 'import:opening', amount: 50_000, status: 'active', remainingAmount: 50_000 })])

    // Money received before Tally is not revenue of the import day.
    const dashboard = await w.api.get(`/api/reports/dashboard?store=${w.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: w.tokens.owner })
    expect(dashboard.body).toMatchObject({ revenue: 0, moneyReceived: 0, pendingTotal: 150_050, advancesHeld: 50_000 })
  })

  it('the same file twice imports nothing new; a changed amount for an imported phone is an error, another import key imports again', async () => {
    const w = await newWorld()
    const file = csv('One,9811100001,100,,', 'Two,9811100002,,250,')
    expect((await upload(w, file)).body).toMatchObject({ created: 2, updated: 0, skipped: 0, errors: [] })
    const counts = await ledgerCounts()
    expect((await upload(w, file)).body).toMatchObject({ created: 0, updated: 0, skipped: 2, errors: [] })
    expect(await ledgerCounts()).toEqual(counts)

    const changed = await upload(w, csv('One,9811100001,999,,'))
    expect(changed.body).toMatchObject({ created: 0, updated: 0, skipped: 0 })
    expect(changed.body.errors).toEqual([
      { row: 2, field: 'pending', message: '+919811100001 was already imported with pending ₹100.00 and advance ₹0.00; correct it on the customer page' },
    ])
    const again = await upload(w, csv('One,9811100001,999,,'), '&importKey=second-book')
    expect(again.body).toMatchObject({ created: 0, updated: 1, skipped: 0, errors: [] })
  })

  it('two uploads of one file at once import each row once', async () => {
    const w = await newWorld()
    const file = csv(...Array.from({ length: 40 }, (_, index) => `Race ${index},${mobile(7, index)},${index + 1},${index % 3},`))
    const [a, b] = await Promise.all([upload(w, file), upload(w, file)])
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.body.created + b.body.created + a.body.updated + b.body.updated).toBe(40)
    expect(await rowsOf('customers', w.store.id)).toBe(40)
    expect(await rowsOf('invoices', w.store.id)).toBe(40)
  })

  it('new customers take the store’s default credit limit', async () => {
    const w = await newWorld({ defaultCreditLimit: 500_000 } as never)
    await upload(w, csv('Limited,9822200001,100,,'))
    const { body } = await w.api.get('/api/customers?where[phone][equals]=%2B919822200001&depth=0', { token: w.tokens.owner })
    expect(body.docs[0].creditLimit).toBe(500_000)
  })

  it('refuses what it cannot read: no file, a missing column, a bad query; owners only; another store is 404', async () => {
    const noFile = await world.api.post(`/api/customers/import?store=${world.store.id}`, { token: world.tokens.owner, body: {} })
    expect(noFile.status).toBe(400)
    expect(noFile.body.errors[0].data.errors[0].path).toBe('file')

    const noPhone = await upload(world, 'name,pending\nA,1')
    expect(noPhone.status).toBe(400)
    expect(noPhone.body.errors[0].data.errors).toEqual([{ path: 'file', message: 'the file has no "phone" column (expected: name, phone, pending, advance, notes)' }])

    const badQuery = await world.api.upload('/api/customers/import?store=abc&dryRun=maybe', { token: world.tokens.owner, content: csv() })
    expect(badQuery.status).toBe(400)
    expect(badQuery.body.errors[0].data.errors.map((error: { path: string }) => error.path).sort()).toEqual(['dryRun', 'store'])

    expect((await upload(world, csv('A,9833300001,1,,'), '', world.tokens.cashier)).status).toBe(403)
    expect((await world.api.upload(`/api/customers/import?store=${world.store.id}`, { content: csv() })).status).toBe(401)
    expect((await world.api.upload(`/api/customers/import?store=${world.otherStore.id}`, { token: world.tokens.owner, content: csv('A,9833300001,1,,') })).status).toBe(404)
    expect(await rowsOf('invoices', world.otherStore.id)).toBe(0)
  })
})

describe('10,000 rows', () => {
  it('imports a 10,000-row paper ledger (timed), and the same file again imports nothing new', async () => {
    const w = await newWorld()
    const lines = Array.from({ length: 10_000 }, (_, index) => {
      const pending = index % 4 === 0 ? '' : String(100 + (index % 997))
      const advance = index % 5 === 0 ? String(50 + (index % 89)) : ''
      return `Customer ${index},${mobile(5, index)},${pending},${advance},row ${index}`
    })
    const file = csv(...lines)

    let started = performance.now()
    const dry = await upload(w, file, '&dryRun=true')
    const dryMs = performance.now() - started
    expect(dry.body).toMatchObject({ created: 10_000, updated: 0, skipped: 0, errors: [] })

    started = performance.now()
    const first = await upload(w, file)
    const importMs = performance.now() - started
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ created: 10_000, updated: 0, skipped: 0, errors: [] })

    started = performance.now()
    const second = await upload(w, file)
    const againMs = performance.now() - started
    expect(second.body).toMatchObject({ created: 0, updated: 0, skipped: 10_000, errors: [] })

    console.info(`[import timing] 10,000 rows: dry run ${(dryMs / 1000).toFixed(1)} s, import ${(importMs / 1000).toFixed(1)} s, same file again ${(againMs / 1000).toFixed(1)} s`)
    expect(await rowsOf('customers', w.store.id)).toBe(10_000)
    expect(await rowsOf('invoices', w.store.id)).toBe(7_500)
    expect(await rowsOf('advance_payments', w.store.id)).toBe(2_000)
    const dashboard = await w.api.get(`/api/reports/dashboard?store=${w.store.id}&from=${storeToday()}&to=${storeToday()}`, { token: w.tokens.owner })
    const expectedPending = lines.reduce((total, _, index) => total + (index % 4 === 0 ? 0 : (100 + (index % 997)) * 100), 0)
    expect(dashboard.body.pendingTotal).toBe(expectedPending)
  }, 600_000)
})
