/**
 * SPEC §5: one rule for deleting a customer, whichever route asks (services/removeCustomer):
 * a customer with ledger history is kept — moved to the trash — and only one without any
 * history is deleted for good.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
beforeAll(async () => {
  world = await newWorld()
})
afterEach(expectLedgerClean)

async function stored(id: number) {
  const payload = await testPayload()
  const { docs } = await payload.find({ collection: 'customers', where: { id: { equals: id } }, trash: true, overrideAccess: true, depth: 0 })
  return docs[0] as { id: number; deletedAt?: string | null } | undefined
}

describe('deleting a customer', () => {
  it('DELETE /api/customers/:id moves a customer who owes to the trash; the bill stays in the ledger', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 50_000 }] })
    const { status, body } = await world.api.request('DELETE', `/api/customers/${customer.id}`, { token: world.tokens.owner })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body).toMatchObject({ trashed: true, doc: { id: customer.id, pendingBalance: 50_000 } })
    expect((await stored(customer.id))?.deletedAt).toBeTruthy()
    expect((await world.api.get(`/api/invoices/${sale.body.bill.id}`, { token: world.tokens.owner })).status).toBe(200)
  })

  it("Payload's bulk delete route follows the same rule: a customer with history is refused (409, kept), one without is deleted", async () => {
    const owing = await newCustomer(world)
    await checkoutAs(world, world.tokens.cashier, { customer: owing.id, items: [{ description: 'Cut', quantity: 1, unitPrice: 20_000 }] })
    const refused = await world.api.request('DELETE', `/api/customers?where[id][equals]=${owing.id}`, { token: world.tokens.owner })
    expect(JSON.stringify(refused.body)).toContain('move it to the trash instead')
    expect((await stored(owing.id))?.deletedAt ?? null).toBeNull()

    const typo = await newCustomer(world)
    const { status } = await world.api.request('DELETE', `/api/customers/${typo.id}`, { token: world.tokens.owner })
    expect(status).toBe(200)
    expect(await stored(typo.id)).toBeUndefined()
  })
})
