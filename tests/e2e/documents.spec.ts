/**
 * SPEC §10 on screen: the owner's settings (address, phone, UPI id, logo), the receipt at
 * 80 and 58 mm, sharing a bill, the public page on a phone, revocation, headers, 404s and
 * the rate limit. Screenshots land in test-results/screens/.
 */
import { expect, test, type Page } from '@playwright/test'

import { addService, customerByPhone, fromThePage, login, newCustomerAtPos } from './helpers'
import { logoPng } from './logoPng'

test.describe.configure({ mode: 'serial' })

const ADDRESS = '12 MG Road, Indiranagar, Bengaluru 560038'
let shareUrl = ''
let customerId = 0
let billNumber = ''

async function receiptLines(page: Page) {
  return ((await page.getByTestId('receipt').textContent()) ?? '').split('\n')
}

test('owner sets the address, phone, UPI id and logo on /settings', async ({ page }) => {
  await login(page, 'owner')
  await page.goto('/settings')
  const form = page.getByTestId('document-settings')
  await form.getByLabel('Address').fill(ADDRESS)
  await form.getByLabel('Phone').fill('+91 80 4123 4567')
  await form.getByLabel('UPI id').fill('not a upi id')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByRole('alert')).toContainText('upiId must be a UPI id like name@bank')

  await form.getByLabel('UPI id').fill('demosalon@okaxis')
  await form.getByLabel('Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logoPng() })
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByRole('status')).toHaveText('Saved')
  await expect(form.getByRole('img', { name: /logo/ })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/settings.png', fullPage: true })

  const stores = await (await page.request.get('/api/stores?depth=0')).json()
  expect(stores.docs[0]).toMatchObject({ address: ADDRESS, phone: '+91 80 4123 4567', upiId: 'demosalon@okaxis', logo: expect.any(Number) })
})

test('cashier: the receipt at 80 mm and 58 mm, with the store on top; share the bill', async ({ page }) => {
  await login(page, 'cashier')
  const phone = await newCustomerAtPos(page, 'Priya Share')
  await addService(page, 1, 'Hair colour (global, long hair) with treatment', '1000')
  await page.getByLabel('Payment amount 1').fill('400')
  await page.getByRole('button', { name: 'Complete bill (pending ₹600.00)' }).click()
  const receipt = page.getByTestId('receipt')
  await expect(receipt).toContainText('PENDING BALANCE: ₹600.00')
  await expect(receipt).toContainText(ADDRESS)
  await expect(receipt).toContainText('Ph: +91 80 4123 4567')
  for (const line of await receiptLines(page)) expect([...line].length).toBeLessThanOrEqual(48)
  await page.screenshot({ path: 'test-results/screens/receipt-80mm.png', fullPage: true })

  await page.getByLabel('Paper').selectOption('58mm')
  await expect(receipt).toHaveAttribute('data-paper', '58mm')
  await expect(receipt).toContainText('PENDING BALANCE: ₹600.00')
  const narrow = await receiptLines(page)
  expect(narrow).toContain('-'.repeat(32))
  for (const line of narrow) expect([...line].length).toBeLessThanOrEqual(32)
  await page.screenshot({ path: 'test-results/screens/receipt-58mm.png', fullPage: true })

  billNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Bill ', '').trim()
  await page.getByRole('button', { name: 'Copy link' }).click()
  shareUrl = await page.getByTestId('share-url').inputValue()
  expect(shareUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/)
  const whatsapp = await page.getByTestId('whatsapp-link').getAttribute('href')
  expect(whatsapp).toMatch(new RegExp(`^https://wa\\.me/${phone.slice(1)}\\?text=`))
  const text = decodeURIComponent(whatsapp!.split('?text=')[1]!)
  expect(text).toContain(`your bill ${billNumber} from Demo Salon: ₹600.00 due.`)
  expect(text).toContain(shareUrl)
  customerId = (await customerByPhone(page, phone)).id
})

