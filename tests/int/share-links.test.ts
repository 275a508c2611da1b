/**
 * SPEC §10 — share links: POST /api/share-links, DELETE /api/share-links/:id and what a
 * token opens (the service behind the public /s/:token page). The page's HTTP answers
 * (404s, headers, rate limit) are checked against the production build in
 * tests/e2e/share.spec.ts.
 */
import { createHash } from 'node:crypto'

import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { allow, clientOf, countShareMiss, shareRequestAllowed } from '@/documents/rateLimit'
import { sharedDocument } from '@/documents/sharedDocument'
import { sql } from '@/ledger/db'

import { storeToday } from '../helpers/dates'
import { testPayload } from '../helpers/payload'
import { checkoutAs, expectLedgerClean, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

beforeAll(async () => {
  world = await newWorld({ name: 'Glow Salon' })
  await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { upiId: 'glowsalon@okaxis' } })
})
afterEach(expectLedgerClean)

const tokenOf = (url: string) => new URL(url).pathname.split('/').at(-1)!

async function billFor(customerId: number, total = 100_000, paid = 40_000) {
  const sale = await checkoutAs(world, world.tokens.cashier, {
    customer: customerId,
    items: [item(total, 'Hair colour')],
    payments: paid ? [{ method: 'cash', amount: paid }] : [],
  })
  expect(sale.status, JSON.stringify(sale.body)).toBe(201)
  return sale.body.bill as { id: number; number: string }
}

async function share(body: Record<string, unknown>, token = world.tokens.cashier) {
  return world.api.post('/api/share-links', { token, body })
}

async function rowOf(id: number) {
  const payload = await testPayload()
  const { rows } = await payload.db.drizzle.execute(sql`SELECT * FROM share_links WHERE id = ${id}`)
  return rows[0] as Record<string, unknown>
}

describe('POST /api/share-links', () => {
  it('cashier shares a bill: {id, url, expiresAt} 30 days on; the token has 256 random bits and only its SHA-256 is stored', async () => {
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const before = Date.now()
    const { status, body } = await share({ document: 'invoice', id: bill.id })
    expect(status, JSON.stringify(body)).toBe(201)
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'id', 'url'])
    expect(body.url).toMatch(new RegExp(`^${world.api.baseUrl}/s/[A-Za-z0-9_-]{43}$`))
    const expires = Date.parse(body.expiresAt) - before
    expect(expires).toBeGreaterThan(30 * 86_400_000 - 60_000)
    expect(expires).toBeLessThan(30 * 86_400_000 + 60_000)

    const token = tokenOf(body.url)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    const row = await rowOf(body.id)
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    // Through the API the hash is never shown.
    const listed = await world.api.get(`/api/share-links/${body.id}`, { token: world.tokens.owner })
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({ document: 'invoice', documentId: bill.id, customer: expect.anything() })
    expect(listed.body.tokenHash).toBeUndefined()
  })

  it('owner shares a statement for 7 days; two links to one document have different tokens', async () => {
    const customer = await newCustomer(world)
    await billFor(customer.id)
    const first = await share({ document: 'statement', id: customer.id, expiresInDays: 7 }, world.tokens.owner)
    const second = await share({ document: 'statement', id: customer.id }, world.tokens.owner)
    expect(first.status).toBe(201)
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeLessThan(7 * 86_400_000 + 60_000)
    expect(tokenOf(first.body.url)).not.toBe(tokenOf(second.body.url))
  })

  it('bad input is 400 naming the field; a draft is 422; nothing is written', async () => {
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const payload = await testPayload()
    const count = async () => Number((await payload.db.drizzle.execute(sql`SELECT count(*) AS n FROM share_links`)).rows[0]!.n)
    const before = await count()
    const bad: [Record<string, unknown>, string][] = [
      [{ id: bill.id }, 'document'],
      [{ document: 'receipt', id: bill.id }, 'document'],
      [{ document: 'invoice' }, 'id'],
      [{ document: 'invoice', id: 'abc' }, 'id'],
      [{ document: 'invoice', id: -1 }, 'id'],
      [{ document: 'invoice', id: bill.id, expiresInDays: 0 }, 'expiresInDays'],
      [{ document: 'invoice', id: bill.id, expiresInDays: 366 }, 'expiresInDays'],
      [{ document: 'invoice', id: bill.id, expiresInDays: 1.5 }, 'expiresInDays'],
      [{ document: 'invoice', id: bill.id, expiresInDays: '7' }, 'expiresInDays'],
    ]
    for (const [body, field] of bad) {
      const response = await share(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(response.body.errors[0].data.errors[0].path).toBe(field)
    }
    const draft = await world.api.post('/api/invoices', { token: world.tokens.owner, body: { store: world.store.id, customer: customer.id, items: [item(1_000)] } })
    const refused = await share({ document: 'invoice', id: draft.body.doc.id })
    expect(refused.status).toBe(422)
    expect(await count()).toBe(before)
  })

  it('no login 401; another store’s invoice or customer 404 like an unknown id', async () => {
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    expect((await world.api.post('/api/share-links', { body: { document: 'invoice', id: bill.id } })).status).toBe(401)
    expect((await share({ document: 'invoice', id: bill.id }, world.tokens.otherOwner)).status).toBe(404)
    expect((await share({ document: 'statement', id: customer.id }, world.tokens.otherOwner)).status).toBe(404)
    expect((await share({ document: 'invoice', id: 999_999_999 })).status).toBe(404)
    // The standard REST create, update and delete are not there for anyone.
    const link = await share({ document: 'invoice', id: bill.id })
    expect((await world.api.patch(`/api/share-links/${link.body.id}`, { token: world.tokens.admin, body: { expiresAt: '2099-01-01' } })).status).toBe(403)
  })
})

