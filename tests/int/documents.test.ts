/**
 * SPEC §10 — documents customers receive: thermal receipts, statements for a period, PDFs
 * (read back with pdftotext and checked against the ledger) and email through a real SMTP
 * server. Share links have their own file (share-links.test.ts).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { formatMoney } from '@/domain/money'

import { storeDaysAgo, storeToday } from '../helpers/dates'
import { logoPng } from '../e2e/logoPng'
import { startSmtp, type TestSmtp } from '../helpers/smtp'
import { checkoutAs, expectLedgerClean, getCustomer, newCustomer, newWorld, type World } from '../helpers/world'

let world: World
const money = (minor: number) => formatMoney(minor, 'INR', 'en-IN')
const item = (unitPrice: number, description = 'Service') => ({ description, quantity: 1, unitPrice })

beforeAll(async () => {
  world = await newWorld({ name: 'Glow Salon' })
  const { status, body } = await world.api.patch(`/api/stores/${world.store.id}`, {
    token: world.tokens.owner,
    body: { address: '12 MG Road, Indiranagar, Bengaluru 560038', phone: '+91 80 4123 4567', upiId: 'glowsalon@okaxis' },
  })
  expect(status, JSON.stringify(body)).toBe(200)
})
afterEach(expectLedgerClean)

/** GET with the raw body (text or bytes). */
async function raw(pathname: string, token?: string) {
  const response = await fetch(`${world.api.baseUrl}${pathname}`, { headers: token ? { Authorization: `JWT ${token}` } : {} })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    disposition: response.headers.get('content-disposition'),
    bytes: Buffer.from(await response.arrayBuffer()),
  }
}

/** The text of a PDF, laid out as on the page (poppler's pdftotext). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-pdf-'))
  const file = path.join(dir, 'doc.pdf')
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

/** Page 1 of a PDF as PNG in test-results/ (to look at). */
function pdfToPng(pdf: Buffer, name: string) {
  const dir = path.resolve('test-results/screens')
  mkdirSync(dir, { recursive: true })
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tally-pdf-')), 'doc.pdf')
  writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, name)])
}

