/**
 * SPEC §9a "a reversed payment is spent": the exact sequence of issue 21 (a bounced cheque),
 * replayed over HTTP. Before the fix, the reversed payment still showed as unmatched money
 * and could be matched to an invoice a second time.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})

describe('a reversed payment is spent (issue 21)', () => {
  it('reverse → the second match is 422 → reconciliation and the payments list no longer list it', async () => {
    const customer = await newCustomer(world)
    // The cheque arrives before the invoice: unmatched money of ₹55.
    const payment = await world.api.post('/api/transactions', {
      token: world.tokens.owner,
      body: { store: world.store.id, type: 'income', kind: 'payment', amount: 5_500, method: 'cheque', customer: customer.id, reference: 'CHQ-1' },
    })
    expect(payment.status, JSON.stringify(payment.body)).toBe(201)
    const paymentId = payment.body.doc.id as number
    const invoice = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, items: [{ description: 'Crane hire', quantity: 1, unitPrice: 16_500 }], status: 'open' },
    })
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201)
    const invoiceId = invoice.body.doc.id as number

    const matched = await world.api.post(`/api/transactions/${paymentId}/match`, { token: world.tokens.owner, body: { invoice: invoiceId } })
    expect(matched.status, JSON.stringify(matched.body)).toBe(201)
    expect(matched.body.customer.pendingBalance).toBe(11_000)

    const reversed = await world.api.post(`/api/transactions/${paymentId}/reverse`, { token: world.tokens.owner, body: { reason: 'cheque bounced' } })
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201)
    const owed = await world.api.get(`/api/invoices/${invoiceId}`, { token: world.tokens.owner })
    expect(owed.body.amountDue).toBe(16_500)

    const reconciliation = await world.api.get(`/api/reports/reconciliation?store=${world.store.id}`, { token: world.tokens.owner })
    expect(reconciliation.status).toBe(200)
    expect(reconciliation.body.unmatched.map((row: { transaction: number }) => row.transaction)).not.toContain(paymentId)

    const payments = await world.api.get(`/api/customers/${customer.id}/payments`, { token: world.tokens.owner })
    expect(payments.status).toBe(200)
    expect(payments.body.docs.map((doc: { id: number }) => doc.id)).not.toContain(paymentId)

    const again = await world.api.post(`/api/transactions/${paymentId}/match`, { token: world.tokens.owner, body: { invoice: invoiceId } })
    expect(again.status, JSON.stringify(again.body)).toBe(422)
    expect(again.body.errors[0].message).toMatch(/reversed/)
    const still = await world.api.get(`/api/invoices/${invoiceId}`, { token: world.tokens.owner })
    expect(still.body.amountDue).toBe(16_500)
    await expectLedgerClean()
  })
})