describe('what a token opens (the public page’s service)', () => {
  it('a bill token opens that bill only, with the UPI link for what is due', async () => {
    const payload = await testPayload()
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const other = await billFor(customer.id, 50_000, 0)
    const { body } = await share({ document: 'invoice', id: bill.id })
    const view = await sharedDocument(payload, tokenOf(body.url))
    expect(view).not.toBeNull()
    expect(view!.kind).toBe('invoice')
    expect(view!.reference).toBe(bill.number)
    expect(view!.amountDue).toBe(60_000)
    expect(JSON.stringify(view)).not.toContain(other.number)
    expect(view!.upiUrl).toBe(`upi://pay?pa=glowsalon%40okaxis&pn=Glow%20Salon&am=600.00&cu=INR&tn=${bill.number}`)
    expect(view!.qrSvg).toMatch(/^<svg /)
  })

  it('a statement token opens that customer’s statement, due = pending balance, note = STMT reference', async () => {
    const payload = await testPayload()
    const customer = await newCustomer(world)
    await billFor(customer.id)
    await billFor(customer.id, 50_000, 0)
    const someoneElse = await newCustomer(world)
    const theirs = await billFor(someoneElse.id)
    const { body } = await share({ document: 'statement', id: customer.id })
    const view = await sharedDocument(payload, tokenOf(body.url))
    expect(view?.kind).toBe('statement')
    expect(view!.amountDue).toBe(110_000)
    expect(view!.reference).toBe(`STMT-${customer.id}-${storeToday().replace(/-/g, '')}`)
    expect(view!.upiUrl).toContain('am=1100.00')
    expect(JSON.stringify(view)).not.toContain(theirs.number)
  })

  it('no UPI id: no QR code; nothing due: no QR code', async () => {
    const payload = await testPayload()
    const plain = await newWorld({ name: 'No UPI Store' })
    const customer = await newCustomer(plain)
    const sale = await checkoutAs(plain, plain.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const link = await plain.api.post('/api/share-links', { token: plain.tokens.cashier, body: { document: 'invoice', id: sale.body.bill.id } })
    expect((await sharedDocument(payload, tokenOf(link.body.url)))?.upiUrl).toBeNull()

    const paidCustomer = await newCustomer(world)
    const paid = await billFor(paidCustomer.id, 10_000, 10_000)
    const paidLink = await share({ document: 'invoice', id: paid.id })
    const view = await sharedDocument(payload, tokenOf(paidLink.body.url))
    expect(view?.amountDue).toBe(0)
    expect(view?.upiUrl).toBeNull()
    expect(view?.qrSvg).toBeNull()
  })

  it('forged, unknown, malformed, expired and revoked tokens all open nothing', async () => {
    const payload = await testPayload()
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const live = await share({ document: 'invoice', id: bill.id })
    const token = tokenOf(live.body.url)
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
    for (const bad of [forged, 'x'.repeat(43), '', 'abc', `${token}x`, createHash('sha256').update(token).digest('hex')]) {
      expect(await sharedDocument(payload, bad), bad).toBeNull()
    }
    expect(await sharedDocument(payload, token)).not.toBeNull()

    // Expired: the clock has passed expiresAt.
    const expiring = await share({ document: 'invoice', id: bill.id, expiresInDays: 1 })
    await payload.db.drizzle.execute(sql`UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = ${expiring.body.id}`)
    expect(await sharedDocument(payload, tokenOf(expiring.body.url))).toBeNull()

    // Revoked by a cashier of the store: 200 with revokedAt; again: same answer; the token opens nothing.
    const revoked = await world.api.delete(`/api/share-links/${live.body.id}`, { token: world.tokens.cashier })
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200)
    expect(revoked.body).toMatchObject({ id: live.body.id, revokedAt: expect.any(String) })
    const again = await world.api.delete(`/api/share-links/${live.body.id}`, { token: world.tokens.owner })
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt)
    expect(await sharedDocument(payload, token)).toBeNull()
  })

  it('DELETE: another store’s link and unknown ids are 404 and change nothing; bad id 400; no login 401', async () => {
    const payload = await testPayload()
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const link = await share({ document: 'invoice', id: bill.id })
    expect((await world.api.delete(`/api/share-links/${link.body.id}`, { token: world.tokens.otherOwner })).status).toBe(404)
    expect((await world.api.delete('/api/share-links/999999999', { token: world.tokens.owner })).status).toBe(404)
    const bad = await world.api.delete('/api/share-links/abc', { token: world.tokens.owner })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].data.errors[0].path).toBe('(body)')
    expect((await world.api.delete(`/api/share-links/${link.body.id}`)).status).toBe(401)
    expect((await rowOf(link.body.id)).revoked_at).toBeNull()
    expect(await sharedDocument(payload, tokenOf(link.body.url))).not.toBeNull()
  })

  it('another store’s staff cannot list or read the links', async () => {
    const customer = await newCustomer(world)
    const bill = await billFor(customer.id)
    const link = await share({ document: 'invoice', id: bill.id })
    expect((await world.api.get(`/api/share-links/${link.body.id}`, { token: world.tokens.otherOwner })).status).toBe(404)
    const listed = await world.api.get(`/api/share-links?where[customer][equals]=${customer.id}`, { token: world.tokens.otherOwner })
    expect(listed.body.docs).toEqual([])
    const mine = await world.api.get(`/api/share-links?where[customer][equals]=${customer.id}`, { token: world.tokens.cashier })
    expect(mine.body.docs.map((doc: { id: number }) => doc.id)).toEqual([link.body.id])
  })
})