describe('receipts — GET /api/invoices/:id/receipt', () => {
  it('reprints exactly the checkout receipt (48 columns), with the store address and phone on top', async () => {
    const customer = await newCustomer(world, 'Priya Sharma')
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000, 'Hair colour')], payments: [{ method: 'upi', amount: 40_000 }] })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    const text: string = sale.body.receipt.text
    expect(
      text
        .split('\n')
        .slice(0, 3)
        .map((line) => line.trim()),
    ).toEqual(['Glow Salon', '12 MG Road, Indiranagar, Bengaluru 560038', 'Ph: +91 80 4123 4567'])
    expect(text).toContain('PENDING BALANCE: ₹600.00')
    expect(text).toMatch(new RegExp(`Paid \\(UPI\\) ${sale.body.transactions[0].reference} +₹400\\.00`))

    const reprint = await raw(`/api/invoices/${sale.body.bill.id}/receipt`, world.tokens.cashier)
    expect(reprint.status).toBe(200)
    expect(reprint.type).toBe('text/plain; charset=utf-8')
    expect(reprint.bytes.toString('utf8')).toBe(text)
  })

  it('at 32 columns (58 mm): every line fits, the closing line is unchanged', async () => {
    const customer = await newCustomer(world, 'Vikram Rao')
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000, 'Beard trim')] })
    const reprint = await raw(`/api/invoices/${sale.body.bill.id}/receipt?width=32`, world.tokens.cashier)
    const text = reprint.bytes.toString('utf8')
    expect(text).toContain('FULL AMOUNT PENDING: ₹500.00')
    expect(text.split('\n')).toContain('--------------------------------')
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(32)
    expect(text).toContain(`Bill ${sale.body.bill.number}      ${storeToday()}`)
  })

  it('complimentary: COMPLIMENTARY SERVICE at both widths', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(50_000, 'Haircut (family)')],
      complimentary: true,
      complimentaryReason: 'Family',
    })
    for (const width of [32, 48]) {
      const text = (await raw(`/api/invoices/${sale.body.bill.id}/receipt?width=${width}`, world.tokens.owner)).bytes.toString('utf8')
      expect(text).toContain('COMPLIMENTARY SERVICE')
      expect(text).toMatch(/List price +₹500\.00/)
    }
  })

  it('a checkout with advance, older bills and an excess kept: the reprint still equals the receipt', async () => {
    const customer = await newCustomer(world)
    await world.api.post(`/api/customers/${customer.id}/advances`, { token: world.tokens.cashier, body: { amount: 20_000, method: 'cash' } })
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(30_000, 'Older bill')] })
    const sale = await checkoutAs(world, world.tokens.cashier, {
      customer: customer.id,
      items: [item(50_000, 'Facial'), { description: 'Hair wash', quantity: 2, unitPrice: 10_000 }],
      useAdvance: 20_000,
      payments: [
        { method: 'cash', amount: 70_000 },
        { method: 'upi', amount: 20_000, reference: 'UTR-991' },
      ],
      keepExcessAsAdvance: true,
    })
    expect(sale.status, JSON.stringify(sale.body)).toBe(201)
    const text: string = sale.body.receipt.text
    expect(text).toMatch(/Applied to earlier bills +₹300\.00/)
    expect(text).toMatch(/Kept as advance +₹100\.00/)
    expect(text).toMatch(/Paid from advance +₹200\.00/)
    const reprint = await raw(`/api/invoices/${sale.body.bill.id}/receipt`, world.tokens.cashier)
    expect(reprint.bytes.toString('utf8')).toBe(text)
  })

  it('a reprint after a later payment says what was paid since and what is due now', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000, 'Hair colour')], payments: [{ method: 'cash', amount: 40_000 }] })
    await world.api.post(`/api/customers/${customer.id}/collect`, { token: world.tokens.cashier, body: { amount: 60_000, method: 'upi' } })
    const text = (await raw(`/api/invoices/${sale.body.bill.id}/receipt`, world.tokens.cashier)).bytes.toString('utf8')
    expect(text).toContain('PENDING BALANCE: ₹600.00')
    expect(text).toMatch(/Paid on this bill since +₹600\.00\nDue on this bill now +₹0\.00/)
  })

  it('bad width or format is 400 naming it', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    for (const [query, field] of [
      ['width=40', 'width'],
      ['width=abc', 'width'],
      ['format=pdf', 'format'],
      ['width=32&format=', 'format'],
    ] as const) {
      const { status, body } = await world.api.get(`/api/invoices/${sale.body.bill.id}/receipt?${query}`, { token: world.tokens.cashier })
      expect(status, query).toBe(400)
      expect(body.errors[0].data.errors[0].path, query).toBe(field)
    }
  })

  it('ESC/POS bytes for a printer: initialise, Rs. instead of ₹, cut', async () => {
    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000, 'Hair colour')], payments: [{ method: 'cash', amount: 40_000 }] })
    const escpos = await raw(`/api/invoices/${sale.body.bill.id}/receipt?width=32&format=escpos`, world.tokens.cashier)
    expect(escpos.status).toBe(200)
    expect(escpos.type).toBe('application/octet-stream')
    expect(escpos.disposition).toBe(`attachment; filename="${sale.body.bill.number}-32.bin"`)
    expect([...escpos.bytes.subarray(0, 2)]).toEqual([0x1b, 0x40])
    expect(escpos.bytes.toString('latin1')).toContain('PENDING BALANCE: Rs.600.00')
  })
})

