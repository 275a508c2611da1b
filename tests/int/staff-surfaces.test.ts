/**
 * Issue 13: what staff touch — the admin's saves of posted invoices, cash tendered and change
 * at the POS, money in messages, references of expenses, the customer page's reads.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { TEST_PASSWORD } from '../helpers/factories'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld({ invoicePrefix: 'STF' })
})
afterEach(expectLedgerClean)

const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

/** Every key of every object in reverse order — what the admin's form sends back. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reversedKeys(inner)]),
    )
  return value
}

describe('bug 1 — the admin saves a posted invoice as a whole document', () => {
  async function postedBill() {
    const customer = await newCustomer(world)
    const { body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000, 'Haircut'), item(20_000, 'Wash')] })
    const { body: doc } = await world.api.get(`/api/invoices/${body.bill.id}?depth=0`, { token: world.tokens.owner })
    return { customer, doc }
  }

  it('status "paid" with every field sent back (items keys in another order) records the payment', async () => {
    const { customer, doc } = await postedBill()
    const { status, body } = await world.api.patch(`/api/invoices/${doc.id}`, {
      token: world.tokens.owner,
      body: { ...(reversedKeys(doc) as object), status: 'paid' },
    })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.doc).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 50_000 })
    expect((await getCustomer(world, customer.id)).pendingBalance).toBe(0)
  })

  it('a notes-only edit of the whole document saves; a changed price is still refused', async () => {
    const { doc } = await postedBill()
    const whole = reversedKeys(doc) as Record<string, unknown>
    const saved = await world.api.patch(`/api/invoices/${doc.id}`, { token: world.tokens.owner, body: { ...whole, notes: 'Called, will pay Friday' } })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.doc.notes).toBe('Called, will pay Friday')

    const items = (doc.items as { unitPrice: number }[]).map((line, index) => (index === 0 ? { ...line, unitPrice: 1 } : line))
    const refused = await world.api.patch(`/api/invoices/${doc.id}`, { token: world.tokens.owner, body: { ...whole, items } })
    expect(refused.status).toBe(422)
    expect(refused.body.errors[0].message).toMatch(/cannot be edited \(items\)/)
  })
})

describe('bug 3 — cash tendered and money in messages', () => {
  it('a walk-in pays ₹1,000 cash for a ₹300 bill: ₹300 is charged, ₹700 is change on the receipt', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(30_000, 'Haircut')],
      payments: [{ method: 'cash', amount: 30_000, tendered: 100_000 }],
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.bill).toMatchObject({ total: 30_000, amountPaid: 30_000, amountDue: 0, status: 'paid' })
    expect(body.changeDue).toBe(70_000)
    expect(body.transactions.map((tx: { amount: number }) => tx.amount)).toEqual([30_000])
    expect(body.receipt.text).toMatch(/Cash tendered\s+₹1,000\.00/)
    expect(body.receipt.text).toMatch(/Change\s+₹700\.00/)
    expect(await getCustomer(world, customer.id)).toMatchObject({ pendingBalance: 0, advanceBalance: 0 })
  })

  it('tendered is cash only and never less than the amount (400 naming the field)', async () => {
    const customer = await newCustomer(world)
    const card = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [{ method: 'card', amount: 30_000, tendered: 50_000 }] })
    expect(card.status).toBe(400)
    expect(card.body.errors[0].data.errors[0].path).toBe('payments.0.tendered')
    const less = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [{ method: 'cash', amount: 30_000, tendered: 20_000 }] })
    expect(less.status).toBe(400)
    expect(less.body.errors[0].data.errors[0].path).toBe('payments.0.tendered')
  })

  it('an excess refused names the amount with the store’s formatter, once', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000)], payments: [{ method: 'card', amount: 100_000 }] })
    expect(status).toBe(422)
    expect(body.errors[0].message).toContain('₹700.00')
    expect(body.errors[0].message).not.toMatch(/70000/)
  })

  it('collecting more than pending names both amounts in rupees', async () => {
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(25_000)] })
    const { status, body } = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 30_000, method: 'cash' } })
    expect(status).toBe(422)
    expect(body.errors[0].message).toContain('₹250.00')
    expect(body.errors[0].message).not.toMatch(/25000/)
  })

  it('a discount above the subtotal names both amounts in rupees', async () => {
    const customer = await newCustomer(world)
    const { status, body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)], discount: 15_000 })
    expect(status).toBe(400)
    expect(body.errors[0].message).toContain('₹150.00')
    expect(body.errors[0].message).toContain('₹100.00')
  })
})

describe('bug 7 — an expense gets its own EXP- reference', () => {
  it('expenses count EXP-000001, EXP-000002 while payments keep PAY-', async () => {
    const log = (amount: number) =>
      world.api.post('/api/transactions', {
        token: world.tokens.owner,
        body: { store: world.store.id, type: 'expense', kind: 'expense', amount, method: 'cash', notes: 'Supplies' },
      })
    const first = await log(1_000)
    const second = await log(2_000)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.doc.reference).toMatch(/^EXP-\d{6}$/)
    expect(Number(second.body.doc.reference.slice(4))).toBe(Number(first.body.doc.reference.slice(4)) + 1)
    const customer = await newCustomer(world)
    const { body } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(1_000)], payments: [{ method: 'cash', amount: 1_000 }] })
    expect(body.transactions[0].reference).toMatch(/^PAY-\d{6}$/)
  })
})

describe('complimentary: a reason kept on the bill, and the store may ask for an owner’s approval', () => {
  it('needs a reason (400) and keeps it on the bill and the receipt', async () => {
    const customer = await newCustomer(world)
    const bare = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000, 'Haircut')], complimentary: true })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].data.errors[0].path).toBe('complimentaryReason')
    const { status, body } = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(50_000, 'Haircut')],
      complimentary: true,
      complimentaryReason: 'Compensation: long wait',
    })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.receipt.text).toContain('Reason: Compensation: long wait')
    const bill = await world.api.get(`/api/invoices/${body.bill.id}?depth=0`, { token: world.tokens.owner })
    expect(bill.body).toMatchObject({ complimentary: true, complimentaryReason: 'Compensation: long wait', complimentaryApprovedBy: null, total: 0 })
  })

  it('with approval required, a cashier needs the owner’s sign-in; the approver is kept; owners approve their own', async () => {
    const strict = await newWorld({ invoicePrefix: 'APR', complimentaryApproval: true })
    const customer = await newCustomer(strict)
    const free = { customer: customer.id, items: [item(40_000, 'Facial')], complimentary: true, complimentaryReason: 'VIP' }
    const missing = await checkoutAs(strict, strict.tokens.cashier, free)
    expect(missing.status).toBe(403)
    expect(missing.body.errors[0].data.field).toBe('approval')
    const wrong = await checkoutAs(strict, strict.tokens.cashier, { ...free, approval: { email: strict.owner.email, password: 'not-the-password' } })
    expect(wrong.status).toBe(403)
    expect(wrong.body.errors[0].message).toMatch(/wrong/)
    const otherOwner = await checkoutAs(strict, strict.tokens.cashier, { ...free, approval: { email: world.owner.email, password: TEST_PASSWORD } })
    expect(otherOwner.status).toBe(403)
    expect((await getCustomer(strict, customer.id)).visits).toBe(0)

    const approved = await checkoutAs(strict, strict.tokens.cashier, { ...free, approval: { email: strict.owner.email, password: TEST_PASSWORD } })
    expect(approved.status, JSON.stringify(approved.body)).toBe(201)
    const bill = await strict.api.get(`/api/invoices/${approved.body.bill.id}?depth=0`, { token: strict.tokens.owner })
    expect(bill.body.complimentaryApprovedBy).toBe(strict.owner.id)
    const byOwner = await checkoutAs(strict, strict.tokens.owner, free)
    expect(byOwner.status).toBe(201)
  })
})

describe('bug 5 — the customer page reads one query at a time on its transaction', () => {
  it('customerPageData never starts a query while another runs on the same connection', async () => {
    const { createLocalReq } = await import('payload')
    const { testPayload } = await import('../helpers/payload')
    const { inTransaction } = await import('@/ledger/db')
    const { customerPageData } = await import('@/services/customerPage')
    const payload = await testPayload()
    const customer = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(60_000)], payments: [{ method: 'cash', amount: 10_000 }] })
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 5_000, method: 'upi' } })

    const req = await createLocalReq({}, payload)
    let running = 0
    let overlaps = 0
    const data = await inTransaction(req, (db) =>
      customerPageData(
        {
          execute: async (query) => {
            running += 1
            if (running > 1) overlaps += 1
            try {
              return await db.execute(query)
            } finally {
              running -= 1
            }
          },
        },
        req,
        customer.id,
      ),
    )
    expect(overlaps).toBe(0)
    expect(data.statement.closingBalance).toBe(50_000)
    expect(data.payments.map((payment) => payment.amount).sort()).toEqual([10_000, 5_000].sort())
    expect(data.deposits).toMatchObject([{ amount: 5_000, remaining: 5_000, status: 'active' }])
  })
})

describe('receipts printed again (reprint, collection)', () => {
  it('a bill’s reprint shows what it was paid since; a collection’s receipt its bills; another store gets 404', async () => {
    const { createLocalReq } = await import('payload')
    const { testPayload } = await import('../helpers/payload')
    const { inTransaction } = await import('@/ledger/db')
    const { billReceipt, paymentReceipt } = await import('@/services/receipts')
    const payload = await testPayload()
    const customer = await newCustomer(world, 'Reprint Person')
    const { body: sale } = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(70_000, 'Spa')], payments: [{ method: 'upi', amount: 20_000 }] })
    const collected = await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 50_000, method: 'cash' } })
    expect(collected.status).toBe(201)

    const cashier = (await payload.find({ collection: 'users', where: { role: { equals: 'cashier' }, stores: { in: [world.store.id] } }, limit: 1, overrideAccess: true })).docs[0]!
    const asCashier = await createLocalReq({ user: { ...cashier, collection: 'users' } as never }, payload)
    const bill = await inTransaction(asCashier, (db) => billReceipt(db, asCashier, sale.bill.id))
    expect(bill.text).toContain(`Bill ${sale.bill.number}`)
    expect(bill.text).toMatch(/REPRINT \d{4}-\d{2}-\d{2}/)
    expect(bill.text).toMatch(/Paid \(UPI\) PAY-\d{6} +₹200\.00/)
    expect(bill.text).toContain('PAID IN FULL')
    const receipt = await inTransaction(asCashier, (db) => paymentReceipt(db, asCashier, collected.body.transaction))
    expect(receipt.text).toMatch(/Received \(Cash\) +₹500\.00/)
    expect(receipt.text).toMatch(new RegExp(`${sale.bill.number} +₹500\\.00`))
    expect(receipt.text).toContain('NOTHING PENDING')

    const other = (await payload.find({ collection: 'users', where: { stores: { in: [world.otherStore.id] } }, limit: 1, overrideAccess: true })).docs[0]!
    const asOther = await createLocalReq({ user: { ...other, collection: 'users' } as never }, payload)
    await expect(inTransaction(asOther, (db) => billReceipt(db, asOther, sale.bill.id))).rejects.toMatchObject({ status: 404 })
    await expect(inTransaction(asOther, (db) => paymentReceipt(db, asOther, collected.body.transaction))).rejects.toMatchObject({ status: 404 })
  })
})