describe('rate limit (documents/rateLimit)', () => {
  it('counts per client in a window and forgets at the next window', () => {
    const limit = { max: 3, windowMs: 60_000 }
    const key = `test-${Math.random()}`
    expect([1, 2, 3, 4].map(() => allow(key, limit, 1_000))).toEqual([true, true, true, false])
    expect(allow(`${key}-other`, limit, 1_000)).toBe(true)
    expect(allow(key, limit, 61_000)).toBe(true)
  })

  it('a client that tries 10 unknown tokens is refused everything for the minute; others are not', () => {
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`
    for (let miss = 0; miss < 10; miss++) {
      expect(shareRequestAllowed(client, `unknown-${miss}`)).toBe(true)
      countShareMiss(client)
    }
    expect(shareRequestAllowed(client, 'a-real-token')).toBe(true) // the 10th miss is still within the limit
    countShareMiss(client)
    expect(shareRequestAllowed(client, 'a-real-token')).toBe(false)
    expect(shareRequestAllowed(`${client}9`, 'a-real-token')).toBe(true)
  })

  it('the client is the last X-Forwarded-For hop (what the nearest proxy, or Next itself, saw)', () => {
    expect(clientOf(new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }))).toBe('10.0.0.1')
    expect(clientOf(new Headers({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2')
  })
})