describe('statements for a period — GET /api/customers/:id/statement?from&to', () => {
  it('opening balance from the ledger before `from` (store days); closing = opening + debits − credits = pendingBalance today', async () => {
    const customer = await newCustomer(world)
    const invoice = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(100_000, 'Styling')], issueDate: storeDaysAgo(10), status: 'open' },
    })
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201)
    const paid = await world.api.post(`/api/invoices/${invoice.body.doc.id}/payments`, {
      token: world.tokens.owner,
      body: { amount: 30_000, method: 'cash', date: storeDaysAgo(5) },
    })
    expect(paid.status, JSON.stringify(paid.body)).toBe(201)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(50_000)], payments: [{ method: 'upi', amount: 20_000 }] })

    const all = await world.api.get(`/api/customers/${customer.id}/statement`, { token: world.tokens.cashier })
    expect(all.body).toMatchObject({ from: null, to: storeToday(), openingBalance: 0, closingBalance: 100_000, totals: { debits: 150_000, credits: 50_000 } })

    const week = await world.api.get(`/api/customers/${customer.id}/statement?from=${storeDaysAgo(7)}`, { token: world.tokens.cashier })
    expect(week.status).toBe(200)
    expect(week.body.openingBalance).toBe(100_000)
    expect(week.body.lines.map((line: { debit: number; credit: number }) => [line.debit, line.credit])).toEqual([
      [0, 30_000],
      [50_000, 0],
      [0, 20_000],
    ])
    expect(week.body.totals).toEqual({ debits: 50_000, credits: 50_000 })
    expect(week.body.closingBalance).toBe(week.body.openingBalance + week.body.totals.debits - week.body.totals.credits)
    expect(week.body.closingBalance).toBe((await getCustomer(world, customer.id)).pendingBalance)

    // The day of the invoice only; and the days between: opening = closing, no lines.
    const first = await world.api.get(`/api/customers/${customer.id}/statement?from=${storeDaysAgo(10)}&to=${storeDaysAgo(10)}`, { token: world.tokens.cashier })
    expect(first.body).toMatchObject({ openingBalance: 0, closingBalance: 100_000, totals: { debits: 100_000, credits: 0 } })
    const quiet = await world.api.get(`/api/customers/${customer.id}/statement?from=${storeDaysAgo(9)}&to=${storeDaysAgo(6)}`, { token: world.tokens.cashier })
    expect(quiet.body).toMatchObject({ openingBalance: 100_000, closingBalance: 100_000, lines: [] })
  })

  it('bad ranges are 400 naming the field; another store’s customer is 404', async () => {
    const customer = await newCustomer(world)
    const bad = [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      [`from=${storeToday()}&to=${storeDaysAgo(1)}`, 'from'],
    ] as const
    for (const [query, field] of bad) {
      const { status, body } = await world.api.get(`/api/customers/${customer.id}/statement?${query}`, { token: world.tokens.owner })
      expect(status, query).toBe(400)
      expect(body.errors[0].data.errors[0].path).toBe(field)
    }
    const foreign = await world.api.get(`/api/customers/${customer.id}/statement.pdf`, { token: world.tokens.otherOwner })
    expect(foreign.status).toBe(404)
  })
})