test('the public page on a phone: the bill, amount due, UPI QR and link, PDF — no login, no referrer, noindex', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const response = await page.goto(shareUrl)
  expect(response?.status()).toBe(200)
  expect(response?.headers()['referrer-policy']).toBe('no-referrer')
  expect(response?.headers()['x-robots-tag']).toContain('noindex')
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer')

  await expect(page.getByRole('heading', { name: 'Demo Salon' })).toBeVisible()
  await expect(page.getByText(ADDRESS)).toBeVisible()
  await expect(page.getByTestId('amount-due')).toHaveText('₹600.00')
  await expect(page.getByRole('img', { name: 'UPI QR code to pay ₹600.00' })).toBeVisible()
  await expect(page.getByTestId('upi-link')).toHaveAttribute('href', `upi://pay?pa=demosalon%40okaxis&pn=Demo%20Salon&am=600.00&cu=INR&tn=${billNumber}`)
  await expect(page.getByText('Hair colour (global, long hair) with treatment')).toBeVisible()
  const logo = page.locator('img.doc__logo')
  await expect(logo).toBeVisible()
  expect(await logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(96)
  await page.screenshot({ path: 'test-results/screens/share-page-phone.png', fullPage: true })

  const pdf = await context.request.get(
    await page
      .getByTestId('download-pdf')
      .getAttribute('href')
      .then((href) => new URL(href!, shareUrl).toString()),
  )
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect(pdf.headers()['referrer-policy']).toBe('no-referrer')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
  // The page has no way into the app.
  expect(await context.cookies()).toEqual([])
  await context.close()
})

test('forged token 404, and a link revoked from the customer page is 404 — the same page, no hint', async ({ page, request }) => {
  const token = shareUrl.split('/s/')[1]!
  const forged = `${shareUrl.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
  const missing = await request.get(forged)
  expect(missing.status()).toBe(404)
  expect(missing.headers()['x-robots-tag']).toContain('noindex')
  const missingText = await missing.text()
  expect((await request.get(`${new URL(shareUrl).origin}/s/short`)).status()).toBe(404)
  expect((await request.get(`${forged}/pdf`)).status()).toBe(404)

  await login(page, 'owner')
  await page.goto(`/customers/${customerId}`)
  const links = page.getByTestId('share-links')
  await expect(links).toContainText('live')
  await page.screenshot({ path: 'test-results/screens/customer-documents.png', fullPage: true })
  await links.getByRole('button', { name: 'Revoke' }).click()
  await expect(links).toContainText('revoked')
  await expect(links.getByRole('button', { name: 'Revoke' })).toHaveCount(0)

  const revoked = await request.get(shareUrl)
  expect(revoked.status()).toBe(404)
  // Not the same bytes (build ids, nonces) but the same page: no word of revocation or expiry.
  expect(await revoked.text()).not.toMatch(/revoked|expired/i)
  expect(missingText).not.toMatch(/revoked|expired/i)
  expect((await request.get(`${shareUrl}/pdf`)).status()).toBe(404)
})

test('rate limit: a client that tries unknown tokens is refused, other clients are not', async ({ page, request }) => {
  await login(page, 'cashier')
  const link = await page.request.post('/api/share-links', { data: { document: 'statement', id: customerId }, headers: fromThePage(page) })
  expect(link.status()).toBe(201)
  const url = (await link.json()).url as string
  const attacker = { 'x-forwarded-for': '203.0.113.9' }
  for (let attempt = 0; attempt < 11; attempt++) {
    expect((await request.get(`${new URL(url).origin}/s/${'A'.repeat(42)}${attempt % 10}`, { headers: attacker })).status()).toBe(404)
  }
  expect((await request.get(url, { headers: attacker })).status()).toBe(404)
  expect((await request.get(`${url}/pdf`, { headers: attacker })).status()).toBe(429)
  expect((await request.get(url)).status()).toBe(200)
})