describe('PDFs — every amount on them equals the ledger', () => {
  it('GET /api/invoices/:id/pdf: store, customer, items, total, paid, due and page numbers', async () => {
    const customer = await newCustomer(world, 'Lotus Events')
    const created = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: {
        store: world.store.id,
        customer: customer.id,
        kind: 'invoice',
        items: [item(1_000_000, 'Bridal party styling (10 guests)'), { description: 'Make-up trial', quantity: 2, unitPrice: 125_050 }],
        discount: 50_000,
        dueDate: storeDaysAgo(-15),
        status: 'open',
      },
    })
    const id = created.body.doc.id
    await world.api.post(`/api/invoices/${id}/payments`, { token: world.tokens.owner, body: { amount: 500_000, method: 'bank_transfer', reference: 'NEFT-88213' } })
    const ledger = (await world.api.get(`/api/invoices/${id}?depth=0`, { token: world.tokens.owner })).body

    const pdf = await raw(`/api/invoices/${id}/pdf`, world.tokens.cashier)
    expect(pdf.status).toBe(200)
    expect(pdf.type).toBe('application/pdf')
    expect(pdf.disposition).toBe(`inline; filename="${ledger.number}.pdf"`)
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(pdf.bytes)
    for (const expected of [
      'Glow Salon',
      '12 MG Road, Indiranagar, Bengaluru 560038',
      '+91 80 4123 4567',
      'Invoice',
      `No. ${ledger.number}`,
      'Lotus Events',
      'Bridal party styling (10 guests)',
      'NEFT-88213',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected)
    }
    const amounts = (text.match(/-?₹[\d,]+\.\d{2}/g) ?? []).map((amount) => amount)
    // Items (unit prices and line amounts), subtotal, discount, total, paid, due, the payment.
    expect(amounts).toEqual([
      money(1_000_000),
      money(1_000_000),
      money(125_050),
      money(250_100),
      money(ledger.subtotal),
      `-${money(ledger.discount)}`,
      money(ledger.total),
      money(ledger.amountPaid),
      money(ledger.amountDue),
      money(500_000),
    ])
    expect(ledger).toMatchObject({ subtotal: 1_250_100, total: 1_200_100, amountPaid: 500_000, amountDue: 700_100 })
    pdfToPng(pdf.bytes, 'invoice-pdf')
  })

  it('GET /api/customers/:id/statement.pdf?from&to: opening, each line, closing — and page numbers on every page', async () => {
    const customer = await newCustomer(world, 'Regular Customer')
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(40_000, 'Before the period')] })
    const visits = 30 // 60 lines: more than a page
    for (let index = 0; index < visits; index++) {
      await checkoutAs(world, world.tokens.cashier, {
        customer: customer.id,
        items: [item(10_000 + index, `Visit ${index}`)],
        payments: [{ method: 'cash', amount: 10_000 + index }],
      })
    }
    const json = (await world.api.get(`/api/customers/${customer.id}/statement`, { token: world.tokens.owner })).body
    const pdf = await raw(`/api/customers/${customer.id}/statement.pdf`, world.tokens.cashier)
    expect(pdf.status).toBe(200)
    expect(pdf.type).toBe('application/pdf')
    const text = pdfText(pdf.bytes)
    expect(text).toContain('Statement')
    expect(text).toContain(`STMT-${customer.id}-${storeToday().replace(/-/g, '')}`)
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)].map((match) => [Number(match[1]), Number(match[2])])
    expect(pages.length).toBeGreaterThanOrEqual(2)
    expect(pages).toEqual(pages.map((_, index) => [index + 1, pages.length]))
    // Every ledger line's amount and running balance appear, in order.
    const amounts = text.match(/₹[\d,]+\.\d{2}/g) ?? []
    const expected = [money(0)] // opening
    for (const line of json.lines) expected.push(line.debit > 0 ? money(line.debit) : money(line.credit), money(line.balance))
    expected.push(money(json.openingBalance), money(json.totals.debits), money(json.totals.credits), money(json.closingBalance))
    expect(amounts.slice(0, expected.length)).toEqual(expected)
    expect(json.closingBalance).toBe((await getCustomer(world, customer.id)).pendingBalance)
    pdfToPng(pdf.bytes, 'statement-pdf')
  })

  it('a statement for a period shows the opening balance from before it', async () => {
    const customer = await newCustomer(world)
    const invoice = await world.api.post('/api/invoices', {
      token: world.tokens.owner,
      body: { store: world.store.id, customer: customer.id, kind: 'invoice', items: [item(250_000, 'Last month')], issueDate: storeDaysAgo(20), status: 'open' },
    })
    expect(invoice.status).toBe(201)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(60_000, 'This week')], payments: [{ method: 'cash', amount: 60_000 }] })
    const text = pdfText((await raw(`/api/customers/${customer.id}/statement.pdf?from=${storeDaysAgo(7)}&to=${storeToday()}`, world.tokens.owner)).bytes)
    expect(text).toMatch(/Opening balance +₹2,500\.00/)
    expect(text).toMatch(/Closing balance +₹2,500\.00/)
    expect(text).not.toContain('Last month')
  })

  it('unknown, foreign and draft invoices are 404; no login is 401', async () => {
    const customer = await newCustomer(world)
    const draft = await world.api.post('/api/invoices', { token: world.tokens.owner, body: { store: world.store.id, customer: customer.id, items: [item(1_000)] } })
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(1_000)] })
    expect((await raw(`/api/invoices/${draft.body.doc.id}/pdf`, world.tokens.owner)).status).toBe(404)
    expect((await raw(`/api/invoices/${draft.body.doc.id}/receipt`, world.tokens.owner)).status).toBe(404)
    expect((await raw('/api/invoices/999999999/pdf', world.tokens.owner)).status).toBe(404)
    expect((await raw(`/api/invoices/${sale.body.bill.id}/pdf`, world.tokens.otherOwner)).status).toBe(404)
    expect((await raw(`/api/invoices/${sale.body.bill.id}/receipt`, world.tokens.otherOwner)).status).toBe(404)
    expect((await raw(`/api/invoices/${sale.body.bill.id}/pdf`)).status).toBe(401)
    expect((await raw(`/api/customers/${customer.id}/statement.pdf`)).status).toBe(401)
  })
})

describe('store logo — the store-logos upload collection, kept in the database', () => {
  async function upload(token: string, store: number, file: { bytes: Buffer; type: string; name: string }) {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
    form.append('_payload', JSON.stringify({ store }))
    const response = await fetch(`${world.api.baseUrl}/api/store-logos`, { method: 'POST', headers: { Authorization: `JWT ${token}` }, body: form })
    return { status: response.status, body: await response.json() }
  }

  it('the owner uploads a PNG; it is served from the database, drawn on the PDF, and only to the store', async () => {
    const png = logoPng()
    const created = await upload(world.tokens.owner, world.store.id, { bytes: png, type: 'image/png', name: 'logo.png' })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const logo = created.body.doc
    expect(logo).toMatchObject({ mimeType: 'image/png', filesize: png.length, width: 96, height: 96, url: expect.stringMatching(/^\/api\/store-logos\/file\//) })
    const patched = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { logo: logo.id } })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)

    const served = await raw(logo.url, world.tokens.cashier)
    expect(served.status).toBe(200)
    expect(served.type).toBe('image/png')
    expect(served.bytes.equals(png)).toBe(true)
    expect((await raw(logo.url, world.tokens.otherOwner)).status).toBeGreaterThanOrEqual(403)

    const customer = await newCustomer(world)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const pdf = await raw(`/api/invoices/${sale.body.bill.id}/pdf`, world.tokens.cashier)
    const dir = mkdtempSync(path.join(tmpdir(), 'tally-pdf-'))
    writeFileSync(path.join(dir, 'doc.pdf'), pdf.bytes)
    const images = execFileSync('pdfimages', ['-list', path.join(dir, 'doc.pdf')], { encoding: 'utf8' })
    expect(images).toMatch(/^\s+1\s+0\s+image\s+96\s+96/m)
  })

  it('refused: a cashier, another store, a text file, another store’s logo on this store — nothing kept', async () => {
    const png = logoPng(16)
    expect((await upload(world.tokens.cashier, world.store.id, { bytes: png, type: 'image/png', name: 'c.png' })).status).toBe(403)
    const foreign = await upload(world.tokens.owner, world.otherStore.id, { bytes: png, type: 'image/png', name: 'f.png' })
    expect([400, 403, 404]).toContain(foreign.status)
    const text = await upload(world.tokens.owner, world.store.id, { bytes: Buffer.from('hello'), type: 'text/plain', name: 'logo.txt' })
    expect(text.status).toBe(400)
    const theirs = await upload(world.tokens.otherOwner, world.otherStore.id, { bytes: png, type: 'image/png', name: 'theirs.png' })
    expect(theirs.status).toBe(201)
    const stolen = await world.api.patch(`/api/stores/${world.store.id}`, { token: world.tokens.owner, body: { logo: theirs.body.doc.id } })
    expect(stolen.status).toBe(400)
    expect(JSON.stringify(stolen.body)).toContain('logo must be an uploaded logo of this store')
    const tooBig = await upload(world.tokens.owner, world.store.id, { bytes: Buffer.concat([png, Buffer.alloc(1_100_000)]), type: 'image/png', name: 'big.png' })
    expect([400, 413]).toContain(tooBig.status)
  })
})

describe('email — POST /api/invoices/:id/email and /api/customers/:id/statement/email (owner)', () => {
  let smtp: TestSmtp
  beforeAll(async () => {
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await smtp.close()
  })

  async function customerWithEmail(email: string | null) {
    const customer = await newCustomer(world, 'Asha Mail')
    if (email) await world.api.patch(`/api/customers/${customer.id}`, { token: world.tokens.owner, body: { email } })
    return customer
  }

  it('sends the invoice PDF to the customer: the SMTP server receives it with the attachment', async () => {
    const customer = await customerWithEmail('asha@example.com')
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(100_000, 'Hair colour')], payments: [{ method: 'cash', amount: 40_000 }] })
    const sent = await world.api.post(`/api/invoices/${sale.body.bill.id}/email`, { token: world.tokens.owner, body: {} })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body).toMatchObject({ to: 'asha@example.com', subject: `Bill ${sale.body.bill.number} from Glow Salon` })
    const mail = await smtp.next()
    expect(mail.subject).toBe(`Bill ${sale.body.bill.number} from Glow Salon`)
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('asha@example.com')
    expect(mail.from?.value[0]).toMatchObject({ name: 'Tally Tests', address: 'tally@test.tally' })
    expect(mail.text).toContain('Amount due: ₹600.00.')
    expect(mail.attachments).toHaveLength(1)
    expect(mail.attachments[0]).toMatchObject({ filename: `${sale.body.bill.number}.pdf`, contentType: 'application/pdf' })
    const text = pdfText(mail.attachments[0]!.content)
    expect(text).toContain(sale.body.bill.number)
    expect(text).toMatch(/Amount due +₹600\.00/)
  })

  it('sends a statement for a period to a given address', async () => {
    const customer = await customerWithEmail(null)
    await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(70_000, 'Colour')] })
    const sent = await world.api.post(`/api/customers/${customer.id}/statement/email`, {
      token: world.tokens.owner,
      body: { email: 'accounts@example.com', from: storeDaysAgo(30) },
    })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    const mail = await smtp.next()
    const reference = `STMT-${customer.id}-${storeToday().replace(/-/g, '')}`
    expect(mail.subject).toBe(`Statement ${reference} from Glow Salon`)
    expect(mail.attachments[0]?.filename).toBe(`${reference}.pdf`)
    expect(pdfText(mail.attachments[0]!.content)).toMatch(/Closing balance +₹700\.00/)
  })

  it('refusals: a cashier 403, no address 422, a bad address 400, another store 404 — nothing is sent', async () => {
    const customer = await customerWithEmail(null)
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const before = smtp.messages.length
    expect((await world.api.post(`/api/invoices/${sale.body.bill.id}/email`, { token: world.tokens.cashier, body: {} })).status).toBe(403)
    const noAddress = await world.api.post(`/api/invoices/${sale.body.bill.id}/email`, { token: world.tokens.owner, body: {} })
    expect(noAddress.status).toBe(422)
    expect(noAddress.body.errors[0].message).toMatch(/no email address/)
    const badAddress = await world.api.post(`/api/customers/${customer.id}/statement/email`, { token: world.tokens.owner, body: { email: 'not-an-address' } })
    expect(badAddress.status).toBe(400)
    expect(badAddress.body.errors[0].data.errors[0].path).toBe('email')
    expect((await world.api.post(`/api/invoices/${sale.body.bill.id}/email`, { token: world.tokens.otherOwner, body: { email: 'x@example.com' } })).status).toBe(404)
    expect(smtp.messages.length).toBe(before)
  })

  it('without SMTP_URL email is off: 503 saying so, nothing sent', async () => {
    const customer = await customerWithEmail('off@example.com')
    const sale = await checkoutAs(world, world.tokens.cashier, { customer: customer.id, items: [item(10_000)] })
    const saved = process.env.SMTP_URL
    delete process.env.SMTP_URL
    try {
      const off = await world.api.post(`/api/invoices/${sale.body.bill.id}/email`, { token: world.tokens.owner, body: {} })
      expect(off.status).toBe(503)
      expect(off.body.errors[0].message).toBe('Email is off: set SMTP_URL to send email')
    } finally {
      process.env.SMTP_URL = saved
    }
  })
})
